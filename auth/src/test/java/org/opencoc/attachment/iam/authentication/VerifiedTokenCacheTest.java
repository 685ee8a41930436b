package org.opencoc.attachment.iam.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;

import org.opencoc.attachment.iam.Caller;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Caller ALICE = new Caller(Caller.PrincipalType.USER, "domain-a", "", "alice-id", "alice", false);

    private final MutableClock clock = new MutableClock(NOW);

    private VerifiedTokenCache cache(int maxEntries, long maxBytes) {
        return new VerifiedTokenCache(clock, Duration.ofSeconds(30), Duration.ofMinutes(5), maxEntries, maxBytes);
    }

    private static VerifiedToken token(String raw, Instant exp, Instant nbf) {
        return VerifiedToken.of(raw, TokenVerifier.sha256(raw), Json.createObjectBuilder().build(), ALICE,
                exp.getEpochSecond(), nbf == null ? null : nbf.getEpochSecond());
    }

    @Test
    void returnsATokenStoredBefore() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        VerifiedToken token = token("a.b.c", NOW.plusSeconds(600), null);

        cache.put(token, 1);

        assertThat(cache.get(token.key(), 1)).containsSame(token);
    }

    @Test
    void dropsATokenThatExpiresWhileCached() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        VerifiedToken token = token("a.b.c", NOW.plusSeconds(60), null);
        cache.put(token, 1);

        clock.advance(Duration.ofSeconds(89));
        assertThat(cache.get(token.key(), 1)).isPresent();
        clock.advance(Duration.ofSeconds(1));

        assertThat(cache.get(token.key(), 1)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void keepsAnEntryNoLongerThanTheMaximumLifetime() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        VerifiedToken token = token("a.b.c", NOW.plus(Duration.ofDays(1)), null);
        cache.put(token, 1);

        clock.advance(Duration.ofMinutes(5));

        assertThat(cache.get(token.key(), 1)).isEmpty();
    }

    @Test
    void checksNbfOnEveryHit() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        clock.advance(Duration.ofSeconds(40));
        VerifiedToken token = token("a.b.c", NOW.plusSeconds(600), NOW.plusSeconds(60));
        cache.put(token, 1);
        assertThat(cache.get(token.key(), 1)).isPresent();

        clock.advance(Duration.ofSeconds(-20));

        assertThat(cache.get(token.key(), 1)).isEmpty();
    }

    @Test
    void ignoresEntriesOfAnotherKeyGeneration() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        VerifiedToken token = token("a.b.c", NOW.plusSeconds(600), null);
        cache.put(token, 1);

        assertThat(cache.get(token.key(), 2)).isEmpty();
    }

    @Test
    void theEntryBoundHoldsUnderManyTokens() {
        VerifiedTokenCache cache = cache(100, 1 << 20);

        for (int i = 0; i < 10_000; i++) {
            cache.put(token("token-" + i, NOW.plusSeconds(600), null), 1);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
        }
        VerifiedToken last = token("token-last", NOW.plusSeconds(600), null);
        cache.put(last, 1);
        assertThat(cache.get(last.key(), 1)).containsSame(last);
    }

    @Test
    void theByteBoundHoldsUnderManyTokens() {
        VerifiedTokenCache cache = cache(10_000, 100_000);

        for (int i = 0; i < 5_000; i++) {
            cache.put(token(i + "-" + "x".repeat(200), NOW.plusSeconds(600), null), 1);
            assertThat(cache.bytes()).isLessThanOrEqualTo(100_000);
        }
        assertThat(cache.size()).isPositive();
    }

    @Test
    void sweepsExpiredEntriesFirst() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        for (int i = 0; i < 9; i++) {
            cache.put(token("short-" + i, NOW.plusSeconds(10), null), 1);
        }
        VerifiedToken keeper = token("keeper", NOW.plusSeconds(600), null);
        cache.put(keeper, 1);
        clock.advance(Duration.ofSeconds(60));

        cache.put(token("new", NOW.plusSeconds(600), null), 1);

        assertThat(cache.get(keeper.key(), 1)).containsSame(keeper);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void storesNothingWhenOff() {
        VerifiedTokenCache cache = cache(0, 1 << 20);

        cache.put(token("a.b.c", NOW.plusSeconds(600), null), 1);

        assertThat(cache.size()).isZero();
    }

    @Test
    void clearForgetsEverything() {
        VerifiedTokenCache cache = cache(10, 1 << 20);
        cache.put(token("a.b.c", NOW.plusSeconds(600), null), 1);

        cache.clear();

        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }
}
