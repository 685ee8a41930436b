package org.opencoc.attachment.iam.authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Throwaway keys generated once per test run, and tokens signed with them. */
final class TestTokens {

    static final String ISSUER = "urn:coc:iam:test";
    static final String AUDIENCE = "coc-attachments";
    static final String RSA_KID = "test-rs256";
    static final String EC_KID = "test-es256";
    static final RSAKey RSA = generateRsa(RSA_KID);
    static final ECKey EC = generateEc(EC_KID);

    private TestTokens() {
    }

    static String publicJwks(RSAKey rsa, ECKey ec) {
        return new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
    }

    static AuthenticationSettings settings(boolean cache) {
        return new AuthenticationSettings(Optional.of("unused"), Optional.empty(), Optional.empty(), ISSUER,
                Set.of(AUDIENCE, "other-service"), Duration.ofSeconds(30), Optional.empty(), 16 * 1024,
                Duration.ofSeconds(1), cache, 1000, 1024 * 1024, Duration.ofMinutes(5));
    }

    static JWTClaimsSet.Builder claims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("alice-id")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("preferred_username", "alice")
                .claim("domain_id", "domain-a")
                .claim("principal_type", "user");
    }

    static String rs256(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA_KID).type(JOSEObjectType.JWT).build(),
                claims, rsaSigner(RSA));
    }

    static String es256(JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC_KID).type(JOSEObjectType.JWT).build(),
                    claims, new ECDSASigner(EC));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSSigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
