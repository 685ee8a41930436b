package org.opencoc.attachment.iam.authentication;

import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.request.RequestId;

/**
 * Authenticates every JAX-RS request that carries {@code Authorization: Bearer <token>}: the token is
 * verified by the {@link Authenticator} (once per distinct token, then from its cache) and becomes the
 * request's token ({@link RequestToken#of}). A refused token is thrown on as {@link TokenRefused} (the
 * web layer answers it) and writes one log line, its reason and the request id, never a stack trace. A request without the header stays anonymous; the
 * authorization filter then refuses it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthenticationFilter implements ContainerRequestFilter {

    /** The logger of refused tokens. */
    public static final String LOGGER = BearerAuthenticationFilter.class.getName();

    private static final Logger LOG = Logger.getLogger(LOGGER);

    @Inject
    Authenticator authenticator;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            BearerTokens.verify(request.getHeaders().get(HttpHeaders.AUTHORIZATION), authenticator.verifier())
                    .ifPresent(token -> RequestToken.set(request, token));
        } catch (TokenRefused refused) {
            LOG.info(() -> "Refused a bearer token: " + refused.reason() + " (request "
                    + servletRequest.getAttribute(RequestId.ATTRIBUTE) + ")");
            throw refused;
        }
    }
}
