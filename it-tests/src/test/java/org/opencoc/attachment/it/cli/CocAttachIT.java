package org.opencoc.attachment.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.cli.PolicyTable;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * {@code bin/coc-attach} against one Payara Micro process on the filesystem store (shared by every
 * test, each with its own files and attachments), started with the JSON log format of
 * {@code etc/logging-json.properties}. Proxy cuts, a tampered content file and an unreadable metadata
 * file are the faults.
 */
class CocAttachIT {

    private static final Logger LOG = Logger.getLogger(CocAttachIT.class.getName());
    private static final int MIB = 1024 * 1024;
    private static final java.net.http.HttpClient HTTP_1_1 = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private static Path work;
    private static Path data;
    private static PayaraMicroProcess server;
    private static Service service;
    private static String token;
    private static CuttingProxy proxy;

    private Path dir;
    private CommandLine cli;

    @BeforeAll
    static void startServer() throws IOException {
        Path target = Path.of(System.getProperty("it.deps", "target/it-deps")).toAbsolutePath().getParent();
        work = Files.createDirectories(target.resolve("cli-it").resolve(UUID.randomUUID().toString()));
        data = work.resolve("data");
        server = PayaraMicroProcess.builder(work.resolve("server"))
                .heap("256m")
                .systemProperty("mp.jwt.verify.publickey.location",
                        "file:" + Path.of(System.getProperty("it.keys"), "jwks-public.json").toAbsolutePath())
                .systemProperty("coc.storage.filesystem.root", data.toString())
                // the agreement test poses every table case as a token, and the table's largest policy
                // (6,144 four-byte characters) makes a token over the default 32 KiB cap; the cap is the
                // transport's, not the engine's, and AuthenticationIT tests it
                .systemProperty("coc.auth.token.max-bytes", "60000")
                .jsonLog()
                .build()
                .start();
        LOG.info(() -> "Started " + server + " in " + server.startupDuration().map(Duration::toMillis).orElse(-1L) + " ms");
        try {
            service = new Service(server.baseUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        token = service.accountToken("domain-cli");
        proxy = new CuttingProxy(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshDirectory() throws IOException {
        dir = Files.createDirectories(work.resolve("client-" + UUID.randomUUID()));
        cli = new CommandLine(dir, server.baseUri(), token);
    }

    // ------------------------------------------------------------------ round trips

    @ParameterizedTest
    @ValueSource(strings = {"evidence.jpg", "screen.png", "report.docx", "notes.txt", "scan.pdf"})
    void uploadThenDownloadGivesTheSameBytesForEveryAllowedType(String name) throws IOException {
        byte[] content = sample(name);
        Path file = write(name, content);

        CommandLine.Run upload = cli.run("upload", file.toString());
        assertThat(upload.exitCode()).as(upload.describe()).isZero();
        String docId = upload.stdout().strip();
        Path copy = dir.resolve("copy-" + name);
        CommandLine.Run download = cli.run("download", docId, "-o", copy.toString());

        assertThat(download.exitCode()).as(download.describe()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
    }

    @Test
    void downloadWithoutOutputSavesUnderTheServiceFileName() throws IOException {
        String docId = uploadOk("shift handover.txt", "handover\n".getBytes(StandardCharsets.UTF_8));

        CommandLine.Run download = cli.run("download", docId);

        assertThat(download.exitCode()).as(download.describe()).isZero();
        assertThat(dir.resolve("shift handover.txt")).hasContent("handover");
    }

    @Test
    void uploadJsonPrintsTheWholeAnswer() throws IOException {
        Path file = write("a.txt", "a\n".getBytes(StandardCharsets.UTF_8));

        CommandLine.Run upload = cli.run("upload", file.toString(), "--name", "renamed.txt", "--json");

        JsonObject json = json(upload.stdout());
        assertThat(json.getString("name")).isEqualTo("renamed.txt");
        assertThat(json.getString("error_code")).isEqualTo("GOM.00000000");
        assertThat(json.getJsonObject("data").getString("doc_id")).isEqualTo(json.getString("id"));
    }

    @Test
    void headPrintsTheMetadataWithTheSha256() throws IOException {
        byte[] content = SampleFiles.pdf();
        String docId = uploadOk("scan.pdf", content);

        CommandLine.Run head = cli.run("head", docId, "--json");

        JsonObject json = json(head.stdout());
        assertThat(json.getString("doc_name")).isEqualTo("scan.pdf");
        assertThat(json.getJsonNumber("size").longValue()).isEqualTo(content.length);
        assertThat(json.getString("sha256")).isEqualTo(hex(SampleFiles.sha256(content)));
    }

    // ------------------------------------------------------------------ resume

    @Test
    void downloadCutMidwayIsResumedWithinTheSameRunToAByteExactFile() throws IOException {
        byte[] content = text(4 * MIB);
        String docId = uploadOk("big.txt", content);
        proxy.clearRecord();
        proxy.cutNextConnectionAfter(MIB);

        CommandLine.Run download = cli.endpoint(proxy.uri()).run("download", docId, "-o", "big.txt", "--max-wait", "0");

        assertThat(download.exitCode()).as(download.describe()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("big.txt"))).isEqualTo(content);
        List<String> gets = gets(docId);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1)).containsPattern("(?im)^range: bytes=\\d+-$").containsPattern("(?im)^if-range: \"");
    }

    @Test
    void interruptedDownloadIsResumedByTheNextRunWithRangeAndIfRange() throws IOException {
        byte[] content = text(4 * MIB);
        String docId = uploadOk("resume.txt", content);
        proxy.clearRecord();
        proxy.cutNextConnectionAfter(2 * MIB);
        CommandLine viaProxy = cli.endpoint(proxy.uri());

        CommandLine.Run first = viaProxy.run("download", docId, "-o", "resume.txt", "--retries", "0");
        assertThat(first.exitCode()).as(first.describe()).isEqualTo(7);
        assertThat(dir.resolve("resume.txt")).doesNotExist();
        long partial = Files.size(dir.resolve("resume.txt.part"));
        assertThat(partial).isBetween(1L, 2L * MIB);
        CommandLine.Run second = viaProxy.run("download", docId, "-o", "resume.txt");

        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("resume.txt"))).isEqualTo(content);
        assertThat(dir.resolve("resume.txt.part")).doesNotExist();
        assertThat(gets(docId).get(1)).containsIgnoringCase("range: bytes=" + partial + "-");
    }

