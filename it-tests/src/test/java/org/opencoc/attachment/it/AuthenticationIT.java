package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencoc.attachment.devtools.DevKeys;
import org.opencoc.attachment.devtools.TokenMinter;
import org.opencoc.attachment.upload.SampleFiles;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Who may call: every way a token can be missing, forged, re-spelled or out of date answers 401 with the
 * envelope and a Bearer challenge (also when the genuine token was verified and cached before); ES256 is accepted; another account's attachment looks exactly like a missing
 * one; a user without policies is denied by policy (403); every response carries a request id.
 */
class AuthenticationIT extends DeployedWar {

    static final String UNAUTHENTICATED = "GOM.00007260";
    static final String ACCESS_DENIED = "GOM.00007261";
    static final String NOT_FOUND = "GOM.00007257";

    static final String DOMAIN = "domain-auth-a";

    // --- 401 ---------------------------------------------------------------------------------------

    @Test
    void refusesDownloadWithoutToken() {
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(randomId()))
                .GET().build());

        assertUnauthenticated(response);
    }

    @Test
    void refusesUploadWithoutToken() {
        Multipart body = new Multipart().file("file", "notes.txt", SampleFiles.utf8Text());

        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachments("incident"))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()))
                .build());

        assertUnauthenticated(response);
    }

    @Test
    void refusesUploadWithoutTokenBeforeReadingTheBody() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly(
                "POST /v1/incident/attachments HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + service.base().getPort() + "\r\n"
                        + "Content-Type: multipart/form-data; boundary=it-never-sent\r\n"
                        + "Content-Length: 1000000\r\n"
                        + "Connection: close\r\n",
                Duration.ofSeconds(5));

        assertUnauthenticated(response);
    }

    /** Tokens the server must not trust, each wrong in exactly one way. */
    static Stream<Arguments> untrustedTokens() throws JOSEException {
        TokenMinter minter = new TokenMinter(Service.keys());
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(DevKeys.RS256_KID).generate();
        RSAKey serverKey = (RSAKey) Service.keys().privateKeys().getKeyByKeyId(DevKeys.RS256_KID);
        Instant now = Instant.now();
        return Stream.of(
                token("garbage", "this-is-not-a-jwt"),
                token("three parts of garbage", "eyJhbGciOiJSUzI1NiJ9.garbage.garbage"),
                token("signed by another key with the trusted kid",
                        sign(valid().build(), JWSAlgorithm.RS256, new RSASSASigner(impostor))),
                token("expired 10 minutes ago (beyond the 30 s skew)", minter.rs256(valid()
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))).build())),
                token("not valid for another 10 minutes", minter.rs256(valid()
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10)))).build())),
                token("wrong issuer", minter.rs256(valid().issuer("urn:coc:iam:someone-else").build())),
                token("wrong audience", minter.rs256(valid().audience("another-service").build())),
                token("alg none", unsigned(valid().build())),
                token("HS256 keyed with the server's RSA public key",
                        sign(valid().build(), JWSAlgorithm.HS256,
                                new MACSigner(serverKey.toRSAPublicKey().getEncoded()))),
                token("no domain_id", minter.rs256(valid().claim("domain_id", null).build())),
                token("no exp", minter.rs256(valid().expirationTime(null).build())),
                token("no sub", minter.rs256(valid().subject(null).build())),
                token("unknown principal_type", minter.rs256(valid().claim("principal_type", "admin").build())),
                token("principal_type Account", minter.rs256(valid().claim("principal_type", "Account").build())),
                token("principal_type ACCOUNT", minter.rs256(valid().claim("principal_type", "ACCOUNT").build())),
                token("principal_type User", minter.rs256(valid().claim("principal_type", "User").build())),
                token("RS256 header naming the EC key's kid", sign(valid().build(), JWSAlgorithm.RS256,
                        DevKeys.ES256_KID, new RSASSASigner(serverKey))),
                token("a policy with a duplicate key", signRaw(duplicateEffectPolicy(), serverKey)));
    }

    /** The six re-spellings of a genuine signature: each decodes (leniently) to the same bytes. */
    static Stream<Arguments> respelledSignatures() {
        String token = new TokenMinter(Service.keys()).rs256(valid().build());
        int dot = token.lastIndexOf('.');
        String head = token.substring(0, dot + 1);
        String signature = token.substring(dot + 1);
        String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(signature));
        return Stream.of(
                token("!*$ inserted", head + signature.substring(0, 20) + "!*$" + signature.substring(20)),
                token("standard base64 with +/=", head + standard),
                token("== appended", head + signature + "=="),
                token("a space inside", head + signature.substring(0, 20) + " " + signature.substring(20)),
                token("an obs-fold inside", head + signature.substring(0, 20) + "\r\n " + signature.substring(20)),
                token("non-zero unused bits in the last character", head + signature.substring(0, signature.length() - 1)
                        + sameBytes(signature.charAt(signature.length() - 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("respelledSignatures")
    void refusesARespelledGenuineSignature(String token) throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident/attachments/" + randomId() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + service.base().getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Connection: close\r\n", Duration.ofSeconds(10));

        assertUnauthenticated(response);
    }

    @Test
    void acceptsTheGenuineSpellingOnTheSameRawPath() throws Exception {
        String token = service.accountToken(DOMAIN);
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident/attachments/" + randomId() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + service.base().getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Connection: close\r\n", Duration.ofSeconds(10));

        Envelopes.assertError(response, 404, NOT_FOUND);
    }

    @Test
    void acceptsTheBearerSchemeInLowerCase() {
        String token = service.accountToken(DOMAIN);
        String docId = service.uploadOk(token, "notes.txt", SampleFiles.utf8Text());

        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(docId))
                .header("Authorization", "bearer " + token).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SampleFiles.utf8Text());
    }

    @Test
    void refusesACachedTokenWithOneFlippedSignatureByte() {
        String token = service.accountToken(DOMAIN);
        Envelopes.assertError(service.download(token, randomId()), 404, NOT_FOUND);
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[100] ^= 0x01;
        String flipped = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertUnauthenticated(service.download(flipped, randomId()));
    }

    @Test
    void refusesTwoAuthorizationHeaders() {
        String token = service.accountToken(DOMAIN);

        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(randomId()))
                .header("Authorization", "Bearer " + token).header("Authorization", "Bearer " + token).GET().build());

        assertUnauthenticated(response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustedTokens")
    void refusesUntrustedToken(String token) {
        HttpResponse<byte[]> response = service.download(token, randomId());

        assertUnauthenticated(response);
    }

    @Test
    void acceptsEs256TokenFromTheTrustedKeySet() {
        String token = service.minter().es256(valid().build());

        HttpResponse<byte[]> response = service.upload(token, "notes.txt", SampleFiles.utf8Text());

        assertThat(response.statusCode()).as("body %s", new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
    }

    // --- accounts and policies ---------------------------------------------------------------------

    @Test
    void answersAnotherAccountsAttachmentExactlyLikeAMissingOne() {
        String docId = service.uploadOk(service.accountToken(DOMAIN), "notes.txt", SampleFiles.utf8Text());
        String intruder = service.accountToken("domain-auth-b");

        JsonObject foreign = Envelopes.assertError(service.download(intruder, docId), 404, NOT_FOUND);
        JsonObject missing = Envelopes.assertError(service.download(intruder, randomId()), 404, NOT_FOUND);

        assertThat(foreign).isEqualTo(missing);
    }

    @Test
    void ownerStillDownloadsWhatAnotherAccountCannotSee() {
        String owner = service.accountToken(DOMAIN);
        String docId = service.uploadOk(owner, "notes.txt", SampleFiles.utf8Text());

        assertThat(service.download(owner, docId).body()).isEqualTo(SampleFiles.utf8Text());
    }

    @Test
    void deniesDownloadToUserWithoutPolicies() {
        String docId = service.uploadOk(service.accountToken(DOMAIN), "notes.txt", SampleFiles.utf8Text());

        HttpResponse<byte[]> response = service.download(userWithoutPolicies(), docId);

        JsonObject envelope = Envelopes.assertError(response, 403, ACCESS_DENIED);
        assertThat(envelope.getString("error_msg"))
                .isEqualTo("Policy doesn't allow coc:ticket:downloadFile to be performed.");
    }

    @Test
    void deniesUploadToUserWithoutPolicies() {
        HttpResponse<byte[]> response = service.upload(userWithoutPolicies(), "notes.txt", SampleFiles.utf8Text());

        JsonObject envelope = Envelopes.assertError(response, 403, ACCESS_DENIED);
        assertThat(envelope.getString("error_msg"))
                .isEqualTo("Policy doesn't allow coc:ticket:uploadFile to be performed.");
    }

    // --- request id --------------------------------------------------------------------------------

    @Test
    void everyResponseCarriesARequestId() {
        String token = service.accountToken(DOMAIN);
        HttpResponse<byte[]> upload = service.upload(token, "notes.txt", SampleFiles.utf8Text());
        Stream<HttpResponse<byte[]>> responses = Stream.of(
                upload,
                service.download(token, Service.json(upload).getString("id")),
                service.download(token, randomId()),
                service.download("garbage", randomId()),
                service.download(userWithoutPolicies(), randomId()),
                service.send(HttpRequest.newBuilder(service.base().resolve("v1/nowhere")).GET().build()));

        responses.forEach(response -> assertThat(response.headers().firstValue("X-Request-Id"))
                .as("X-Request-Id of a %d", response.statusCode())
                .hasValueSatisfying(id -> assertThat(id).isNotBlank()));
    }

    @Test
    void echoesASafeClientRequestId() {
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(randomId()))
                .header("Authorization", "Bearer " + service.accountToken(DOMAIN))
                .header("X-Request-Id", "abc-123")
                .GET().build());

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("abc-123");
    }

    @Test
    void replacesAnUnsafeClientRequestId() {
        String unsafe = "abc 123; injected=<script>";

        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(randomId()))
                .header("Authorization", "Bearer " + service.accountToken(DOMAIN))
                .header("X-Request-Id", unsafe)
                .GET().build());

        assertThat(response.headers().allValues("X-Request-Id")).singleElement()
                .satisfies(id -> assertThat(id).isNotEqualTo(unsafe).matches("[A-Za-z0-9._-]{1,64}"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    static void assertUnauthenticated(HttpResponse<byte[]> response) {
        Envelopes.assertError(response, 401, UNAUTHENTICATED);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    /** Claims the server accepts: an account of {@link #DOMAIN}, valid for ten minutes. */
    static JWTClaimsSet.Builder valid() {
        return TokenMinter.claims("account", DOMAIN, "root", Duration.ofMinutes(10));
    }

    String userWithoutPolicies() {
        return service.token(TokenMinter.claims("user", DOMAIN, "alice", Duration.ofMinutes(10)).build());
    }

    static String randomId() {
        return UUID.randomUUID().toString();
    }

    static Arguments token(String why, String token) {
        return Arguments.of(Named.of(why, token));
    }

    static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, JWSSigner signer) throws JOSEException {
        return sign(claims, algorithm, DevKeys.RS256_KID, signer);
    }

    static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String kid, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid)
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Signs the payload text as it is, so it can say what a claim set cannot (a key twice). */
    static String signRaw(String payload, RSAKey key) throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(DevKeys.RS256_KID)
                .type(JOSEObjectType.JWT).build(), new Payload(payload));
        jws.sign(new RSASSASigner(key));
        return jws.serialize();
    }

    /** A user whose only policy statement says Effect twice: Deny, then Allow. */
    static String duplicateEffectPolicy() {
        JWTClaimsSet claims = TokenMinter.claims("user", DOMAIN, "mallory", Duration.ofMinutes(10)).build();
        String json = claims.toString();
        return json.substring(0, json.length() - 1) + ",\"policies\":[{\"Version\":\"5.0\",\"Statement\":[{"
                + "\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Action\":[\"coc:ticket:*\"]}]}]}";
    }

    /** RS256 signatures are 342 characters; the last carries 4 unused bits: flipping one keeps the bytes. */
    static char sameBytes(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) ^ 0x1);
    }

    /** An unsecured JWT (RFC 7519 §6) written by hand: {@code {"alg":"none"}}, the claims, an empty signature. */
    static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        return base64url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
