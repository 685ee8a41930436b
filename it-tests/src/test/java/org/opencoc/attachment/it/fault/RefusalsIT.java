package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Envelopes;

/**
 * Refusals that happen before the application (in Grizzly's HTTP parser, in the web container's path
 * checks, in the container's error handling), and names that would disguise themselves, answer with
 * the envelope and {@code X-Request-Id}: never HTML, never an empty body, never 500 or 200. The
 * parser's and the path checks' envelopes come from the Grizzly hook in {@code
 * coc-attachments-grizzly.jar} ({@code docs/reliability.md}, "Refusals before the application"),
 * which also keeps a connection usable after a request that offered {@code Upgrade: h2c}.
 */
class RefusalsIT extends DeployedWar {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    String token;

    @BeforeEach
    void mintToken() {
        token = service.accountToken("domain-fault-refusals");
    }

    @Test
    void malformedMethodOutsideTheApiIsTheEnvelopeNotHtml() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("G@T / HTTP/1.1\r\nHost: 127.0.0.1\r\n", TIMEOUT);
        Envelopes.assertError(response, 501, "GOM.00007256");
    }

    @Test
    void malformedMethodOnTheApiIsMethodNotAllowed() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("G@T /v1/incident/attachments HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n", TIMEOUT);
        Envelopes.assertError(response, 405, "GOM.00007256");
    }

    @Test
    void encodedSlashInTheDocIdIsAParameterError() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident/attachments/a%2Fb HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void encodedSlashInTheBasePathIsNotFound() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident%2Fattachments/x HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n", TIMEOUT);
        Envelopes.assertError(response, 404, "GOM.00007257");
    }

    @Test
    void fileNameWithRightToLeftOverrideIsRefused() {
        HttpResponse<byte[]> response = service.upload(token, "invoice\u202Efdp.txt",
                Traffic.text(2048, 5));
        assertThat(Envelopes.assertError(response, 400, "GOM.00007256").getString("error_msg")).contains("U+202E");
    }

    @Test
    void fileNameWithZeroWidthSpaceIsRefused() {
        HttpResponse<byte[]> response = service.upload(token, "report\u200B.txt", Traffic.text(2048, 6));
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void bareCarriageReturnInAHeaderIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /health/live HTTP/1.1\r\n"
                + "Host: 127.0.0.1\rX-Smuggled: 1\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void bareLineFeedInAHeaderValueIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendRaw(ascii("GET /health/live HTTP/1.1\n"
                + "Host: 127.0.0.1\nX-Folded: a\rb\n\n"), TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void headerFieldsOverTheHeaderBufferAre431WithTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /health/live HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nX-Padding: " + "a".repeat(70 * 1024) + "\r\n", TIMEOUT);
        Envelopes.assertError(response, 431, "GOM.00007256");
    }

    @Test
    void requestLineOverTheHeaderBufferIs414WithTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/" + "a".repeat(70 * 1024) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n", TIMEOUT);
        Envelopes.assertError(response, 414, "GOM.00007256");
    }

    @Test
    void malformedContentLengthIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("POST /v1/incident/attachments HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Length: 12x\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void conflictingContentLengthsAreTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendRaw(ascii("POST /v1/incident/attachments HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"), TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void malformedChunkSizeIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendRaw(ascii("POST /v1/incident/attachments HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"), TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void missingHostIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /health/live HTTP/1.1\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void spaceInAHeaderNameIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /health/live HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nX Smuggled: 1\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void unknownHttpVersionIsTheEnvelopeWith505() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /health/live HTTP/9.9\r\n"
                + "Host: 127.0.0.1\r\n", TIMEOUT);
        Envelopes.assertError(response, 505, "GOM.00007256");
    }

    @Test
    void encodedNulInThePathIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident/attachments/a%00b HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n", TIMEOUT);
        assertThat(Envelopes.assertError(response, 400, "GOM.00007256").getString("error_msg")).contains("NUL");
    }

    @Test
    void dotDotAboveTheRootIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/../../etc/passwd HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n", TIMEOUT);
        assertThat(Envelopes.assertError(response, 400, "GOM.00007256").getString("error_msg")).contains("root");
    }

    @Test
    void encodedDotDotAboveTheRootIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /%2e%2e/etc/passwd HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void encodedBackslashInThePathIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident/attachments/a%5Cb HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n", TIMEOUT);
        assertThat(Envelopes.assertError(response, 400, "GOM.00007256").getString("error_msg")).contains("backslash");
    }

    @Test
    void malformedPercentEscapeIsTheEnvelopeNotAnEmpty200() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n", TIMEOUT);
        assertThat(Envelopes.assertError(response, 400, "GOM.00007256").getString("error_msg")).contains("percent");
    }

    @Test
    void truncatedPercentEscapeOnTheApiIsTheEnvelope() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/incident/attachments/a%2 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n", TIMEOUT);
        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void dotDotInsideTheRootStillReachesTheApplication() throws Exception {
        HttpResponse<byte[]> response = service.sendHeadOnly("GET /v1/../health/live HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n", TIMEOUT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void cleartextHttp2OfferIsIgnoredAndTheConnectionServesTheNextRequest() throws Exception {
        // java.net.http.HttpClient's default GET to an http: URI; without HTTP/2 on the listener Grizzly
        // used to answer it and then close the connection without saying so
        try (Socket socket = RawHttp.connect(service.base(), 65536, (int) TIMEOUT.toMillis())) {
            RawHttp.sendHead(socket, "GET", "/health/live", token, "Connection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n");
            RawHttp.Head offered = RawHttp.readHead(socket.getInputStream());
            assertThat(offered.status()).isEqualTo(200);
            assertThat(offered.headers()).doesNotContainKey("upgrade").doesNotContainEntry("connection", "close");
            skipBody(socket.getInputStream(), offered);
            RawHttp.sendHead(socket, "GET", "/health/live", token, "");
            assertThat(RawHttp.readHead(socket.getInputStream()).status()).as("second request, same connection")
                    .isEqualTo(200);
        }
    }

    /** Reads past the body of {@code head}: {@code Content-Length} bytes, or chunks up to the last. */
    private static void skipBody(InputStream in, RawHttp.Head head) throws IOException {
        if (head.contentLength() >= 0) {
            in.readNBytes((int) head.contentLength());
            return;
        }
        assertThat(head.headers()).containsEntry("transfer-encoding", "chunked");
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            in.readNBytes(size + 2);
        }
        in.readNBytes(2);
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in a chunked body");
            }
            line.append((char) b);
        }
        return Integer.parseInt(line.toString().strip(), 16);
    }

    private static byte[] ascii(String request) {
        return request.getBytes(StandardCharsets.US_ASCII);
    }
}