    @Test
    void partialFileOfAnotherVersionIsReplacedNotSpliced() throws IOException {
        byte[] content = text(MIB);
        String docId = uploadOk("changed.txt", content);
        Files.write(dir.resolve("changed.txt.part"), "stale bytes of an older version".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("changed.txt.part.etag"), "\"an-older-etag\"\n");

        CommandLine.Run download = cli.run("download", docId, "-o", "changed.txt");

        assertThat(download.exitCode()).as(download.describe()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("changed.txt"))).isEqualTo(content);
    }

    // ------------------------------------------------------------------ verification and retries

    @Test
    void tamperedStoredFileIsDetectedAndNothingIsKept() throws IOException {
        byte[] content = text(256 * 1024);
        String docId = uploadOk("tampered.txt", content);
        Path stored = storedDirectory(docId).resolve("content");
        byte[] bent = content.clone();
        bent[1000] ^= 0x01;
        Files.write(stored, bent);

        CommandLine.Run download = cli.run("download", docId, "-o", "tampered.txt");

        assertThat(download.exitCode()).as(download.describe()).isEqualTo(8);
        assertThat(download.stderr()).contains("SHA-256").contains("nothing was kept");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("tampered.txt"));
        }
    }

    @Test
    void storageUnavailableIsRetriedAfterRetryAfterUntilTheStoreReturns() throws Exception {
        byte[] content = text(128 * 1024);
        String docId = uploadOk("outage.txt", content);
        Path stored = storedDirectory(docId);
        Path aside = stored.resolveSibling(docId + ".aside");
        Files.move(stored, aside);
        Files.createFile(stored); // <doc_id>/metadata.json now fails with ENOTDIR, an I/O error: the store answers 503

        CommandLine.Started download = cli.start("download", docId, "-o", "outage.txt");
        awaitStderr(download, "503");
        Files.delete(stored);
        Files.move(aside, stored);
        CommandLine.Run finished = download.await();

        assertThat(finished.exitCode()).as(finished.describe()).isZero();
        assertThat(finished.stderr()).contains("retrying in 5.0 s"); // the service's Retry-After: 5
        assertThat(Files.readAllBytes(dir.resolve("outage.txt"))).isEqualTo(content);
    }

    // ------------------------------------------------------------------ refusals and exit codes

    @Test
    void typeRefusedLocallyWithTheServiceMessage() throws IOException {
        byte[] content = "MZ not a document".getBytes(StandardCharsets.UTF_8);
        Path file = write("tool.exe", content);
        String serviceMessage = Service.json(service.upload(token, "tool.exe", content)).getString("error_msg");

        CommandLine.Run upload = cli.run("upload", file.toString());

        assertThat(upload.exitCode()).isEqualTo(5);
        assertThat(upload.stderr()).contains(serviceMessage).contains("not sent");
    }

    @Test
    void sizeRefusedLocallyWithTheServiceMessage() throws IOException {
        byte[] content = text(10 * MIB + 1);
        Path file = write("huge.txt", content);
        String serviceMessage = Service.json(service.upload(token, "huge.txt", content)).getString("error_msg");

        CommandLine.Run upload = cli.run("upload", file.toString());

        assertThat(upload.exitCode()).isEqualTo(5);
        assertThat(upload.stderr()).contains(serviceMessage);
    }

    @Test
    void contentThatDoesNotMatchTheNameIsRefusedByTheServiceWithExitFive() throws IOException {
        Path file = write("fake.pdf", "plain text, not a PDF\n".getBytes(StandardCharsets.UTF_8));

        CommandLine.Run upload = cli.run("upload", file.toString());

        assertThat(upload.exitCode()).isEqualTo(5);
        assertThat(upload.stderr()).contains("HTTP 415").contains("GOM.00007259").contains("request id");
    }

    @Test
    void missingAttachmentExitsFour() {
        CommandLine.Run download = cli.run("download", UUID.randomUUID().toString(), "-o", "x.txt");

        assertThat(download.exitCode()).as(download.describe()).isEqualTo(4);
        assertThat(download.stderr()).contains("GOM.00007257");
    }

    @Test
    void noTokenExitsThree() {
        CommandLine.Run head = cli.anonymous().run("head", UUID.randomUUID().toString());

        assertThat(head.exitCode()).as(head.describe()).isEqualTo(3);
        assertThat(head.stderr()).contains("HTTP 401");
    }

    @Test
    void unreachableServiceExitsSevenAfterTheRetries() {
        CommandLine.Run head = cli.endpoint(java.net.URI.create("http://127.0.0.1:1")).run("head",
                UUID.randomUUID().toString(), "--retries", "2", "--max-wait", "0");

        assertThat(head.exitCode()).as(head.describe()).isEqualTo(7);
    }

    @Test
    void unknownOptionExitsTwoWithUsage() {
        CommandLine.Run run = cli.run("download", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("Usage: coc-attach download");
    }

    @ParameterizedTest
    @ValueSource(strings = {"upload", "download", "head", "iam"})
    void everyCommandHasHelp(String command) {
        CommandLine.Run help = cli.run(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("Usage: coc-attach " + command);
    }

    @Test
    void noProgressBarWhenStandardErrorIsNotATerminal() throws IOException {
        String docId = uploadOk("quiet.txt", text(MIB));

        CommandLine.Run download = cli.run("download", docId, "-o", "quiet.txt");

        assertThat(download.stderr()).doesNotContain("\r").doesNotContain("%");
    }

    @Test
    void progressBarWhenAskedShowsBytesRateAndCompletion() throws IOException {
        String docId = uploadOk("loud.txt", text(MIB));

        CommandLine.Run download = cli.run("download", docId, "-o", "loud.txt", "--progress");

        assertThat(download.stderr()).contains("\r").contains("100% [").contains("1.0 MiB / 1.0 MiB").contains("/s");
    }

    // ------------------------------------------------------------------ JSON logs

    @Test
    void everyLogLineIsOneJsonObjectAndAuditFieldsAreTopLevelKeys() throws IOException {
        String docId = uploadOk("audited.txt", "audit me\n".getBytes(StandardCharsets.UTF_8));
        cli.run("head", docId);

        List<String> lines = serverLogLines();
        List<JsonObject> objects = lines.stream().map(CocAttachIT::json).toList();
        assertThat(objects).allSatisfy(line -> assertThat(line).containsKeys("Timestamp", "Level", "LoggerName"));
        JsonObject audit = objects.stream()
                .filter(line -> line.getString("LoggerName").equals("org.opencoc.attachment.audit"))
                .filter(line -> line.getString("doc_id", "").equals(docId))
                .filter(line -> line.getString("action").equals("coc:ticket:downloadFile"))
                .findFirst().orElseThrow(() -> new AssertionError("no audit line for the HEAD of " + docId));
        assertThat(audit.getString("decision")).isEqualTo("allow");
        assertThat(audit.getString("principal")).isEqualTo("iam::domain-cli:root");
        assertThat(audit.getString("status")).isEqualTo("200");
        assertThat(audit.getString("request_id")).isNotBlank();
        assertThat(audit.getString("LogMessage")).startsWith("audit ").contains("decision=allow");
    }

    // ------------------------------------------------------------------ the simulator and the service

    /**
     * Every case of the engine's tables that a real request can pose (the default context; the
     * actions of this service), asked twice: of the running service with a token carrying the case's
     * caller and policies (the audit line of that request says the decision and the deciding policy
     * and statement), and of {@code iam simulate} with the same claims and the request's facts (now,
     * 127.0.0.1, incident). Both must give the same decision and name the same policy and statement.
     */
    @Test
    void simulatorAndServiceAgreeOnEveryTableCase() throws IOException {
        List<PolicyTable.Case> cases = PolicyTable.read(PolicyTable.tablesOf(Path.of(System.getProperty("it.bin", "../bin"))
                        .toAbsolutePath().getParent().resolve("it-tests")))
                .filter(PolicyTable.Case::defaultContext)
                .filter(c -> canonical(c.action()) != null)
                .toList();
        java.util.Map<String, JsonObject> simulated = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long started = System.nanoTime();
        java.util.concurrent.ExecutorService askers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> asked = new java.util.ArrayList<>();
        int n = 0;
        for (PolicyTable.Case c : cases) {
            String requestId = "table-" + (n++) + "-" + UUID.randomUUID().toString().substring(0, 8);
            String action = canonical(c.action());
            asked.add(askers.submit(() -> statuses.put(requestId, ask(c, action, requestId))));
            Path claims = Files.writeString(dir.resolve("claims.json"), c.claims().toString());
            PolicyTable.Result result = PolicyTable.run(c.simulateArguments(claims, action,
                    java.time.Instant.now().toString(), "127.0.0.1", "incident"));
            simulated.put(requestId, result.json());
        }
        long simulatedAt = System.nanoTime();
        try {
            for (java.util.concurrent.Future<?> future : asked) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            askers.shutdownNow();
        }
        long askedAt = System.nanoTime();
        LOG.info(() -> "simulated " + cases.size() + " cases in " + (simulatedAt - started) / 1_000_000 + " ms; the service answered all after "
                + (askedAt - started) / 1_000_000 + " ms");
        java.util.Map<String, JsonObject> audited = new java.util.HashMap<>();
        for (String line : serverLogLines()) {
            JsonObject object = json(line);
            if (object.getString("LoggerName").equals("org.opencoc.attachment.audit")
                    && simulated.containsKey(object.getString("request_id", ""))) {
                audited.put(object.getString("request_id"), object);
            }
        }
        List<String> disagreements = new java.util.ArrayList<>();
        int i = 0;
        for (java.util.Map.Entry<String, JsonObject> entry : simulated.entrySet()) {
            PolicyTable.Case c = cases.get(i++);
            JsonObject sim = entry.getValue();
            JsonObject audit = audited.get(entry.getKey());
            boolean user = !"account".equals(c.claims().getString("principal_type"));
            String simPolicy = sim.isNull("policy") ? sim.getString("reason") : sim.getString("policy");
            String simStatement = sim.isNull("statement") ? "" : sim.getString("statement");
            if (audit == null) {
                disagreements.add(c + ": no audit line (HTTP " + statuses.get(entry.getKey()) + ")");
            } else if (!audit.getString("decision").equals(sim.getString("decision"))
                    || user && !audit.getString("policy").equals(simPolicy)
                    || user && !audit.getString("statement").equals(simStatement)) {
                disagreements.add(c + ": service " + audit.getString("decision") + " " + audit.getString("policy") + " "
                        + audit.getString("statement") + " / simulator " + sim.getString("decision") + " " + simPolicy
                        + " " + simStatement);
            }
        }
        LOG.info(() -> "simulator and service asked " + cases.size() + " table cases; disagreements: " + disagreements.size());
        assertThat(cases).hasSizeGreaterThan(100);
        assertThat(disagreements).isEmpty();
    }

    private static String canonical(String action) {
        for (String known : List.of("coc:ticket:downloadFile", "coc:ticket:uploadFile")) {
            if (known.equalsIgnoreCase(action)) {
                return known;
            }
        }
        return null;
    }

    /** Poses the case to the service: HEAD of a missing attachment, or an upload without a file part. */
    private static int ask(PolicyTable.Case c, String action, String requestId) {
        String token = signedRaw(c.claims());
        java.net.http.HttpRequest.Builder request;
        if (action.equals("coc:ticket:downloadFile")) {
            request = java.net.http.HttpRequest.newBuilder(service.attachment(UUID.randomUUID().toString()))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            request = java.net.http.HttpRequest.newBuilder(service.attachments("incident"))
                    .header("Content-Type", "multipart/form-data; boundary=b")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--b--\r\n"));
        }
        try {
            return HTTP_1_1.send(request.header("Authorization", "Bearer " + token).header("X-Request-Id", requestId).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(c + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token whose payload is the case's claims byte for byte (decimals keep every digit), plus iss/aud/exp. */
    private static String signedRaw(JsonObject claims) {
        long now = java.time.Instant.now().getEpochSecond();
        JsonObject payload = Json.createObjectBuilder(claims)
                .add("iss", org.opencoc.attachment.devtools.TokenMinter.ISSUER)
                .add("aud", org.opencoc.attachment.devtools.TokenMinter.AUDIENCE)
                .add("iat", now).add("exp", now + 600).add("jti", UUID.randomUUID().toString())
                .add("groups", Json.createArrayBuilder())
                .build();
        try {
            String kid = org.opencoc.attachment.devtools.DevKeys.RS256_KID;
            com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                    new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(kid)
                            .type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
                    new com.nimbusds.jose.Payload(payload.toString()));
            jws.sign(new com.nimbusds.jose.crypto.RSASSASigner(
                    (com.nimbusds.jose.jwk.RSAKey) Service.keys().privateKeys().getKeyByKeyId(kid)));
            return jws.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private String uploadOk(String name, byte[] content) throws IOException {
        Path file = write(name, content);
        CommandLine.Run upload = cli.run("upload", file.toString());
        assertThat(upload.exitCode()).as(upload.describe()).isZero();
        Files.delete(file);
        return upload.stdout().strip();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        return Files.write(sources.resolve(name), content);
    }

    private List<String> gets(String docId) {
        return proxy.requestHeads().stream().filter(head -> head.startsWith("GET ") && head.contains(docId)).toList();
    }

    private static Path storedDirectory(String docId) {
        return data.resolve("attachments").resolve(docId.substring(0, 2)).resolve(docId);
    }

    private static void awaitStderr(CommandLine.Started run, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!run.stderrSoFar().contains(text)) {
            if (!run.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("coc-attach did not report '" + text + "': " + run.stderrSoFar());
            }
            run.process().waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The lines Payara Micro wrote since its start (the launcher's own "=== start" line excluded). */
    private static List<String> serverLogLines() {
        try {
            List<String> all = Files.readAllLines(server.logFile(), StandardCharsets.UTF_8);
            int start = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).startsWith("=== start: ")) {
                    start = i + 1;
                }
            }
            return all.subList(start, all.size()).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not one JSON object: " + text, e);
        }
    }

    private static byte[] sample(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "jpg" -> SampleFiles.jpeg();
            case "png" -> SampleFiles.png();
            case "docx" -> SampleFiles.docx();
            case "txt" -> SampleFiles.utf8Text();
            case "pdf" -> SampleFiles.pdf();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Printable text Tika detects as text/plain. */
    private static byte[] text(int size) {
        byte[] line = "incident evidence: the quick brown fox jumps over the lazy dog 0123456789\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = line[i % line.length];
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
