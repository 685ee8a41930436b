package org.opencoc.attachment.iam.boundary;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one request, echoed in {@code X-Request-Id}, written in audit lines and put into 500
 * messages. A client may send its own id (letters, digits, {@code -_.}, at most 64 characters);
 * anything else is replaced by a random UUID so ids are safe to log and to put in a header.
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
        return fromClient != null && SAFE.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
    }
}
