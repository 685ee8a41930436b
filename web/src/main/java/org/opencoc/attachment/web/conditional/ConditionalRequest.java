package org.opencoc.attachment.web.conditional;

import java.util.Objects;

/**
 * The parts of a GET or HEAD request that decide a conditional or ranged answer.
 *
 * <p>Each header is its raw field value exactly as {@code HttpHeaders.getHeaderString(name)} returns it:
 * {@code null} when the header is absent, several field lines of the same name joined with a comma. A
 * present but empty value is not the same as an absent header (an empty {@code If-Match} lists no tag,
 * so it fails).
 *
 * @param method the request method; never {@code null}
 * @param ifMatch {@code If-Match}, or {@code null}
 * @param ifNoneMatch {@code If-None-Match}, or {@code null}
 * @param ifModifiedSince {@code If-Modified-Since}, or {@code null}
 * @param ifUnmodifiedSince {@code If-Unmodified-Since}, or {@code null}
 * @param range {@code Range}, or {@code null}
 * @param ifRange {@code If-Range}, or {@code null}
 */
public record ConditionalRequest(
        Method method,
        String ifMatch,
        String ifNoneMatch,
        String ifModifiedSince,
        String ifUnmodifiedSince,
        String range,
        String ifRange) {

    /** The two methods that read a representation. */
    public enum Method {
        GET,
        HEAD
    }

    public ConditionalRequest {
        Objects.requireNonNull(method, "method");
    }
}
