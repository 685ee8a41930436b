package org.opencoc.attachment.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.iam.authentication.TokenRefused;

/**
 * Answers a missing or refused bearer token, thrown by the IAM request filters, as unauthenticated:
 * the envelope with the refusal's message and the {@code WWW-Authenticate} challenge.
 */
@Provider
public class TokenRefusedMapper implements ExceptionMapper<TokenRefused> {

    @Override
    public Response toResponse(TokenRefused e) {
        return ErrorResponses.of(ErrorCode.UNAUTHENTICATED, e.getMessage());
    }
}
