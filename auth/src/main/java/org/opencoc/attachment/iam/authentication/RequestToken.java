package org.opencoc.attachment.iam.authentication;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified token of the current request, set by {@link BearerAuthenticationFilter}, and the
 * producer of the request's {@link JsonWebToken}: the verified token, or, for a request without one,
 * a token with no claims ({@code getRawToken()} null), as MicroProfile JWT specifies.
 *
 * <p>The token travels as a property of the request ({@link #PROPERTY}; in a servlet container a
 * JAX-RS request property is also a servlet request attribute), not in a request-scoped bean: the
 * filters and resources on the hot path then need no CDI context lookup, proxy or per-request bean
 * instance. Only code that injects {@code JsonWebToken} pays for a request-scoped bean.
 */
@ApplicationScoped
public class RequestToken {

    /** The request property (and servlet request attribute) with the request's {@link VerifiedToken}. */
    public static final String PROPERTY = "org.opencoc.attachment.iam.token";

    @Inject
    HttpServletRequest servletRequest;

    /** The verified token of {@code request}, if it carried one. */
    public static Optional<VerifiedToken> of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof VerifiedToken token ? Optional.of(token) : Optional.empty();
    }

    static void set(ContainerRequestContext request, VerifiedToken token) {
        request.setProperty(PROPERTY, token);
    }

    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken() {
        return servletRequest.getAttribute(PROPERTY) instanceof VerifiedToken token ? token : VerifiedToken.ANONYMOUS;
    }
}
