package org.opencoc.attachment.iam.authentication;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens verified before, keyed by the SHA-256 of the whole compact token (signature included), so a
 * token is accepted from the cache only when it is exactly, byte for byte, the one that was verified.
 * Only successes are stored. An entry is used only while
 * <ul>
 *   <li>the key set it was verified with is still the current one ({@link KeySource.Generation});</li>
 *   <li>{@code now} is before the earlier of {@code exp} + skew and the time it was stored plus the
 *       maximum lifetime;</li>
 *   <li>{@code exp} and {@code nbf} still hold with the skew (checked again on every hit).</li>
 * </ul>
 * Bounded by a number of entries and by an estimate of their heap: one byte per character of token
 * (its text) plus {@value #ENTRY_OVERHEAD_BYTES} (what a {@link VerifiedToken} keeps beside the text,
 * and the map entry: about 400 bytes measured for bench/run's token of 2.8 KB with ten inline policy
 * statements). When a new entry does not fit, expired entries are
 * swept, and if that is not enough about a tenth of the entries is dropped (in the map's hash order,
 * which no client controls). Concurrent puts may overshoot the bounds by one entry per thread. What the cache returns is only who the caller
 * is; authorization is evaluated per request.
 *
 * <p>Thread-safe.
 */
public final class VerifiedTokenCache {

    /** The estimated heap bytes of one cached token beyond its text (one byte per character). */
    public static final int ENTRY_OVERHEAD_BYTES = 512;

    private record Entry(VerifiedToken token, long generation, long usableUntilMillis) {
    }

    private final Clock clock;
    private final Duration skew;
    private final Duration maxLifetime;
    private final int maxEntries;
    private final long maxBytes;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param maxEntries at most this many tokens; 0 turns the cache off
     * @param maxBytes   at most this many estimated heap bytes in all ({@link #ENTRY_OVERHEAD_BYTES})
     */
    public VerifiedTokenCache(Clock clock, Duration skew, Duration maxLifetime, int maxEntries, long maxBytes) {
        this.clock = clock;
        this.skew = skew;
        this.maxLifetime = maxLifetime;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The token stored under {@code key} if it may still be used under key generation {@code generation}. */
    public Optional<VerifiedToken> get(String key, long generation) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (entry.generation() != generation || now >= entry.usableUntilMillis() || !timesHold(entry.token(), now)) {
            remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    /** Stores a token just verified under key generation {@code generation}, if the bounds allow. */
    public void put(VerifiedToken token, long generation) {
        if (maxEntries == 0) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(saturatedAdd(token.expiresAtSecond() * 1000, skew.toMillis()),
                saturatedAdd(now, maxLifetime.toMillis()));
        long length = weight(token);
        if (until <= now || length > maxBytes) {
            return;
        }
        if (entries.size() >= maxEntries || bytes.get() + length > maxBytes) {
            makeRoom(now, length);
        }
        Entry previous = entries.put(token.key(), new Entry(token, generation, until));
        bytes.addAndGet(length - (previous == null ? 0 : weight(previous.token())));
    }

    /** Forgets every token (the keys changed). */
    public void clear() {
        entries.keySet().forEach(key -> {
            Entry entry = entries.get(key);
            if (entry != null) {
                remove(key, entry);
            }
        });
    }

    /** How many tokens are cached. */
    public int size() {
        return entries.size();
    }

    /** The estimated heap bytes of the cached tokens. */
    public long bytes() {
        return bytes.get();
    }

    private boolean timesHold(VerifiedToken token, long nowMillis) {
        long skewMillis = skew.toMillis();
        Long nbf = token.notBeforeSecond();
        return nowMillis < saturatedAdd(token.expiresAtSecond() * 1000, skewMillis)
                && (nbf == null || nbf * 1000 <= saturatedAdd(nowMillis, skewMillis));
    }

    private static long weight(VerifiedToken token) {
        return (long) token.getRawToken().length() + ENTRY_OVERHEAD_BYTES;
    }

    private void makeRoom(long now, long length) {
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> entry = it.next();
            if (now >= entry.getValue().usableUntilMillis() || !timesHold(entry.getValue().token(), now)) {
                remove(entry.getKey(), entry.getValue());
            }
        }
        int target = maxEntries - Math.max(1, maxEntries / 10);
        long byteTarget = maxBytes - Math.max(length, maxBytes / 10);
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
             it.hasNext() && (entries.size() > target || bytes.get() > byteTarget); ) {
            Map.Entry<String, Entry> entry = it.next();
            remove(entry.getKey(), entry.getValue());
        }
    }

    private void remove(String key, Entry entry) {
        if (entries.remove(key, entry)) {
            bytes.addAndGet(-weight(entry.token()));
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
