package org.opencoc.attachment.iam.authentication;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.opencoc.attachment.iam.Caller;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;

/**
 * Verifies compact JWS bearer tokens, each distinct token once: a token found in the
 * {@link VerifiedTokenCache} (same bytes, same key generation, still within {@code exp}/{@code nbf})
 * is accepted without parsing; any other is checked in full and, if accepted, cached.
 *
 * <p>The full check, in order; the first failure refuses the token with its reason:
 * <ol>
 *   <li>at most {@code coc.auth.token.max-bytes} long; three non-empty parts of the base64url alphabet
 *       without padding, each the canonical spelling of its bytes (RFC 7515 §2, §7.1), so one token
 *       has exactly one spelling;</li>
 *   <li>header: {@code alg} RS256 or ES256 (and {@code mp.jwt.verify.publickey.algorithm} if set); no
 *       {@code jwk}, {@code jku}, {@code x5u}, {@code x5c} and no {@code crit}; {@code typ}, if present,
 *       exactly {@code JWT};</li>
 *   <li>signature, with the key named by {@code kid} (or, without {@code kid}, any trusted key), which
 *       must be of the algorithm's type: an RS256 header naming an EC key is refused;</li>
 *   <li>claims, read from the payload with a strict JSON reader (a member name twice anywhere refuses
 *       the token, so a {@code policies} claim cannot mean two things): {@code iss} exactly the issuer,
 *       {@code aud} naming one of the audiences, {@code exp} present and not passed, {@code nbf} not in
 *       the future, {@code iat} not older than {@code mp.jwt.verify.token.age} if set (all with the one
 *       clock skew); {@code sub} and {@code domain_id} non-blank strings; {@code principal_type} absent
 *       (a user) or exactly {@code account} or {@code user}.</li>
 * </ol>
 *
 * <p>Thread-safe. Slightly above the house limit of about 300 lines on purpose: the checks above are
 * the whole gate of authentication and are kept in this one class, in this order, so that a reviewer
 * reads every refusal in sequence; key handling ({@link TrustedKeys}, {@link KeySource}) and the cache
 * ({@link VerifiedTokenCache}) are their own classes.
 */
