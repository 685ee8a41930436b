package org.opencoc.attachment.iam.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Authorization header's bearer token (RFC 6750 §2.1), read in place and verified. */
class BearerTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN = TestTokens.rs256(TestTokens.claims(NOW).build());

    private final TokenVerifier verifier = new TokenVerifier(TestTokens.settings(true),
            KeySource.fixed(TrustedKeys.parse(TestTokens.publicJwks(TestTokens.RSA, TestTokens.EC), "test")),
            new MutableClock(NOW));

    @Test
    void aRequestWithoutTheHeaderHasNoToken() {
        assertThat(BearerTokens.verify(null, verifier)).isEmpty();
        assertThat(BearerTokens.verify(List.of(), verifier)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "Bearer   ", " Bearer "})
    void readsTheTokenAfterTheSchemeInAnyCase(String prefix) {
        assertThat(BearerTokens.verify(List.of(prefix + TOKEN + " "), verifier))
                .containsSame(verifier.verify(TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "bearer", ""})
    void refusesTheSchemeWithoutAToken(String value) {
        assertThrows(TokenRefused.class, () -> BearerTokens.verify(List.of(value), verifier));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer\t", "Basic ", "Bearertoken", "Token ", ""})
    void refusesAGenuineTokenAfterAnotherSchemeOrSeparator(String prefix) {
        assertThrows(TokenRefused.class, () -> BearerTokens.verify(List.of(prefix + TOKEN), verifier));
    }

    @Test
    void refusesTwoAuthorizationHeaders() {
        assertThrows(TokenRefused.class, () -> BearerTokens.verify(List.of("Bearer " + TOKEN, "Bearer " + TOKEN),
                verifier));
    }
}
