package org.opencoc.attachment.devtools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints signed tokens the service accepts: issuer {@value #ISSUER}, audience {@value #AUDIENCE}, and
 * the claims of DESIGN §3 ({@code sub}, {@code preferred_username}, {@code domain_id},
 * {@code domain_name}, {@code principal_type}, {@code policies}, {@code groups}, {@code mfa}).
 */
public final class TokenMinter {

    /** The development issuer the server trusts by default. */
    public static final String ISSUER = "urn:coc:iam:dev";

    /** The audience the server expects by default. */
    public static final String AUDIENCE = "coc-attachments";

    private final DevKeys keys;

    public TokenMinter(DevKeys keys) {
        this.keys = keys;
    }

    /** A fresh claim set for a caller, valid for {@code ttl} from now. */
    public static JWTClaimsSet.Builder claims(String principalType, String domainId, String userName, Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userName + "-id")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("upn", userName)
                .claim("preferred_username", userName)
                .claim("domain_id", domainId)
                .claim("domain_name", domainId + "-name")
                .claim("principal_type", principalType)
                .claim("groups", List.of());
    }

    /** Adds policy documents, given as JSON text, to the {@code policies} claim. */
    public static JWTClaimsSet.Builder withPolicies(JWTClaimsSet.Builder claims, List<String> policyJson) {
        List<Object> policies = new ArrayList<>();
        for (String json : policyJson) {
            try {
                Map<String, Object> policy = JSONObjectUtils.parse(json);
                policies.add(policy);
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException("A policy is not a JSON object: " + e.getMessage(), e);
            }
        }
        return claims.claim("policies", policies);
    }

    /** Signs {@code claims} with the RS256 development key. */
    public String rs256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.RS256);
    }

    /** Signs {@code claims} with the ES256 development key. */
    public String es256(JWTClaimsSet claims) {
        return sign(claims, JWSAlgorithm.ES256);
    }

    private String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) {
        try {
            boolean rsa = JWSAlgorithm.RS256.equals(algorithm);
            String kid = rsa ? DevKeys.RS256_KID : DevKeys.ES256_KID;
            JWSSigner signer = rsa
                    ? new RSASSASigner((RSAKey) keys.privateKeys().getKeyByKeyId(kid))
                    : new ECDSASigner((ECKey) keys.privateKeys().getKeyByKeyId(kid));
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a development token", e);
        }
    }
}
