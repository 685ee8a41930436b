package org.opencoc.attachment.client;

import java.util.Objects;
import java.util.Optional;

import org.opencoc.attachment.api.ErrorEnvelope;

/**
 * A call that did not succeed, classified by what the caller can do about it ({@link Kind}). When the
 * service answered, the exception carries the HTTP status, the error envelope and the request id, and
 * its message is the envelope's {@code error_msg}.
 */
public final class ClientException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, from the caller's point of view; the CLI maps each to its own exit code. */
    public enum Kind {
        /** Refused before anything was sent: the request could never succeed (size, type, bad id). */
        REFUSED_LOCALLY,
        /** 401 or 403: the token is missing, invalid, or its policies do not allow the action. */
        AUTH,
        /** 404: no such attachment in the caller's account. */
        NOT_FOUND,
        /** Another 4xx: the service refused the request (parameter, size, type, range, precondition). */
        REFUSED,
        /** 5xx, including a 503 that outlasted the retries. */
        SERVER,
        /** No answer: connection refused, reset or cut, timeouts, after the retries. */
        NETWORK,
        /** The bytes received do not have the digest the service announced; nothing was kept. */
        INTEGRITY
    }

    private final Kind kind;
    private final int status;
    private final transient ErrorEnvelope envelope;
    private final String requestId;

    ClientException(Kind kind, String message, int status, ErrorEnvelope envelope, String requestId, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.envelope = envelope;
        this.requestId = requestId;
    }

    /** A failure without an HTTP answer. */
    public static ClientException of(Kind kind, String message, Throwable cause) {
        return new ClientException(kind, message, -1, null, null, cause);
    }

    /** The class of the failure. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the answer, or -1 when there was none. */
    public int status() {
        return status;
    }

    /** The error envelope of the answer, when the service sent one. */
    public Optional<ErrorEnvelope> envelope() {
        return Optional.ofNullable(envelope);
    }

    /** The {@code X-Request-Id} of the answer, for a support request. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The kind of an HTTP error status. */
    static Kind kindOf(int status) {
        if (status == 401 || status == 403) {
            return Kind.AUTH;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        return status >= 500 ? Kind.SERVER : Kind.REFUSED;
    }
}
