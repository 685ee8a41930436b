package org.opencoc.attachment.iam.authentication;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified token of the current request, set by {@link BearerAuthenticationFilter}, and the
 * producer of the request's {@link JsonWebToken}: the verified token, or, for a request without one,
 * a token with no claims ({@code getRawToken()} null), as MicroProfile JWT specifies.
 */
@RequestScoped
public class RequestToken {

    private VerifiedToken token;

    /** The verified token of this request, if it carried one. */
    public Optional<VerifiedToken> get() {
        return Optional.ofNullable(token);
    }

    void set(VerifiedToken token) {
        this.token = token;
    }

    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken() {
        return token == null ? VerifiedToken.ANONYMOUS : token;
    }
}
