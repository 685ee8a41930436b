package org.opencoc.attachment.iam.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Parsed policy sets kept per distinct input (the {@code policies} and {@code groups} claims of a token),
 * so that policies seen before are not parsed again, whichever token carries them.
 *
 * <p>A bounded least-recently-used map guarded by one lock; parsing happens outside the lock. A parse
 * that throws caches nothing and the exception reaches the caller (who fails closed). Keys are whatever
 * identifies the input completely; {@link #key(String...)} hashes the inputs (for instance the raw JSON
 * of the {@code policies} claim and the group names) into a short fixed-size key, so the cache never
 * holds the token text itself.
 */
public final class PolicySetCache {

    /** The default bound on the number of cached policy sets. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final Map<String, List<Policy>> entries;

    /** A cache of at most {@value #DEFAULT_MAX_ENTRIES} policy sets. */
    public PolicySetCache() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /** A cache of at most {@code maxEntries} policy sets; the least recently used goes first. */
    public PolicySetCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Policy>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The cached policy set for {@code key}, or the result of {@code parser}, which is then cached.
     *
     * @throws PolicyException what {@code parser} throws; nothing is cached then
     */
    public List<Policy> get(String key, Supplier<List<Policy>> parser) {
        Objects.requireNonNull(key, "key");
        synchronized (entries) {
            List<Policy> cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<Policy> parsed = List.copyOf(parser.get());
        synchronized (entries) {
            List<Policy> raced = entries.putIfAbsent(key, parsed);
            return raced != null ? raced : parsed;
        }
    }

    /** How many policy sets are cached now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * A cache key for the given inputs: the hex SHA-256 of the parts, each length-prefixed so that
     * different splits of the same text give different keys. {@code null} parts count as absent.
     */
    public static String key(String... parts) {
        MessageDigest digest = sha256();
        for (String part : parts) {
            byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
            digest.update((byte) (part == null ? 0 : 1));
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
