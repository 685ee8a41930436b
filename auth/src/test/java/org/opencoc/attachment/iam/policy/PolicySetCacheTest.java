package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PolicySetCacheTest {

    private static final String CLAIM = "[{\"Version\":\"5.0\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}]";

    private final AtomicInteger parses = new AtomicInteger();

    private Supplier<List<Policy>> parser(String claim) {
        return () -> {
            parses.incrementAndGet();
            return Policy.parseAll(claim, "policies");
        };
    }

    @Test
    void parsesARepeatedKeyOnce() {
        PolicySetCache cache = new PolicySetCache();
        List<Policy> first = cache.get("k", parser(CLAIM));
        List<Policy> second = cache.get("k", parser(CLAIM));
        assertThat(second).isSameAs(first);
        assertThat(parses).hasValue(1);
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsBound() {
        PolicySetCache cache = new PolicySetCache(2);
        cache.get("a", parser(CLAIM));
        cache.get("b", parser(CLAIM));
        cache.get("a", parser(CLAIM));
        cache.get("c", parser(CLAIM));
        assertThat(cache.size()).isEqualTo(2);
        cache.get("a", parser(CLAIM));
        assertThat(parses).hasValue(3);
        cache.get("b", parser(CLAIM));
        assertThat(parses).hasValue(4);
    }

    @Test
    void cachesNothingWhenParsingFails() {
        PolicySetCache cache = new PolicySetCache();
        assertThrows(PolicyException.class, () -> cache.get("bad", parser("[{\"Version\":\"9\"}]")));
        assertThat(cache.size()).isZero();
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThrows(IllegalArgumentException.class, () -> new PolicySetCache(0));
    }

    @Test
    void keyIsStableAndSeparatesParts() {
        assertThat(PolicySetCache.key(CLAIM, "readers")).isEqualTo(PolicySetCache.key(CLAIM, "readers"))
                .hasSize(64);
        assertThat(PolicySetCache.key("ab", "c")).isNotEqualTo(PolicySetCache.key("a", "bc"));
        assertThat(PolicySetCache.key("a", null)).isNotEqualTo(PolicySetCache.key("a", ""));
    }
}
