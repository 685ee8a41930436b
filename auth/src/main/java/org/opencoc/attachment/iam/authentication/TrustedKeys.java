package org.opencoc.attachment.iam.authentication;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * An immutable set of signature keys, each bound to its one algorithm: RSA keys of at least 2048 bits
 * verify RS256 only, P-256 keys ES256 only. Keys that are weaker, of another type or curve, meant for
 * encryption, or whose {@code alg} names anything else are left out (and logged), never trusted.
 *
 * <p>Read from a JWK set (JSON, several keys told apart by {@code kid}), a single JWK, a PEM
 * {@code PUBLIC KEY}, or the bare base64 of one (as {@code mp.jwt.verify.publickey} allows).
 */
public final class TrustedKeys {

    /** The only algorithms a token may name. */
    public static final Set<String> ALGORITHMS = Set.of(JWSAlgorithm.RS256.getName(), JWSAlgorithm.ES256.getName());

    private static final Logger LOG = Logger.getLogger(TrustedKeys.class.getName());
    private static final int MIN_RSA_BITS = 2048;

    private final List<TrustedKey> keys;

    private TrustedKeys(List<TrustedKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** One usable key: its id (may be null for a PEM key), its algorithm and a thread-safe verifier. */
    record TrustedKey(String kid, JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    /**
     * Parses key material, keeping only the keys that may be trusted.
     *
     * @throws IllegalArgumentException when the text is neither a JWK set, a JWK nor a public key
     */
    public static TrustedKeys parse(String text, String source) {
        String trimmed = text == null ? "" : text.strip();
        List<JWK> jwks = new ArrayList<>();
        try {
            if (trimmed.startsWith("{")) {
                if (trimmed.contains("\"keys\"")) {
                    jwks.addAll(JWKSet.parse(trimmed).getKeys());
                } else {
                    jwks.add(JWK.parse(trimmed));
                }
            } else {
                jwks.add(fromPublicKey(pemBody(trimmed), source));
            }
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("No public key or JWK set in " + source + ": " + e.getMessage(), e);
        }
        List<TrustedKey> usable = new ArrayList<>();
        for (JWK jwk : jwks) {
            try {
                trusted(jwk).ifPresentOrElse(usable::add, () -> LOG.warning(() -> "Key '" + jwk.getKeyID()
                        + "' in " + source + " is not trusted: only RSA >= 2048 bits (RS256) and P-256 (ES256)"
                        + " signature keys are"));
            } catch (JOSEException e) {
                LOG.warning(() -> "Key '" + jwk.getKeyID() + "' in " + source + " is unusable: " + e.getMessage());
            }
        }
        return new TrustedKeys(usable);
    }

    /** The keys a token with this {@code kid} (may be null) and {@code alg} may be verified with. */
    List<TrustedKey> candidates(String kid) {
        if (kid == null) {
            return keys;
        }
        List<TrustedKey> named = keys.stream().filter(key -> kid.equals(key.kid())).toList();
        return named.isEmpty() ? keys.stream().filter(key -> key.kid() == null).toList() : named;
    }

    /** How many keys are trusted. */
    public int size() {
        return keys.size();
    }

    /** The keys, as {@code kid alg} pairs, for the log. */
    @Override
    public String toString() {
        return keys.stream().map(key -> (key.kid() == null ? "(no kid)" : key.kid()) + " " + key.algorithm())
                .toList().toString();
    }

    private static Optional<TrustedKey> trusted(JWK jwk) throws JOSEException {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return Optional.empty();
        }
        if (jwk instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS && allows(jwk, JWSAlgorithm.RS256)) {
            return Optional.of(new TrustedKey(jwk.getKeyID(), JWSAlgorithm.RS256,
                    new RSASSAVerifier(rsa.toRSAPublicKey())));
        }
        if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && allows(jwk, JWSAlgorithm.ES256)) {
            return Optional.of(new TrustedKey(jwk.getKeyID(), JWSAlgorithm.ES256,
                    new ECDSAVerifier(ec.toECPublicKey())));
        }
        return Optional.empty();
    }

    private static boolean allows(JWK jwk, JWSAlgorithm algorithm) {
        return jwk.getAlgorithm() == null || algorithm.equals(jwk.getAlgorithm());
    }

    private static String pemBody(String text) {
        if (!text.startsWith("-----BEGIN")) {
            return text;
        }
        if (!text.startsWith("-----BEGIN PUBLIC KEY-----") || !text.contains("-----END PUBLIC KEY-----")) {
            throw new IllegalArgumentException("only a PEM 'PUBLIC KEY' is supported");
        }
        return text.substring("-----BEGIN PUBLIC KEY-----".length(), text.indexOf("-----END PUBLIC KEY-----"));
    }

    private static JWK fromPublicKey(String base64, String source) {
        byte[] der = Base64.getMimeDecoder().decode(base64);
        PublicKey key = decode(der, "RSA").or(() -> decode(der, "EC"))
                .orElseThrow(() -> new IllegalArgumentException("not an RSA or EC public key"));
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        Curve curve = Curve.forECParameterSpec(ec.getParams());
        if (curve == null) {
            throw new IllegalArgumentException("the EC key of " + source + " is on an unknown curve");
        }
        return new ECKey.Builder(curve, ec).build();
    }

    private static Optional<PublicKey> decode(byte[] der, String algorithm) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
        } catch (java.security.GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
