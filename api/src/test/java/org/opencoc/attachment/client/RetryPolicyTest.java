package org.opencoc.attachment.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void backoffDoublesFromTheInitialDelay() {
        assertThat(policy.delayBefore(2, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(3, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(5, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void backoffStopsAtTheMaximum() {
        assertThat(policy.delayBefore(40, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterSecondsReplacesTheBackoff() {
        assertThat(policy.delayBefore(2, Optional.of("5"), NOW)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterHttpDateIsTheTimeUntilThen() {
        assertThat(policy.delayBefore(2, Optional.of("Tue, 01 Dec 2026 09:00:12 GMT"), NOW)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterIsCappedByTheMaximum() {
        assertThat(policy.delayBefore(2, Optional.of("86400"), NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterInThePastMeansAtOnce() {
        assertThat(policy.delayBefore(2, Optional.of("Tue, 01 Dec 2026 08:00:00 GMT"), NOW)).isZero();
    }

    @Test
    void retryAfterThatIsNeitherFallsBackToTheBackoff() {
        assertThat(policy.delayBefore(3, Optional.of("soon"), NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(3, Optional.of("-5"), NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void zeroAttemptsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }
}