public final class TokenVerifier {

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final JsonReaderFactory STRICT_JSON =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / 1000 - 1;
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenVerifier::newSha256);

    private final AuthenticationSettings settings;
    private final KeySource keys;
    private final VerifiedTokenCache cache;
    private final Clock clock;
    private volatile long cachedGeneration;

    public TokenVerifier(AuthenticationSettings settings, KeySource keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
        this.cache = new VerifiedTokenCache(clock, settings.clockSkew(), settings.cacheMaxLifetime(),
                settings.cacheEnabled() ? settings.cacheMaxEntries() : 0, settings.cacheMaxBytes());
        this.cachedGeneration = keys.current().number();
    }

    /**
     * The verified token, from the cache or checked now.
     *
     * @throws TokenRefused naming the first check that failed
     */
    public VerifiedToken verify(String compact) {
        return verify(compact, 0, compact.length());
    }

    /**
     * The verified token that is the characters of {@code text} from {@code start} (inclusive) to
     * {@code end} (exclusive), from the cache or checked now. A token found in the cache is not copied
     * out of {@code text}.
     *
     * @throws TokenRefused naming the first check that failed
     */
    public VerifiedToken verify(String text, int start, int end) {
        if (end - start > settings.maxTokenBytes()) {
            throw new TokenRefused("the token is longer than " + settings.maxTokenBytes() + " bytes");
        }
        KeySource.Generation generation = keys.current();
        if (generation.number() != cachedGeneration) {
            cachedGeneration = generation.number();
            cache.clear();
        }
        String key = sha256(text, start, end);
        Optional<VerifiedToken> cached = cache.get(key, generation.number());
        if (cached.isPresent()) {
            return cached.get();
        }
        String compact = start == 0 && end == text.length() ? text : text.substring(start, end);
        VerifiedToken verified = verifyNow(compact, key, generation.keys());
        cache.put(verified, generation.number());
        return verified;
    }

    /** The cache, for its size in tests and logs. */
    VerifiedTokenCache cache() {
        return cache;
    }

    private VerifiedToken verifyNow(String compact, String key, TrustedKeys trusted) {
        if (!COMPACT_JWS.matcher(compact).matches()) {
            throw new TokenRefused("the token is not a compact JWS of three base64url parts");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new TokenRefused("the token cannot be parsed");
        }
        for (Base64URL part : jws.getParsedParts()) {
            if (!Base64URL.encode(part.decode()).toString().equals(part.toString())) {
                throw new TokenRefused("a part of the token is not canonical base64url");
            }
        }
        JWSHeader header = jws.getHeader();
        checkHeader(header);
        verifySignature(jws, header, trusted);
        JsonObject claims = strictClaims(jws.getPayload().toBytes());
        return checkedClaims(compact, key, claims);
    }

    private void checkHeader(JWSHeader header) {
        String alg = header.getAlgorithm().getName();
        if (!TrustedKeys.ALGORITHMS.contains(alg) || settings.algorithm().filter(only -> !only.equals(alg)).isPresent()) {
            throw new TokenRefused("the algorithm " + printable(alg) + " is not accepted");
        }
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            throw new TokenRefused("the header must not carry or point to keys (jwk, jku, x5u, x5c)");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()
                || header.getIncludedParams().contains("crit")) {
            throw new TokenRefused("the header names critical parameters this service does not understand");
        }
        if (header.getIncludedParams().contains("typ") && !JOSEObjectType.JWT.equals(header.getType())) {
            throw new TokenRefused("the header's typ is not JWT");
        }
    }

    private static void verifySignature(JWSObject jws, JWSHeader header, TrustedKeys trusted) {
        String kid = header.getKeyID();
        List<TrustedKeys.TrustedKey> candidates = trusted.candidates(kid);
        if (kid != null && !candidates.isEmpty() && candidates.stream().allMatch(k -> kid.equals(k.kid()))
                && candidates.stream().noneMatch(k -> k.algorithm().equals(header.getAlgorithm()))) {
            throw new TokenRefused("the key " + printable(kid) + " is not a " + header.getAlgorithm() + " key");
        }
        for (TrustedKeys.TrustedKey candidate : candidates) {
            if (!candidate.algorithm().equals(header.getAlgorithm())) {
                continue;
            }
            try {
                if (candidate.verifier().verify(header, jws.getSigningInput(), jws.getSignature())) {
                    return;
                }
            } catch (JOSEException e) {
                throw new TokenRefused("the signature cannot be checked");
            }
        }
        throw new TokenRefused(kid == null || !candidates.isEmpty()
                ? "the signature does not verify with a trusted key"
                : "no trusted key has the id " + printable(kid));
    }

    /**
     * The claims of a token {@link #verify} accepted, read again from its payload (for
     * {@link VerifiedToken}, which does not keep them).
     */
    static JsonObject claimsOf(String verified) {
        int start = verified.indexOf('.') + 1;
        return strictClaims(Base64.getUrlDecoder().decode(verified.substring(start, verified.indexOf('.', start))));
    }

    private static JsonObject strictClaims(byte[] payload) {
        try (JsonReader reader = STRICT_JSON.createReader(new StringReader(new String(payload, StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new TokenRefused("the claims are not a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new TokenRefused("the claims are not valid JSON with unique member names");
        }
    }

    private VerifiedToken checkedClaims(String compact, String key, JsonObject claims) {
        if (!(claims.get("iss") instanceof JsonString iss) || !iss.getString().equals(settings.issuer())) {
            throw new TokenRefused("the issuer is not trusted");
        }
        if (!namesAnAudience(claims.get("aud"))) {
            throw new TokenRefused("the token is not meant for this service (aud)");
        }
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        long exp = epochSecond(claims, "exp")
                .orElseThrow(() -> new TokenRefused("the token has no expiry (exp)"));
        if (now >= exp * 1000 + skew) {
            throw new TokenRefused("the token has expired");
        }
        Long nbf = epochSecond(claims, "nbf").orElse(null);
        if (nbf != null && nbf * 1000 > now + skew) {
            throw new TokenRefused("the token is not valid yet (nbf)");
        }
        if (settings.tokenAge().isPresent()) {
            long iat = epochSecond(claims, "iat")
                    .orElseThrow(() -> new TokenRefused("the token has no issue time (iat)"));
            if (now - iat * 1000 > settings.tokenAge().get().toMillis() + skew) {
                throw new TokenRefused("the token is older than " + settings.tokenAge().get().toSeconds() + " s (iat)");
            }
        }
        Caller caller = caller(claims);
        return VerifiedToken.of(compact, key, claims, caller, exp, nbf);
    }

    private boolean namesAnAudience(JsonValue aud) {
        if (aud instanceof JsonString single) {
            return settings.audiences().contains(single.getString());
        }
        if (aud instanceof JsonArray many) {
            for (JsonValue item : many) {
                if (item instanceof JsonString one && settings.audiences().contains(one.getString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Long> epochSecond(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw new TokenRefused("the " + name + " claim is not a number");
        }
        double seconds = number.doubleValue();
        if (Double.isNaN(seconds) || seconds < 0 || seconds > MAX_EPOCH_SECOND) {
            throw new TokenRefused("the " + name + " claim is out of range");
        }
        return Optional.of((long) Math.floor(seconds));
    }

    private static Caller caller(JsonObject claims) {
        Caller.PrincipalType type;
        JsonValue principalType = claims.get("principal_type");
        if (principalType == null) {
            type = Caller.PrincipalType.USER;
        } else if (principalType instanceof JsonString json && json.getString().equals("account")) {
            type = Caller.PrincipalType.ACCOUNT;
        } else if (principalType instanceof JsonString json && json.getString().equals("user")) {
            type = Caller.PrincipalType.USER;
        } else {
            throw new TokenRefused("the principal_type must be exactly 'account' or 'user'");
        }
        String subject = text(claims, "sub").orElseThrow(() -> new TokenRefused("the token has no sub claim"));
        String domainId = text(claims, "domain_id")
                .orElseThrow(() -> new TokenRefused("the token has no domain_id claim"));
        return new Caller(type, domainId, text(claims, "domain_name").orElse(""), subject,
                text(claims, "preferred_username").orElse(subject), JsonValue.TRUE.equals(claims.get("mfa")));
    }

    private static Optional<String> text(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonString json && !json.getString().isBlank()
                ? Optional.of(json.getString()) : Optional.empty();
    }

    private static String printable(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    static String sha256(String compact) {
        return sha256(compact, 0, compact.length());
    }

    /**
     * The base64 SHA-256 of the characters of {@code text} from {@code start} to {@code end}, as
     * ISO-8859-1 bytes (one array copy of a header, no further copy of the token). The mapping is exact
     * for every token that can be in the cache: an accepted token is base64url and dots, each character
     * its own byte. A character outside ISO-8859-1 becomes {@code ?}, which no accepted token contains, so
     * a token spelled with one never finds an accepted token's entry; it is checked in full and refused.
     */
    static String sha256(String text, int start, int end) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(text.getBytes(StandardCharsets.ISO_8859_1), start, end - start);
        return Base64.getEncoder().encodeToString(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
