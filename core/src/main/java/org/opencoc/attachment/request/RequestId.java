package org.opencoc.attachment.request;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of one request, echoed in {@code X-Request-Id}, written in audit lines and put into 500
 * messages. A client may send its own id (letters, digits, {@code -_.}, at most 64 characters);
 * anything else is replaced by a random UUID so ids are safe to log and to put in a header. The web
 * layer's first servlet filter assigns it ({@link #ATTRIBUTE}); the IAM filters and the error mappers
 * read it there.
 */
public final class RequestId {

    /** The request attribute (servlet) / property (JAX-RS) that holds the id. */
    public static final String ATTRIBUTE = "org.opencoc.attachment.requestId";

    /** The header that carries the id in both directions. */
    public static final String HEADER = "X-Request-Id";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestId() {
    }

    /** The client's id if it is safe, else a new random one. */
    public static String acceptOrCreate(String fromClient) {
        return fromClient != null && SAFE.matcher(fromClient).matches() ? fromClient : create();
    }

    /**
     * A new random id in UUID form (version 4 bits set). The randomness is {@link ThreadLocalRandom}'s,
     * not {@code SecureRandom}'s: an id only has to be unique in practice, not unguessable, and
     * {@code UUID.randomUUID()} serialises every request on one lock of the JVM's shared
     * {@code SecureRandom} (seen in the benchmark's JFR profile of 4 KiB GETs).
     */
    static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }
}
