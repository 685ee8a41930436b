package org.opencoc.attachment.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How the tries of one call are counted and paused. */
class TriesTest {

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final TransferListener listener = new TransferListener() {
        @Override
        public void retrying(String reason, long delayMillis) {
            told.add(reason + " after " + delayMillis);
        }
    };
    private final Tries tries = new Tries(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
            Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC), slept::add);

    @Test
    void pausesWithTheBackoffUntilTheLastTry() throws ClientException {
        assertThat(tries.left()).isTrue();
        tries.pause(Optional.empty(), "503", listener);
        assertThat(tries.left()).isTrue();
        tries.pause(Optional.empty(), "503", listener);

        assertThat(tries.left()).isFalse();
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(told).containsExactly("503; try 2 of 3 after 1000", "503; try 3 of 3 after 2000");
    }

    @Test
    void retryAfterOfTheServiceReplacesTheBackoff() throws ClientException {
        tries.pause(Optional.of("7"), "503", listener);

        assertThat(slept).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void progressStartsAFreshCount() throws ClientException {
        tries.pause(Optional.empty(), "cut", listener);
        tries.pause(Optional.empty(), "cut", listener);

        tries.progressed();

        assertThat(tries.left()).isTrue();
        tries.pause(Optional.empty(), "cut", listener);
        assertThat(told).last().isEqualTo("cut; try 2 of 3 after 1000");
    }

    @Test
    void spendCountsATryWithoutPausing() {
        assertThat(tries.spend()).isTrue();
        assertThat(tries.spend()).isTrue();
        assertThat(tries.spend()).isFalse();

        assertThat(slept).isEmpty();
        assertThat(tries.left()).isFalse();
    }
}
