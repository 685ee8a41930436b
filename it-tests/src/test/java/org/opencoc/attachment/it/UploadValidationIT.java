package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * What an upload may be and how every refusal answers, on the wire: size edges (exact, chunked, and a
 * Content-Length refused before the body), content type against name, empty files, file names, path
 * parameters, multipart structure and Content-Digest. Each refusal is checked field by field.
 */
class UploadValidationIT extends DeployedWar {

    /** The default upload limit, 10 MiB. */
    static final int LIMIT = 10 * 1024 * 1024;

    static final int MIB = 1024 * 1024;

    static final String INVALID_PARAMETER = "GOM.00007256";
    static final String NOT_FOUND = "GOM.00007257";
    static final String TOO_LARGE = "GOM.00007258";
    static final String UNSUPPORTED_TYPE = "GOM.00007259";
    static final String CHECKSUM_MISMATCH = "GOM.00007264";

    /** {@code attachment; filename="<fallback>"; filename*=UTF-8''<RFC 8187 value-chars>} and nothing else. */
    static final Pattern DISPOSITION =
            Pattern.compile("attachment; filename=\"([^\"]*)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)");

    String token;

    @BeforeEach
    void connect() {
        token = service.accountToken("domain-validation");
    }

    // --- size ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {LIMIT - 1, LIMIT})
    void acceptsTextFileUpToTheLimitAndReturnsItByteExact(int size) {
        byte[] content = logText(size);

        String docId = service.uploadOk(token, "gateway.log.txt", content);
        HttpResponse<byte[]> download = service.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void refusesFileOneByteOverTheLimit() {
        HttpResponse<byte[]> response = service.upload(token, "gateway.log.txt", logText(LIMIT + 1));

        JsonObject envelope = Envelopes.assertError(response, 413, TOO_LARGE);
        assertThat(envelope.getString("error_msg")).contains(Integer.toString(LIMIT));
    }

    @Test
    void refusesChunkedBodyOverTheLimit() {
        Multipart body = new Multipart().file("file", "gateway.log.txt", logText(LIMIT + MIB));
        byte[] bytes = body.build();
        HttpRequest chunked = HttpRequest.newBuilder(service.attachments("incident"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        assertThat(chunked.bodyPublisher()).hasValueSatisfying(p -> assertThat(p.contentLength()).isNegative());

        Envelopes.assertError(service.send(chunked), 413, TOO_LARGE);
    }

    @Test
    void refusesBodyWhoseContentLengthIsOverTheLimit() {
        HttpResponse<byte[]> response = service.upload(token, "gateway.log.txt", logText(LIMIT + MIB));

        Envelopes.assertError(response, 413, TOO_LARGE);
    }

    @Test
    void refusesOversizedContentLengthWithoutWaitingForTheBody() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly(
                "POST /v1/incident/attachments HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + service.base().getPort() + "\r\n"
                        + "Authorization: Bearer " + token + "\r\n"
                        + "Content-Type: multipart/form-data; boundary=it-never-sent\r\n"
                        + "Content-Length: 20000000\r\n"
                        + "Connection: close\r\n",
                Duration.ofSeconds(5));

        Envelopes.assertError(response, 413, TOO_LARGE);
    }

    // --- type and emptiness -------------------------------------------------------------------------

    static Stream<Arguments> mismatchedTypes() {
        return Stream.of(
                Arguments.of("PNG bytes named .pdf", "screenshot.pdf", SampleFiles.png()),
                Arguments.of("an .exe", "setup.exe", SampleFiles.binaryNoise()),
                Arguments.of("binary noise named .txt", "noise.txt", SampleFiles.binaryNoise()),
                Arguments.of("a plain zip named .docx", "archive.docx", SampleFiles.plainZip()),
                Arguments.of("a name without extension", "README", SampleFiles.utf8Text()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatchedTypes")
    void refusesFileWhoseTypeIsNotAllowedOrDoesNotMatchItsName(String label, String name, byte[] content) {
        HttpResponse<byte[]> response = service.upload(token, name, content);

        Envelopes.assertError(response, 415, UNSUPPORTED_TYPE);
    }

    @Test
    void refusesEmptyFile() {
        HttpResponse<byte[]> response = service.upload(token, "empty.txt", new byte[0]);

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    // --- file names ---------------------------------------------------------------------------------

    @Test
    void keepsNonAsciiNameAndOffersItAsRfc8187ParameterWithAsciiFallback() {
        String name = "Störungsbericht 東京 — Grüße +1 😀.txt";

        String docId = service.uploadOk(token, name, SampleFiles.utf8Text());
        HttpResponse<byte[]> download = service.download(token, docId);

        Matcher disposition = disposition(download);
        assertThat(percentDecode(disposition.group(2))).isEqualTo(name);
        assertThat(disposition.group(1)).matches("[\\x20-\\x7e&&[^\"\\\\]]+").endsWith(".txt");
    }

    @Test
    void answersUploadWithTheNameAsSent() {
        String name = "Störungsbericht 東京.txt";

        HttpResponse<byte[]> response = service.upload(token, name, SampleFiles.utf8Text());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Service.json(response).getString("name")).isEqualTo(name);
    }

    @Test
    void normalizesNameToNfc() {
        String decomposed = "Cafe\u0301 re\u0301sume\u0301.txt";

        HttpResponse<byte[]> response = service.upload(token, decomposed, SampleFiles.utf8Text());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Service.json(response).getString("name")).isEqualTo("Caf\u00e9 r\u00e9sum\u00e9.txt");
    }

    /**
     * A {@code "} in a file name as clients put it into a quoted {@code filename} parameter: HTML's
     * multipart/form-data encoding (current browsers) writes {@code %22}, older Firefox wrote {@code \"}.
     */
    static Stream<Arguments> quotedNames() {
        return Stream.of(
                Arguments.of("as browsers send it (%22)", "report %22final%22.txt"),
                Arguments.of("as a quoted-pair (\\\")", "report \\\"final\\\".txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotedNames")
    void restoresQuoteInName(String label, String onTheWire) {
        String docId = service.uploadOk(token, onTheWire, SampleFiles.utf8Text());

        Matcher disposition = disposition(service.download(token, docId));

        assertThat(percentDecode(disposition.group(2))).isEqualTo("report \"final\".txt");
        assertThat(disposition.group(1)).isEqualTo("report _final_.txt");
    }

    /** Commons FileUpload decodes an RFC 2231 {@code filename*} parameter and prefers it to {@code filename}. */
    @Test
    void acceptsRfc2231EncodedFileNameParameter() {
        Multipart body = new Multipart().part(
                "form-data; name=\"file\"; filename=\"fallback.txt\"; filename*=UTF-8''report%20%22final%22%20%E6%9D%B1.txt",
                "", SampleFiles.utf8Text());

        HttpResponse<byte[]> response = service.upload("incident", token, body);

        assertThat(response.statusCode()).as("body %s", new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(Service.json(response).getString("name")).isEqualTo("report \"final\" 東.txt");
    }

    static Stream<Arguments> controlCharacterNames() {
        return Stream.of(
                Arguments.of("CR LF in filename*", "form-data; name=\"file\"; filename*=UTF-8''a%0D%0Ab.txt"),
                Arguments.of("TAB in filename*", "form-data; name=\"file\"; filename*=UTF-8''a%09b.txt"),
                Arguments.of("CR LF as browsers escape them", "form-data; name=\"file\"; filename=\"a%0D%0Ab.txt\""),
                Arguments.of("a raw CR", "form-data; name=\"file\"; filename=\"a\rb.txt\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlCharacterNames")
    void refusesControlCharactersInName(String label, String disposition) {
        Multipart body = new Multipart().part(disposition, "", SampleFiles.utf8Text());

        HttpResponse<byte[]> response = service.upload("incident", token, body);

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    static Stream<Arguments> namesWithPaths() {
        return Stream.of(
                Arguments.of("../../etc/passwd.txt", "passwd.txt"),
                Arguments.of("C:\\temp\\x.txt", "x.txt"),
                Arguments.of("/var/log/../gateway.txt", "gateway.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesWithPaths")
    void keepsOnlyTheBaseNameOfAPath(String submitted, String kept) {
        HttpResponse<byte[]> response = service.upload(token, submitted, SampleFiles.utf8Text());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Service.json(response).getString("name")).isEqualTo(kept);
        Matcher disposition = disposition(service.download(token, Service.json(response).getString("id")));
        assertThat(percentDecode(disposition.group(2))).isEqualTo(kept);
    }

    @Test
    void acceptsNameOfExactly255Utf8Bytes() {
        String name = "é".repeat(125) + "x.txt";
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(255);

        HttpResponse<byte[]> response = service.upload(token, name, SampleFiles.utf8Text());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Service.json(response).getString("name")).isEqualTo(name);
    }

    @Test
    void refusesNameLongerThan255Utf8Bytes() {
        String name = "é".repeat(148) + ".txt";
        assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(300);

        HttpResponse<byte[]> response = service.upload(token, name, SampleFiles.utf8Text());

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    // --- path parameters ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"problem", "INCIDENT"})
    void refusesUnknownTicketTypeOnUpload(String ticketType) {
        HttpResponse<byte[]> response = service.upload(ticketType, token,
                new Multipart().file("file", "notes.txt", SampleFiles.utf8Text()));

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"problem", "INCIDENT"})
    void refusesUnknownTicketTypeOnDownloadOfAnExistingAttachment(String ticketType) {
        String docId = service.uploadOk(token, "notes.txt", SampleFiles.utf8Text());

        HttpResponse<byte[]> response = service.download(token, service.attachment(ticketType, docId));

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    /**
     * A malformed id is a parameter error (400, DocId's message) whenever it reaches the resource as the
     * one {@code {doc_id}} segment, and encoded traversals do: JAX-RS matches the encoded path, so
     * {@code ..%2F..%2Fetc%2Fpasswd} arrives decoded as {@code ../../etc/passwd} and {@code %2e%2e} as
     * {@code ..}, both refused by DocId before storage. A path with a real extra segment matches no
     * route and gets JAX-RS's 404 envelope instead.
     */
    static Stream<Arguments> malformedDocIds() {
        String uuid = UUID.randomUUID().toString();
        String invalid = "doc_id must be a lower-case UUID.";
        return Stream.of(
                Arguments.of("abc", 400, INVALID_PARAMETER, invalid),
                Arguments.of(uuid.toUpperCase(Locale.ROOT), 400, INVALID_PARAMETER, invalid),
                Arguments.of(uuid + ".txt", 400, INVALID_PARAMETER, invalid),
                Arguments.of("..%2F..%2Fetc%2Fpasswd", 400, INVALID_PARAMETER, invalid),
                Arguments.of("%2e%2e", 400, INVALID_PARAMETER, invalid),
                Arguments.of(uuid + "/content", 404, NOT_FOUND, "No such resource."));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedDocIds")
    void refusesMalformedDocId(String docId, int status, String errorCode, String message) {
        HttpResponse<byte[]> response = service.download(token, service.attachment("incident", docId));

        assertThat(Envelopes.assertError(response, status, errorCode).getString("error_msg")).isEqualTo(message);
    }

    @Test
    void answersNotFoundForUnknownDocId() {
        HttpResponse<byte[]> response = service.download(token, UUID.randomUUID().toString());

        Envelopes.assertError(response, 404, NOT_FOUND);
    }

    // --- multipart structure ------------------------------------------------------------------------

    @Test
    void refusesBodyWithoutFilePart() {
        HttpResponse<byte[]> response = service.upload("incident", token,
                new Multipart().field("comment", "the file is missing"));

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    @Test
    void refusesFilePartWithoutFileName() {
        HttpResponse<byte[]> response = service.upload("incident", token,
                new Multipart().part("form-data; name=\"file\"", "", SampleFiles.utf8Text()));

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    @Test
    void refusesTwoFileParts() {
        HttpResponse<byte[]> response = service.upload("incident", token, new Multipart()
                .file("file", "first.txt", SampleFiles.utf8Text())
                .file("file", "second.png", SampleFiles.png()));

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    @Test
    void refusesBodyThatIsNotMultipart() {
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachments("incident"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file\":\"notes.txt\"}"))
                .build());

        Envelopes.assertError(response, 400, INVALID_PARAMETER);
    }

    // --- Content-Digest -----------------------------------------------------------------------------

    @Test
    void acceptsMatchingContentDigestOnTheRequest() {
        byte[] content = SampleFiles.pdf();
        Multipart body = new Multipart().file("file", "report.pdf", content);

        HttpResponse<byte[]> response = service.send(service.uploadRequest("incident", token, body)
                .header("Content-Digest", contentDigest(content)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(service.download(token, Service.json(response).getString("id")).body()).isEqualTo(content);
    }

    @Test
    void acceptsMatchingContentDigestOnTheFilePart() {
        byte[] content = SampleFiles.pdf();
        Multipart body = new Multipart().file("file", "report.pdf", content,
                "Content-Digest: " + contentDigest(content) + "\r\n");

        HttpResponse<byte[]> response = service.upload("incident", token, body);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesMismatchingContentDigestOnTheRequest() {
        Multipart body = new Multipart().file("file", "report.pdf", SampleFiles.pdf());

        HttpResponse<byte[]> response = service.send(service.uploadRequest("incident", token, body)
                .header("Content-Digest", contentDigest(SampleFiles.png())).build());

        Envelopes.assertError(response, 400, CHECKSUM_MISMATCH);
    }

    @Test
    void refusesMismatchingContentDigestOnTheFilePart() {
        Multipart body = new Multipart().file("file", "report.pdf", SampleFiles.pdf(),
                "Content-Digest: " + contentDigest(SampleFiles.png()) + "\r\n");

        HttpResponse<byte[]> response = service.upload("incident", token, body);

        Envelopes.assertError(response, 400, CHECKSUM_MISMATCH);
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** ASCII log lines, cut to exactly {@code size} bytes and ending in a newline: what Tika calls text/plain. */
    static byte[] logText(int size) {
        byte[] line = "2026-03-14T09:26:53.120Z INFO  gateway-7f9c incident=4711 probe=health status=ok latency_ms=12\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[size];
        for (int i = 0; i < size; i++) {
            text[i] = line[i % line.length];
        }
        text[size - 1] = '\n';
        return text;
    }

    static String contentDigest(byte[] content) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(content);
            return "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The download's Content-Disposition, checked against the documented shape; group 1 fallback, group 2 encoded. */
    static Matcher disposition(HttpResponse<byte[]> download) {
        assertThat(download.statusCode()).isEqualTo(200);
        String value = download.headers().firstValue("Content-Disposition").orElseThrow();
        Matcher matcher = DISPOSITION.matcher(value);
        assertThat(matcher.matches()).as("Content-Disposition %s", value).isTrue();
        return matcher;
    }

    /** RFC 8187 percent-decoding to UTF-8 ({@code +} stays {@code +}, unlike form decoding). */
    static String percentDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
