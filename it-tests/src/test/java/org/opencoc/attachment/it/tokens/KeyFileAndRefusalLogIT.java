package org.opencoc.attachment.it.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.devtools.TokenMinter;
import org.opencoc.attachment.it.Envelopes;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

/**
 * One Payara Micro whose key file the test owns (checked for changes every second): a key removed
 * from the file is no longer trusted, even for a token verified and cached before; and a refused token
 * leaves exactly one log line, with its reason and the request id, and no stack trace.
 */
class KeyFileAndRefusalLogIT {

    private static final String ROTATING_KID = "rotating-rs256";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static PayaraMicroProcess server;
    private static Service service;
    private static Path keyFile;
    private static RSAKey rotating;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of(System.getProperty("it.deps", "target/it-deps")).toAbsolutePath().getParent();
        Path work = Files.createDirectories(target.resolve("tokens").resolve("keys-" + UUID.randomUUID()));
        rotating = new RSAKeyGenerator(2048).keyID(ROTATING_KID).generate();
        keyFile = work.resolve("jwks-public.json");
        writeKeys(true);
        server = PayaraMicroProcess.builder(work)
                .heap("256m")
                .systemProperty("mp.jwt.verify.publickey.location", "file:" + keyFile)
                .systemProperty("coc.auth.keys.reload-seconds", "1")
                .systemProperty("coc.storage.filesystem.root", work.resolve("data").toString())
                .build()
                .start();
        service = new Service(server.baseUri().toURL());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void forgetsTheTokensOfAKeyRemovedFromTheKeyFile() throws Exception {
        String token = signedByRotatingKey();
        Envelopes.assertError(service.download(token, UUID.randomUUID().toString()), 404, "GOM.00007257");

        writeKeys(false);

        HttpResponse<byte[]> refused = await(() -> service.download(token, UUID.randomUUID().toString()),
                response -> response.statusCode() == 401);
        Envelopes.assertError(refused, 401, "GOM.00007260");
        Envelopes.assertError(service.download(service.accountToken("domain-keys"), UUID.randomUUID().toString()),
                404, "GOM.00007257");
    }

    @Test
    void aRefusedTokenLeavesOneLogLineWithoutAStackTrace() throws Exception {
        String requestId = "refused-" + UUID.randomUUID();
        int linesBefore = logLines().size();

        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(UUID.randomUUID().toString()))
                .header("Authorization", "Bearer not.a-valid.token")
                .header("X-Request-Id", requestId)
                .GET().build());

        Envelopes.assertError(response, 401, "GOM.00007260");
        List<String> lines = await(() -> linesMentioning(requestId), found -> !found.isEmpty());
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("Refused a bearer token")
                .doesNotContain("Exception"));
        List<String> all = logLines();
        List<String> linesSince = all.subList(linesBefore, all.size());
        assertThat(linesSince).noneMatch(line -> line.startsWith("\tat ") || line.contains("TokenRefused"));
    }

    private static String signedByRotatingKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ROTATING_KID)
                .type(JOSEObjectType.JWT).build(),
                TokenMinter.claims("account", "domain-keys", "root", Duration.ofMinutes(10)).build());
        jwt.sign(new RSASSASigner(rotating));
        return jwt.serialize();
    }

    /** The test key set, with or without the rotating key, replaced atomically as an operator would. */
    private static void writeKeys(boolean withRotating) throws IOException {
        try {
            JWKSet base = JWKSet.load(Path.of(System.getProperty("it.keys"), "jwks-public.json").toFile());
            List<JWK> keys = new java.util.ArrayList<>(base.getKeys());
            if (withRotating) {
                keys.add(rotating.toPublicJWK());
            }
            Path next = keyFile.resolveSibling("jwks-public.json.next");
            Files.writeString(next, new JWKSet(keys).toString(), StandardCharsets.UTF_8);
            Files.move(next, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> linesMentioning(String text) {
        return logLines().stream().filter(line -> line.contains(text)).toList();
    }

    private static List<String> logLines() {
        try {
            return Files.readAllLines(server.logFile(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }
}
