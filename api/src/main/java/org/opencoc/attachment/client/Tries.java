package org.opencoc.attachment.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The tries of one call under a {@link RetryPolicy}: it counts them and takes the pause before the
 * next one (the policy's backoff, or the service's {@code Retry-After}), telling the listener why and
 * which try follows. A download that made progress starts a fresh count ({@link #progressed}).
 */
final class Tries {

    private final RetryPolicy policy;
    private final Clock clock;
    private final AttachmentClient.Sleeper sleeper;
    private int attempt = 1;

    Tries(RetryPolicy policy, Clock clock, AttachmentClient.Sleeper sleeper) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Whether the policy allows another try after the current one. */
    boolean left() {
        return attempt < policy.attempts();
    }

    /** Counts a try that needs no pause; false when the current one was the last allowed. */
    boolean spend() {
        return attempt++ < policy.attempts();
    }

    /** Bytes arrived: the count starts again at the first try. */
    void progressed() {
        attempt = 1;
    }

    /** Counts the next try and waits for it; only when {@link #left} said there is one. */
    void pause(Optional<String> retryAfter, String reason) throws ClientException {
        pause(retryAfter, reason, TransferListener.NONE);
    }

    /** Counts the next try, tells {@code listener} why, and waits for it. */
    void pause(Optional<String> retryAfter, String reason, TransferListener listener) throws ClientException {
        attempt++;
        Duration delay = policy.delayBefore(attempt, retryAfter, clock.instant());
        listener.retrying(reason + "; try " + attempt + " of " + policy.attempts(), delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw Answers.interrupted(e);
        }
    }
}
