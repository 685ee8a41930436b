package org.opencoc.attachment.web.error;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.error.ErrorCode;

/**
 * Builds error responses: the envelope as {@code application/json} with the code's status
 * ({@link HttpStatuses}), plus the
 * headers some statuses require ({@code WWW-Authenticate} on 401, {@code Retry-After} on 503).
 */
public final class ErrorResponses {

    /** Seconds a client should wait before retrying after a 503. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** The challenge sent with every 401. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"coc-attachments\"";

    private ErrorResponses() {
    }

    /** The envelope for {@code code} with {@code message}, answered with the code's status. */
    public static Response of(ErrorCode code, String message) {
        return of(HttpStatuses.of(code), code, message);
    }

    /** The envelope for {@code code} with {@code message}, answered with {@code status}. */
    public static Response of(int status, ErrorCode code, String message) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorEnvelope.of(code.code(), message));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        } else if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
