package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.authentication.AuthenticationSettings;
import org.opencoc.attachment.iam.authentication.KeySource;
import org.opencoc.attachment.iam.authentication.TokenVerifier;
import org.opencoc.attachment.iam.authentication.TrustedKeys;
import org.opencoc.attachment.iam.authentication.VerifiedToken;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Authorization stays per request when the token comes from the verified-token cache, and parsed
 * policies are shared only by tokens whose policies and groups are the same.
 */
class AccessDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ISSUER = "urn:coc:iam:test";
    private static final Path POLICIES = Path.of("../docs/examples/policies");
    private static final RSAKey KEY = generate();

    private final Clock clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
    private final TokenVerifier verifier = new TokenVerifier(new AuthenticationSettings(Optional.of("unused"),
            Optional.empty(), Optional.empty(), ISSUER, Set.of("coc-attachments"), Duration.ofSeconds(30),
            Optional.empty(), 32 * 1024, Duration.ofSeconds(10), true, 100, 1 << 20, Duration.ofMinutes(5)),
            KeySource.fixed(TrustedKeys.parse(new JWKSet(KEY.toPublicJWK()).toString(), "test")), clock);

    @Test
    void theSameCachedTokenFromTwoSourceAddressesGetsTwoDecisions() throws Exception {
        String token = token("alice-id", List.of(policy("office-ip-only.json")), List.of());
        AccessDecisions decisions = decisions(Optional.empty());

        AuditRecord fromTheOffice = download(decisions, verifier.verify(token), "203.0.113.9");
        AuditRecord fromElsewhere = download(decisions, verifier.verify(token), "198.51.100.9");

        assertThat(verifier.verify(token)).isSameAs(verifier.verify(token));
        assertThat(fromTheOffice.allowed()).isTrue();
        assertThat(fromElsewhere.allowed()).isFalse();
    }

    @Test
    void aTokenWithOtherPoliciesDoesNotReuseTheParsedPoliciesOfAnother() throws Exception {
        AccessDecisions decisions = decisions(Optional.empty());
        VerifiedToken reader = verifier.verify(token("alice-id", List.of(policy("read-only.json")), List.of()));
        VerifiedToken uploader = verifier.verify(token("alice-id", List.of(Map.of("Version", "5.0", "Statement",
                List.of(Map.of("Effect", "Allow", "Action", List.of("coc:ticket:uploadFile"))))), List.of()));
        assertThat(download(decisions, reader, "198.51.100.9").allowed()).isTrue();

        assertThat(download(decisions, uploader, "198.51.100.9").allowed()).isFalse();
    }

    @Test
    void aTokenWithOtherGroupsDoesNotReuseTheParsedPoliciesOfAnother() throws Exception {
        AccessDecisions decisions = decisions(Optional.of(POLICIES.resolve("groups.json").toString()));
        VerifiedToken inNoGroup = verifier.verify(token("alice-id", List.of(), List.of()));
        VerifiedToken reader = verifier.verify(token("alice-id", List.of(), List.of("incident-readers")));
        assertThat(download(decisions, inNoGroup, "198.51.100.9").allowed()).isFalse();

        assertThat(download(decisions, reader, "198.51.100.9").allowed()).isTrue();
    }

    @Test
    void tokensOfTwoUsersWithTheSamePoliciesShareTheKeyOfTheirParsedPolicies() throws Exception {
        VerifiedToken alice = verifier.verify(token("alice-id", List.of(policy("read-only.json")), List.of("ops")));
        VerifiedToken bob = verifier.verify(token("bob-id", List.of(policy("read-only.json")), List.of("ops")));

        assertThat(alice.key()).isNotEqualTo(bob.key());
        assertThat(alice.authorizationKey()).isEqualTo(bob.authorizationKey());
    }

    @Test
    void aPoliciesClaimThatIsNotAnArrayOfDocumentsFailsClosed() {
        AccessDecisionsFixture glue = AccessDecisionsFixture.at(clock);
        Caller alice = new Caller(Caller.PrincipalType.USER, "domain-a", "", "alice-id", "alice", false);
        JsonObject document = Json.createObjectBuilder().add("Version", "5.0").add("Statement", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("Effect", "Allow").add("Action", "*"))).build();

        AuditRecord denied = glue.decide(alice, RequiresAction.DOWNLOAD_FILE, document, "198.51.100.9", "incident");

        assertThat(denied.allowed()).isFalse();
        assertThat(denied.decision()).isEqualTo("explicit_deny");
        assertThat(denied.policy()).isEqualTo("policies");
        assertThat(glue.decide(alice, RequiresAction.DOWNLOAD_FILE, Json.createArrayBuilder().add(document).build(),
                "198.51.100.9", "incident").allowed()).as("the same document in an array").isTrue();
    }

    private AccessDecisions decisions(Optional<String> groupFile) {
        return AccessDecisionsFixture.configured(groupFile, clock);
    }

    private static AuditRecord download(AccessDecisions decisions, VerifiedToken token, String sourceIp) {
        return decisions.decide(token, RequiresAction.DOWNLOAD_FILE, sourceIp, "incident");
    }

    private static Map<String, Object> policy(String file) throws IOException, ParseException {
        return JSONObjectUtils.parse(Files.readString(POLICIES.resolve(file)));
    }

    private static String token(String subject, List<Map<String, Object>> policies, List<String> groups)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("coc-attachments")
                .subject(subject).expirationTime(Date.from(NOW.plusSeconds(600))).claim("domain_id", "domain-a")
                .claim("principal_type", "user").claim("groups", groups).claim("policies", policies).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("k").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
