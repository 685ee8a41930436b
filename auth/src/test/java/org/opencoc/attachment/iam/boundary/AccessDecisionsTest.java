package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.iam.authentication.AuthenticationSettings;
import org.opencoc.attachment.iam.authentication.KeySource;
import org.opencoc.attachment.iam.authentication.TokenVerifier;
import org.opencoc.attachment.iam.authentication.TrustedKeys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Authorization stays per request when the token comes from the verified-token cache. */
class AccessDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ISSUER = "urn:coc:iam:test";

    @Test
    void theSameCachedTokenFromTwoSourceAddressesGetsTwoDecisions() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        Clock clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
        TokenVerifier verifier = new TokenVerifier(new AuthenticationSettings(Optional.of("unused"), Optional.empty(),
                Optional.empty(), ISSUER, Set.of("coc-attachments"), Duration.ofSeconds(30), Optional.empty(),
                32 * 1024, Duration.ofSeconds(10), true, 100, 1 << 20, Duration.ofMinutes(5)),
                KeySource.fixed(TrustedKeys.parse(new JWKSet(key.toPublicJWK()).toString(), "test")), clock);
        String policy = Files.readString(Path.of("../docs/examples/policies/office-ip-only.json"));
        Map<String, Object> document = JSONObjectUtils.parse(policy);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience("coc-attachments").subject("alice-id")
                        .expirationTime(Date.from(NOW.plusSeconds(600))).claim("domain_id", "domain-a")
                        .claim("principal_type", "user").claim("policies", List.of(document)).build());
        jwt.sign(new RSASSASigner(key));
        String token = jwt.serialize();
        AccessDecisions decisions = new AccessDecisions();
        decisions.groupPolicyFile = Optional.empty();
        decisions.trustedProxies = Optional.empty();
        decisions.clock = clock;
        decisions.load();

        AuditRecord fromTheOffice = decisions.decide(verifier.verify(token), RequiresAction.DOWNLOAD_FILE,
                "203.0.113.9", "incident");
        AuditRecord fromElsewhere = decisions.decide(verifier.verify(token), RequiresAction.DOWNLOAD_FILE,
                "198.51.100.9", "incident");

        assertThat(verifier.verify(token)).isSameAs(verifier.verify(token));
        assertThat(fromTheOffice.allowed()).isTrue();
        assertThat(fromElsewhere.allowed()).isFalse();
    }
}
