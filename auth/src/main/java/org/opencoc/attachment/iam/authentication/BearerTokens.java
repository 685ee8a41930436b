package org.opencoc.attachment.iam.authentication;

import java.util.List;
import java.util.Optional;

/**
 * Reads the bearer token from the {@code Authorization} header (RFC 6750 §2.1): the scheme
 * {@code Bearer} in any case (RFC 9110 §11.1), one or more spaces, then the token (whitespace around
 * the value is not part of it). The token itself is checked by {@link TokenVerifier}, which refuses
 * anything but the strict compact form.
 */
public final class BearerTokens {

    private static final String SCHEME = "Bearer";

    private BearerTokens() {
    }

    /**
     * The token of the request's {@code Authorization} header values, verified by {@code verifier}
     * (the header is read in place: a token found in the verifier's cache is never copied); empty when
     * there is no header.
     *
     * @throws TokenRefused when there are several headers, the one header is not a bearer token, or
     *                      the verifier refuses the token
     */
    public static Optional<VerifiedToken> verify(List<String> authorization, TokenVerifier verifier) {
        if (authorization == null || authorization.isEmpty()) {
            return Optional.empty();
        }
        if (authorization.size() > 1) {
            throw new TokenRefused("the request has more than one Authorization header");
        }
        String value = authorization.get(0);
        int end = value.length();
        while (end > 0 && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        int start = skipWhitespace(value, 0, end);
        if (end - start <= SCHEME.length() || !value.regionMatches(true, start, SCHEME, 0, SCHEME.length())
                || value.charAt(start + SCHEME.length()) != ' ') {
            throw new TokenRefused("the Authorization header does not carry a Bearer token");
        }
        start = skipWhitespace(value, start + SCHEME.length(), end);
        if (start == end) {
            throw new TokenRefused("the Authorization header does not carry a Bearer token");
        }
        return Optional.of(verifier.verify(value, start, end));
    }

    private static int skipWhitespace(String value, int from, int end) {
        int at = from;
        while (at < end && Character.isWhitespace(value.charAt(at))) {
            at++;
        }
        return at;
    }
}
