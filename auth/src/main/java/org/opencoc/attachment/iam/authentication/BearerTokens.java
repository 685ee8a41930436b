package org.opencoc.attachment.iam.authentication;

import java.util.List;
import java.util.Optional;

/**
 * Reads the bearer token from the {@code Authorization} header (RFC 6750 §2.1): the scheme
 * {@code Bearer} in any case (RFC 9110 §11.1), one or more spaces, then the token. The token itself is
 * checked by {@link TokenVerifier}, which refuses anything but the strict compact form.
 */
public final class BearerTokens {

    private static final String SCHEME = "Bearer";

    private BearerTokens() {
    }

    /**
     * The token of the request's {@code Authorization} header values; empty when there is none.
     *
     * @throws TokenRefused when there are several headers, or the one header is not a bearer token
     */
    public static Optional<String> from(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return Optional.empty();
        }
        if (authorization.size() > 1) {
            throw new TokenRefused("the request has more than one Authorization header");
        }
        String value = authorization.get(0).strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            throw new TokenRefused("the Authorization header does not carry a Bearer token");
        }
        String token = value.substring(SCHEME.length()).stripLeading();
        if (token.isEmpty()) {
            throw new TokenRefused("the Authorization header does not carry a Bearer token");
        }
        return Optional.of(token);
    }
}
