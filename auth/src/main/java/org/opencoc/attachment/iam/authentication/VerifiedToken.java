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
import org.opencoc.attachment.iam.policy.PolicySetCache;

/**
 * A token whose signature and claims were verified, as the MicroProfile JWT API sees it. Immutable and
 * shared by every request that presents the same token.
 *
 * <p>{@link #getClaim(String)} answers as MP JWT specifies: {@code String} for {@code iss}, {@code sub},
 * {@code jti}, {@code upn}, {@code preferred_username} and {@code raw_token}; {@code Long} for
 * {@code exp}, {@code iat}, {@code nbf} and {@code auth_time}; {@code Set<String>} for {@code aud} and
 * {@code groups}; the JSON-P value for every other claim; {@code null} when absent.
 *
 * <p>What a cached token holds is small: the compact token, its SHA-256, the caller, the name, the
 * times and the key of its authorization claims ({@link #authorizationKey()}): about 400 bytes beside
 * the token text (measured, {@link VerifiedTokenCache}). Other claims are parsed from the token again
 * when asked for; nothing on a request's hot path asks.
 */
public final class VerifiedToken implements JsonWebToken {

    /** The request has no token: every claim is absent. */
    public static final JsonWebToken ANONYMOUS = new Anonymous();

    private static final String POLICIES = "policies";

    private final String rawToken;
    private final String cacheKey;
    private final Caller caller;
    private final String name;
    private final long expiresAt;
    private final Long notBefore;
    private final long issuedAt;
    private final String authorizationKey;

    private VerifiedToken(String rawToken, String cacheKey, Caller caller, String name, long expiresAt,
                          Long notBefore, long issuedAt, String authorizationKey) {
        this.rawToken = Objects.requireNonNull(rawToken, "rawToken");
        this.cacheKey = Objects.requireNonNull(cacheKey, "cacheKey");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.name = name;
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
        this.issuedAt = issuedAt;
        this.authorizationKey = Objects.requireNonNull(authorizationKey, "authorizationKey");
    }

    /**
     * The token whose compact form {@code rawToken} carries {@code claims}, already checked. Keeps what
     * every request needs (the caller, the times, the key of the authorization claims) and not the
     * parsed claims: those are read again from {@code rawToken} when asked for.
     */
    static VerifiedToken of(String rawToken, String cacheKey, JsonObject claims, Caller caller, long expiresAt,
                            Long notBefore) {
        String upn = text(claims, "upn");
        String preferred = text(claims, Claims.preferred_username.name());
        String name = upn != null ? upn : preferred != null ? preferred : text(claims, Claims.sub.name());
        long issuedAt = claims.get(Claims.iat.name()) instanceof JsonNumber iat ? iat.longValue() : 0;
        return new VerifiedToken(rawToken, cacheKey, caller, name, expiresAt, notBefore, issuedAt,
                PolicySetCache.key(json(claims.get(POLICIES)), json(claims.get(Claims.groups.name()))));
    }

    /** The caller the claims name. */
    public Caller caller() {
        return caller;
    }

    /** The base64 SHA-256 of the compact token: the cache key, also good for keying per-token caches. */
    public String key() {
        return cacheKey;
    }

    /**
     * The hex SHA-256 of the JSON text of the two claims authorization reads, {@code policies} and
     * {@code groups}: tokens with equal such claims have the same policies, so they may share one parsed
     * policy set ({@link PolicySetCache}) whoever they name and whatever else they carry.
     */
    public String authorizationKey() {
        return authorizationKey;
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
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new LinkedHashSet<>(claims().keySet());
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
        return issuedAt;
    }

    @Override
    public String toString() {
        return "VerifiedToken[" + caller.urn() + "]";
    }

    private Object claimValue(String claim) {
        if (claim == null) {
            return null;
        }
        switch (claim) {
            case "raw_token":
                return rawToken;
            case "exp":
                return expiresAt;
            case "iss", "sub", "jti", "upn", "preferred_username":
                return text(claims(), claim);
            case "iat", "nbf", "auth_time":
                JsonValue number = claims().get(claim);
                return number instanceof JsonNumber json ? json.longValue() : null;
            case "aud", "groups":
                return strings(claims().get(claim));
            default:
                return claims().get(claim);
        }
    }

    /** The claims, parsed again from the token (they were checked when it was verified). */
    private JsonObject claims() {
        return TokenVerifier.claimsOf(rawToken);
    }

    private static String text(JsonObject claims, String claim) {
        return claims.get(claim) instanceof JsonString json ? json.getString() : null;
    }

    private static String json(JsonValue value) {
        return value == null ? null : value.toString();
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
