package org.opencoc.attachment.iam.boundary;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.authentication.AuthenticationSettings;
import org.opencoc.attachment.iam.authentication.KeySource;
import org.opencoc.attachment.iam.authentication.TokenVerifier;
import org.opencoc.attachment.iam.authentication.TrustedKeys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The production authorization glue for tests of other packages: a real {@link AccessDecisions},
 * configured the way the container configures it, asked about tokens that a real {@link TokenVerifier}
 * accepted. The policy case tables and property laws use it so that what they assert about malformed
 * policies is what a request gets, fail-closed path included, and not what a test re-implements.
 */
public final class AccessDecisionsFixture {

    private static final String ISSUER = "urn:coc:iam:fixture";
    private static final String AUDIENCE = "coc-attachments";
    private static final ECKey KEY = generate();

    private final Clock clock;
    private final TokenVerifier verifier;
    private final AccessDecisions decisions;

    private AccessDecisionsFixture(Clock clock) {
        this.clock = clock;
        verifier = new TokenVerifier(new AuthenticationSettings(Optional.of("unused"), Optional.empty(),
                Optional.empty(), ISSUER, Set.of(AUDIENCE), Duration.ofSeconds(30), Optional.empty(), 1 << 20,
                Duration.ofSeconds(10), true, 100, 1 << 24, Duration.ofMinutes(5)),
                KeySource.fixed(TrustedKeys.parse(new JWKSet(KEY.toPublicJWK()).toString(), "fixture")), clock);
        decisions = configured(Optional.empty(), clock);
    }

    /** Decisions taken at the time {@code clock} tells, with no group-policy file. */
    public static AccessDecisionsFixture at(Clock clock) {
        return new AccessDecisionsFixture(clock);
    }

    /**
     * The audit record of a request for {@code action} by {@code caller}, whose token carries
     * {@code policies} as its {@code policies} claim, from {@code sourceIp} on ticket type
     * {@code ticketType}. The token names the caller as far as claims can (a user name equal to the
     * id is sent as no {@code preferred_username}).
     */
    public AuditRecord decide(Caller caller, String action, JsonValue policies, String sourceIp, String ticketType) {
        return decisions.decide(verifier.verify(token(caller, policies)), action, sourceIp, ticketType);
    }

    /**
     * The message of what stops the application from starting when its group-policy file maps
     * {@code group} to {@code policies}; fails when the application starts.
     */
    public String refusalToStart(String group, JsonValue policies) {
        try {
            Path file = Files.createTempFile("group-policies", ".json");
            try {
                Files.writeString(file, Json.createObjectBuilder().add(group, policies).build().toString());
                return assertThrows(RuntimeException.class, () -> configured(Optional.of(file.toString()), clock),
                        "the group-policy file does not stop the start").getMessage();
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@link AccessDecisions} as CDI builds it: configuration injected, then {@code @PostConstruct}. */
    static AccessDecisions configured(Optional<String> groupFile, Clock clock) {
        AccessDecisions decisions = new AccessDecisions();
        decisions.groupPolicyFile = groupFile;
        decisions.trustedProxies = Optional.empty();
        decisions.clock = clock;
        decisions.load();
        return decisions;
    }

    private String token(Caller caller, JsonValue policies) {
        JsonObjectBuilder claims = Json.createObjectBuilder().add("iss", ISSUER).add("aud", AUDIENCE)
                .add("exp", clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond())
                .add("sub", caller.userId()).add("domain_id", caller.domainId())
                .add("domain_name", caller.domainName()).add("mfa", caller.mfa())
                .add("principal_type", caller.type() == Caller.PrincipalType.ACCOUNT ? "account" : "user");
        if (!caller.userName().equals(caller.userId())) {
            claims.add("preferred_username", caller.userName());
        }
        if (policies != null) {
            claims.add("policies", policies);
        }
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID()).build(),
                    new Payload(claims.build().toString()));
            jws.sign(new ECDSASigner(KEY));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("fixture").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
