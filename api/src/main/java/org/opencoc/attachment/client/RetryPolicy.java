package org.opencoc.attachment.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how long to retry a 503 or a failed connection: at most {@code attempts} tries in all;
 * between tries an exponential backoff from {@code initialDelay}, doubled each time up to
 * {@code maxDelay}; a {@code Retry-After} of the service replaces the backoff (capped by
 * {@code maxDelay} too, so a client never hangs for an hour on a misconfigured proxy).
 *
 * @param attempts     tries in all, at least 1 (1 means no retry)
 * @param initialDelay the first backoff
 * @param maxDelay     the longest pause between two tries
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

    /** 5 tries, 1 s doubling up to 30 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** No retry at all. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /**
     * The pause before try {@code nextTry} (2 for the first retry), given the {@code Retry-After} the
     * service sent (if any) and the current time.
     */
    public Duration delayBefore(int nextTry, Optional<String> retryAfter, Instant now) {
        Optional<Duration> asked = retryAfter.flatMap(value -> parseRetryAfter(value, now));
        Duration delay = asked.orElseGet(() -> {
            Duration backoff = initialDelay;
            for (int i = 2; i < nextTry && backoff.compareTo(maxDelay) < 0; i++) {
                backoff = backoff.multipliedBy(2);
            }
            return backoff;
        });
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; empty when it is neither. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration until = Duration.between(now, at);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
