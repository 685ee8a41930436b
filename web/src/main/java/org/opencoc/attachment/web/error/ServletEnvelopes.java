package org.opencoc.attachment.web.error;

import java.io.IOException;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;

import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.error.ErrorCode;

/**
 * Writes the error envelope straight to a servlet response, for refusals outside JAX-RS (servlet
 * filters, the container's error page), with the headers {@link ErrorResponses} adds for the same
 * status ({@code WWW-Authenticate} on 401, {@code Retry-After} on 503).
 */
public final class ServletEnvelopes {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private ServletEnvelopes() {
    }

    /** Answers {@code code}'s status ({@link HttpStatuses}) with the envelope of {@code code} and {@code message}. */
    public static void write(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        write(response, HttpStatuses.of(code), code, message);
    }

    /** Answers {@code status} with the envelope of {@code code} and {@code message}. */
    public static void write(HttpServletResponse response, int status, ErrorCode code, String message)
            throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", ErrorResponses.BEARER_CHALLENGE);
        } else if (status == 503) {
            response.setHeader("Retry-After", ErrorResponses.RETRY_AFTER_SECONDS);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSONB.toJson(ErrorEnvelope.of(code.code(), message), response.getWriter());
    }
}
