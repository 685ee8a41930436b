package org.opencoc.attachment.iam.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.iam.Caller;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final TokenVerifier verifier = verifier(true);

    private TokenVerifier verifier(boolean cache) {
        return new TokenVerifier(TestTokens.settings(cache),
                KeySource.fixed(TrustedKeys.parse(TestTokens.publicJwks(TestTokens.RSA, TestTokens.EC), "test")), clock);
    }

    private static String genuine() {
        return TestTokens.rs256(TestTokens.claims(NOW).build());
    }

    // --- accepted -----------------------------------------------------------------------------------

    @Test
    void acceptsGenuineRs256TokenAndReadsTheCaller() {
        VerifiedToken token = verifier.verify(genuine());

        assertThat(token.caller()).isEqualTo(new Caller(Caller.PrincipalType.USER, "domain-a", "", "alice-id",
                "alice", false));
        assertThat(token.getIssuer()).isEqualTo(TestTokens.ISSUER);
        assertThat(token.getAudience()).containsExactly(TestTokens.AUDIENCE);
        assertThat(token.getExpirationTime()).isEqualTo(NOW.plus(Duration.ofMinutes(10)).getEpochSecond());
    }

    @Test
    void acceptsGenuineEs256Token() {
        assertThat(verifier.verify(TestTokens.es256(TestTokens.claims(NOW).build())).getSubject()).isEqualTo("alice-id");
    }

    @Test
    void acceptsAnAccountToken() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).claim("principal_type", "account").build());

        assertThat(verifier.verify(token).caller().type()).isEqualTo(Caller.PrincipalType.ACCOUNT);
    }

    @Test
    void acceptsTokenExpiredWithinTheSkew() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).expirationTime(Date.from(NOW.minusSeconds(20))).build());

        assertThat(verifier.verify(token).getSubject()).isEqualTo("alice-id");
    }

    @Test
    void servesTheSameTokenFromTheCache() {
        String token = genuine();

        assertThat(verifier.verify(token)).isSameAs(verifier.verify(token));
    }

    @Test
    void servesATokenReadInPlaceFromTheCacheOfTheSameTokenAlone() {
        String token = genuine();
        String header = "Bearer " + token + "  ";

        assertThat(verifier.verify(header, 7, 7 + token.length())).isSameAs(verifier.verify(token));
    }

    @Test
    void doesNotServeATokenWithOneMoreCharacterInPlaceFromTheCache() {
        String token = genuine();
        verifier.verify(token);

        assertThrows(TokenRefused.class, () -> verifier.verify(token + "A", 0, token.length() + 1));
    }

    /**
     * The cache key hashes the token as ISO-8859-1 bytes: a character beyond that charset, here one whose
     * low byte is the genuine character's, must not find the genuine token in the cache.
     */
    @Test
    void doesNotServeACachedTokenToACharacterWithTheSameLowByte() {
        String token = genuine();
        verifier.verify(token);
        char[] forged = token.toCharArray();
        forged[20] = (char) (forged[20] + 0x100);

        assertThrows(TokenRefused.class, () -> verifier.verify(new String(forged)));
    }

    @Test
    void doesNotServeACachedTokenToALatin1CharacterOutsideTheAlphabet() {
        String token = genuine();
        verifier.verify(token);
        char[] forged = token.toCharArray();
        forged[20] = '\u00e9';

        assertThrows(TokenRefused.class, () -> verifier.verify(new String(forged)));
    }

    @Test
    void verifiesAgainWithTheCacheOff() {
        TokenVerifier uncached = verifier(false);
        String token = genuine();

        assertThat(uncached.verify(token)).isNotSameAs(uncached.verify(token));
        assertThat(uncached.cache().size()).isZero();
    }

    // --- one token, one spelling ---------------------------------------------------------------------

    static Stream<Arguments> respelledSignatures() {
        String token = genuine();
        int dot = token.lastIndexOf('.');
        String head = token.substring(0, dot + 1);
        String signature = token.substring(dot + 1);
        String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(signature));
        return Stream.of(
                Arguments.of(Named.of("!*$ inserted", head + signature.substring(0, 10) + "!*$" + signature.substring(10))),
                Arguments.of(Named.of("standard base64 with +/=", head + standard)),
                Arguments.of(Named.of("== appended", head + signature + "==")),
                Arguments.of(Named.of("a space inside", head + signature.substring(0, 10) + " " + signature.substring(10))),
                Arguments.of(Named.of("an obs-fold inside", head + signature.substring(0, 10) + "\r\n " + signature.substring(10))),
                Arguments.of(Named.of("non-zero unused bits in the last character",
                        head + signature.substring(0, signature.length() - 1)
                                + sameBytes(signature.charAt(signature.length() - 1)))));
    }

    /** RS256 signatures are 256 bytes: 342 characters, the last one carrying 4 unused bits; flip one. */
    private static char sameBytes(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) ^ 0x1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("respelledSignatures")
    void refusesARespelledGenuineSignature(String respelled) {
        assertThrows(TokenRefused.class, () -> verifier.verify(respelled));
    }

    @Test
    void theNonCanonicalSpellingDecodesToTheSameSignature() {
        String token = genuine();
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String respelled = token.substring(0, token.length() - 1) + sameBytes(token.charAt(token.length() - 1));

        assertThat(respelled).isNotEqualTo(token);
        assertThat(new Base64URL(respelled.substring(respelled.lastIndexOf('.') + 1)).decode())
                .isEqualTo(new Base64URL(signature).decode());
    }

    @Test
    void refusesACachedTokenWithOneFlippedSignatureByte() {
        String token = genuine();
        verifier.verify(token);
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[17] ^= 0x01;
        String flipped = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        TokenRefused refused = assertThrows(TokenRefused.class, () -> verifier.verify(flipped));
        assertThat(refused.reason()).contains("signature does not verify");
    }

    // --- principal_type ------------------------------------------------------------------------------

    @ParameterizedTest(name = "principal_type {0}")
    @ValueSource(strings = {"Account", "ACCOUNT", "account ", "User", "USER", "root", ""})
    void refusesPrincipalTypeThatIsNotExactlyAccountOrUser(String type) {
        String token = TestTokens.rs256(TestTokens.claims(NOW).claim("principal_type", type).build());

        TokenRefused refused = assertThrows(TokenRefused.class, () -> verifier.verify(token));
        assertThat(refused.reason()).contains("principal_type");
    }

    @Test
    void refusesPrincipalTypeThatIsNotAString() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).claim("principal_type", List.of("account")).build());

        assertThrows(TokenRefused.class, () -> verifier.verify(token));
    }

    // --- duplicate member names ----------------------------------------------------------------------

    @Test
    void refusesAPolicyWithADuplicateKey() {
        String payload = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\","
                + "\"sub\":\"alice-id\",\"domain_id\":\"domain-a\",\"principal_type\":\"user\","
                + "\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + ","
                + "\"policies\":[{\"Version\":\"1.1\",\"Statement\":[{\"Effect\":\"Deny\",\"Effect\":\"Allow\","
                + "\"Action\":[\"coc:*:*\"]}]}]}";
        String token = signedPayload(payload);

        TokenRefused refused = assertThrows(TokenRefused.class, () -> verifier.verify(token));
        assertThat(refused.reason()).contains("unique member names");
    }

    @Test
    void refusesADuplicateTopLevelClaim() {
        String payload = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\","
                + "\"sub\":\"alice-id\",\"domain_id\":\"domain-a\",\"principal_type\":\"user\","
                + "\"principal_type\":\"account\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}";

        assertThrows(TokenRefused.class, () -> verifier.verify(signedPayload(payload)));
    }

    private static String signedPayload(String payload) {
        try {
            com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.RSA_KID).build(),
                    new com.nimbusds.jose.Payload(payload.getBytes(StandardCharsets.UTF_8)));
            jws.sign(TestTokens.rsaSigner(TestTokens.RSA));
            return jws.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- header --------------------------------------------------------------------------------------

    @Test
    void refusesRs256HeaderNamingTheEcKey() {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.EC_KID).build(),
                TestTokens.claims(NOW).build(), TestTokens.rsaSigner(TestTokens.RSA));

        TokenRefused refused = assertThrows(TokenRefused.class, () -> verifier.verify(token));
        assertThat(refused.reason()).contains("is not a RS256 key");
    }

    @Test
    void refusesAnUnknownKid() {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("someone-else").build(),
                TestTokens.claims(NOW).build(), TestTokens.rsaSigner(TestTokens.RSA));

        assertThrows(TokenRefused.class, () -> verifier.verify(token));
    }

    @Test
    void refusesHs256KeyedWithThePublicKey() throws Exception {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestTokens.RSA_KID).build(),
                TestTokens.claims(NOW).build(), new MACSigner(TestTokens.RSA.toRSAPublicKey().getEncoded()));

        TokenRefused refused = assertThrows(TokenRefused.class, () -> verifier.verify(token));
        assertThat(refused.reason()).contains("algorithm");
    }

    @Test
    void refusesAlgNone() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String unsigned = url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(TestTokens.claims(NOW).build().toString().getBytes(StandardCharsets.UTF_8)) + ".";

        assertThrows(TokenRefused.class, () -> verifier.verify(unsigned));
        assertThrows(TokenRefused.class, () -> verifier.verify(unsigned + "c2ln"));
    }

    @Test
    void refusesAnEmbeddedJwk() {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.RSA_KID)
                .jwk(TestTokens.RSA.toPublicJWK()).build(), TestTokens.claims(NOW).build(), TestTokens.rsaSigner(TestTokens.RSA));

        assertThat(assertThrows(TokenRefused.class, () -> verifier.verify(token)).reason()).contains("jwk");
    }

    @Test
    void refusesAKeyUrl() throws Exception {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.RSA_KID)
                .jwkURL(new java.net.URI("https://attacker.example/jwks.json")).build(),
                TestTokens.claims(NOW).build(), TestTokens.rsaSigner(TestTokens.RSA));

        assertThrows(TokenRefused.class, () -> verifier.verify(token));
    }

    @Test
    void refusesAnUnknownCriticalHeader() {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.RSA_KID)
                .customParam("exp-policy", "x").criticalParams(java.util.Set.of("exp-policy")).build(),
                TestTokens.claims(NOW).build(), TestTokens.rsaSigner(TestTokens.RSA));

        assertThat(assertThrows(TokenRefused.class, () -> verifier.verify(token)).reason()).contains("critical");
    }

    @Test
    void refusesATypOtherThanJwt() {
        String token = TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestTokens.RSA_KID)
                .type(new JOSEObjectType("at+jwt")).build(), TestTokens.claims(NOW).build(), TestTokens.rsaSigner(TestTokens.RSA));

        assertThat(assertThrows(TokenRefused.class, () -> verifier.verify(token)).reason()).contains("typ");
    }

    @Test
    void refusesATokenOverTheSizeCap() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).claim("padding", "x".repeat(17 * 1024)).build());

        assertThat(assertThrows(TokenRefused.class, () -> verifier.verify(token)).reason()).contains("longer than");
    }

    // --- claims --------------------------------------------------------------------------------------

    static Stream<Arguments> badClaims() {
        return Stream.of(
                Arguments.of(Named.of("no exp", TestTokens.claims(NOW).expirationTime(null).build())),
                Arguments.of(Named.of("no sub", TestTokens.claims(NOW).subject(null).build())),
                Arguments.of(Named.of("blank sub", TestTokens.claims(NOW).subject(" ").build())),
                Arguments.of(Named.of("no domain_id", TestTokens.claims(NOW).claim("domain_id", null).build())),
                Arguments.of(Named.of("expired beyond the skew",
                        TestTokens.claims(NOW).expirationTime(Date.from(NOW.minusSeconds(31))).build())),
                Arguments.of(Named.of("nbf beyond the skew",
                        TestTokens.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(31))).build())),
                Arguments.of(Named.of("wrong issuer", TestTokens.claims(NOW).issuer("urn:coc:iam:dev2").build())),
                Arguments.of(Named.of("issuer with another case", TestTokens.claims(NOW).issuer("URN:coc:iam:test").build())),
                Arguments.of(Named.of("no issuer", TestTokens.claims(NOW).issuer(null).build())),
                Arguments.of(Named.of("wrong audience", TestTokens.claims(NOW).audience("elsewhere").build())),
                Arguments.of(Named.of("no audience", TestTokens.claims(NOW).audience((String) null).build())),
                Arguments.of(Named.of("exp not a number", TestTokens.claims(NOW).expirationTime(null)
                        .claim("exp", "tomorrow").build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClaims")
    void refusesBadClaims(JWTClaimsSet claims) {
        String token = TestTokens.rs256(claims);

        assertThrows(TokenRefused.class, () -> verifier.verify(token));
    }

    @Test
    void acceptsAnAudienceListNamingThisService() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).audience(List.of("elsewhere", "other-service")).build());

        assertThat(verifier.verify(token).getAudience()).contains("other-service");
    }

    @Test
    void acceptsNbfWithinTheSkew() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(29))).build());

        assertThat(verifier.verify(token).getSubject()).isEqualTo("alice-id");
    }

    @Test
    void refusesACachedTokenOnceItExpires() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).expirationTime(Date.from(NOW.plusSeconds(60))).build());
        verifier.verify(token);

        clock.advance(Duration.ofSeconds(91));

        assertThat(assertThrows(TokenRefused.class, () -> verifier.verify(token)).reason()).contains("expired");
    }

    @Test
    void refusesATokenOlderThanTheTokenAge() {
        AuthenticationSettings base = TestTokens.settings(true);
        AuthenticationSettings withAge = new AuthenticationSettings(base.publicKeyLocation(), base.publicKey(),
                base.algorithm(), base.issuer(), base.audiences(), base.clockSkew(),
                java.util.Optional.of(Duration.ofMinutes(5)), base.maxTokenBytes(), base.keysReloadInterval(),
                true, 100, 1 << 20, Duration.ofMinutes(5));
        TokenVerifier aged = new TokenVerifier(withAge,
                KeySource.fixed(TrustedKeys.parse(TestTokens.publicJwks(TestTokens.RSA, TestTokens.EC), "test")), clock);
        String old = TestTokens.rs256(TestTokens.claims(NOW).issueTime(Date.from(NOW.minus(Duration.ofMinutes(6)))).build());
        String noIat = TestTokens.rs256(TestTokens.claims(NOW).issueTime(null).build());

        assertThrows(TokenRefused.class, () -> aged.verify(old));
        assertThrows(TokenRefused.class, () -> aged.verify(noIat));
    }

    // --- keys ----------------------------------------------------------------------------------------

    @Test
    void forgetsTokensOfAKeyRemovedFromTheKeyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, TestTokens.publicJwks(TestTokens.RSA, TestTokens.EC));
        AtomicLong nanos = new AtomicLong();
        TokenVerifier watching = new TokenVerifier(TestTokens.settings(true),
                KeySource.watching(file, Duration.ofSeconds(1), nanos::get), clock);
        String rsa = genuine();
        String ec = TestTokens.es256(TestTokens.claims(NOW).build());
        watching.verify(rsa);
        watching.verify(ec);

        Files.writeString(file, new JWKSet(TestTokens.EC.toPublicJWK()).toString());
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThrows(TokenRefused.class, () -> watching.verify(rsa));
        assertThat(watching.verify(ec).getSubject()).isEqualTo("alice-id");
    }

    @Test
    void keepsTheKeysWhileTheFileIsUnreadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, TestTokens.publicJwks(TestTokens.RSA, TestTokens.EC));
        AtomicLong nanos = new AtomicLong();
        TokenVerifier watching = new TokenVerifier(TestTokens.settings(true),
                KeySource.watching(file, Duration.ofSeconds(1), nanos::get), clock);

        Files.writeString(file, "{\"keys\":[{\"kty\"");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(watching.verify(genuine()).getSubject()).isEqualTo("alice-id");
    }

    @Test
    void refetchesAJwkSetServedOverHttp() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> served =
                new java.util.concurrent.atomic.AtomicReference<>(TestTokens.publicJwks(TestTokens.RSA, TestTokens.EC));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            AuthenticationSettings base = TestTokens.settings(true);
            AuthenticationSettings remote = new AuthenticationSettings(
                    java.util.Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json"),
                    base.publicKey(), base.algorithm(), base.issuer(), base.audiences(), base.clockSkew(),
                    base.tokenAge(), base.maxTokenBytes(), Duration.ofSeconds(1), true, 100, 1 << 20,
                    Duration.ofMinutes(5));
            AtomicLong nanos = new AtomicLong();
            KeySource keys = KeySource.of(remote, getClass().getClassLoader(), nanos::get);
            TokenVerifier overHttp = new TokenVerifier(remote, keys, clock);
            String rsa = genuine();
            assertThat(overHttp.verify(rsa).getSubject()).isEqualTo("alice-id");

            served.set(new JWKSet(TestTokens.EC.toPublicJWK()).toString());
            nanos.addAndGet(Duration.ofSeconds(2).toNanos());
            long before = keys.current().number();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (keys.current().number() == before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            assertThrows(TokenRefused.class, () -> overHttp.verify(rsa));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void doesNotTrustWeakRsaKeys() throws Exception {
        com.nimbusds.jose.jwk.RSAKey weak = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(1024, true)
                .keyID("weak").generate();

        assertThat(TrustedKeys.parse(new JWKSet(weak.toPublicJWK()).toString(), "test").size()).isZero();
    }

    @Test
    void doesNotTrustOtherCurvesOrSymmetricKeys() throws Exception {
        com.nimbusds.jose.jwk.ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384)
                .keyID("p384").generate();
        String jwks = "{\"keys\":[" + p384.toPublicJWK().toJSONString()
                + ",{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}";

        assertThat(TrustedKeys.parse(jwks, "test").size()).isZero();
    }

    @Test
    void readsAPemPublicKey() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestTokens.RSA.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        TokenVerifier pemVerifier = new TokenVerifier(TestTokens.settings(true),
                KeySource.fixed(TrustedKeys.parse(pem, "pem")), clock);

        assertThat(pemVerifier.verify(genuine()).getSubject()).isEqualTo("alice-id");
    }

    @Test
    void readsClaimsAsMicroProfileJwtTypes() {
        String token = TestTokens.rs256(TestTokens.claims(NOW).claim("groups", List.of("ops"))
                .claim("policies", List.of(Map.of("Version", "1.1"))).build());

        VerifiedToken verified = verifier.verify(token);

        assertThat(verified.getGroups()).containsExactly("ops");
        assertThat(verified.getRawToken()).isEqualTo(token);
        assertThat(verified.<Object>getClaim("policies")).isInstanceOf(jakarta.json.JsonArray.class);
        assertThat(verified.getName()).isEqualTo("alice");
    }
}
