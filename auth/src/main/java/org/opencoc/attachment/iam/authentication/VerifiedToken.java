package org.opencoc.attachment.iam.authentication;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.opencoc.attachment.iam.Caller;

/**
 * A token whose signature and claims were verified, as the MicroProfile JWT API sees it. Immutable and
 * shared by every request that presents the same token.
 *
 * <p>{@link #getClaim(String)} answers as MP JWT specifies: {@code String} for {@code iss}, {@code sub},
 * {@code jti}, {@code upn}, {@code preferred_username} and {@code raw_token}; {@code Long} for
 * {@code exp}, {@code iat}, {@code nbf} and {@code auth_time}; {@code Set<String>} for {@code aud} and
 * {@code groups}; the JSON-P value for every other claim; {@code null} when absent.
 */
public final class VerifiedToken implements JsonWebToken {

    /** The request has no token: every claim is absent. */
    public static final JsonWebToken ANONYMOUS = new Anonymous();

    private final String rawToken;
    private final String cacheKey;
    private final JsonObject claims;
    private final Caller caller;
    private final long expiresAt;
    private final Long notBefore;

    VerifiedToken(String rawToken, String cacheKey, JsonObject claims, Caller caller, long expiresAt, Long notBefore) {
        this.rawToken = Objects.requireNonNull(rawToken, "rawToken");
        this.cacheKey = Objects.requireNonNull(cacheKey, "cacheKey");
        this.claims = Objects.requireNonNull(claims, "claims");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
    }

    /** The caller the claims name. */
    public Caller caller() {
        return caller;
    }

    /** The base64 SHA-256 of the compact token: the cache key, also good for keying per-token caches. */
    public String key() {
        return cacheKey;
    }

    /** {@code exp}, epoch seconds. */
    long expiresAtSecond() {
        return expiresAt;
    }

    /** {@code nbf}, epoch seconds, or null. */
    Long notBeforeSecond() {
        return notBefore;
    }

    /** MP JWT: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    @Override
    public String getName() {
        String upn = text("upn");
        if (upn != null) {
            return upn;
        }
        String preferred = text(Claims.preferred_username.name());
        return preferred != null ? preferred : text(Claims.sub.name());
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims.keySet());
        names.add(Claims.raw_token.name());
        return Collections.unmodifiableSet(names);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) claimValue(name);
    }

    @Override
    public long getExpirationTime() {
        return expiresAt;
    }

    @Override
    public long getIssuedAtTime() {
        Object iat = claimValue(Claims.iat.name());
        return iat instanceof Long seconds ? seconds : 0;
    }

    @Override
    public String toString() {
        return "VerifiedToken[" + caller.urn() + "]";
    }

    private Object claimValue(String name) {
        if (name == null) {
            return null;
        }
        switch (name) {
            case "raw_token":
                return rawToken;
            case "iss", "sub", "jti", "upn", "preferred_username":
                return text(name);
            case "exp", "iat", "nbf", "auth_time":
                JsonValue number = claims.get(name);
                return number instanceof JsonNumber json ? json.longValue() : null;
            case "aud", "groups":
                return strings(claims.get(name));
            default:
                return claims.get(name);
        }
    }

    private String text(String name) {
        return claims.get(name) instanceof JsonString json ? json.getString() : null;
    }

    private static Set<String> strings(JsonValue value) {
        if (value instanceof JsonString single) {
            return Set.of(single.getString());
        }
        if (!(value instanceof JsonArray array)) {
            return null;
        }
        Set<String> strings = new LinkedHashSet<>();
        for (JsonValue item : array) {
            if (item instanceof JsonString json) {
                strings.add(json.getString());
            }
        }
        return Collections.unmodifiableSet(strings);
    }

    /** The token of a request without one. */
    private static final class Anonymous implements JsonWebToken {

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return null;
        }

        @Override
        public long getExpirationTime() {
            return 0;
        }

        @Override
        public long getIssuedAtTime() {
            return 0;
        }

        @Override
        public String toString() {
            return "JsonWebToken[anonymous]";
        }
    }
}
