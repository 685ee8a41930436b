package org.opencoc.attachment.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.devtools.TokenMinter;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Metrics;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * The application metrics on {@code /metrics} (Prometheus text): each test reads them before and
 * after a known sequence of calls and asserts the deltas.
 */
class MetricsIT extends DeployedWar {

    private static final String NO_SUCH_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @Test
    void countsUploadsByOutcomeAndStatusAndTheBytesStored() {
        String token = service.accountToken("d-metrics");
        byte[] png = SampleFiles.png();
        Map<String, Double> before = scrape();

        service.uploadOk(token, "a.png", png);
        assertThat(service.upload(token, "a.png", SampleFiles.pdf()).statusCode()).isEqualTo(415);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "coc_uploads_total{outcome=\"success\",status=\"200\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_uploads_total{outcome=\"client_error\",status=\"415\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_upload_bytes_total")).isEqualTo(png.length);
    }

    @Test
    void countsDownloadsByOutcomeAndStatusAndTheBytesSent() {
        String token = service.accountToken("d-metrics");
        byte[] pdf = SampleFiles.pdf();
        String docId = service.uploadOk(token, "r.pdf", pdf);
        Map<String, Double> before = scrape();

        assertThat(service.download(token, docId).statusCode()).isEqualTo(200);
        assertThat(service.send(HttpRequest.newBuilder(service.attachment(docId)).header("Authorization", "Bearer " + token)
                .header("Range", "bytes=0-9").GET().build()).statusCode()).isEqualTo(206);
        assertThat(service.download(token, NO_SUCH_ID).statusCode()).isEqualTo(404);
        assertThat(service.download("not-a-token", docId).statusCode()).isEqualTo(401);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "coc_downloads_total{outcome=\"success\",status=\"200\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_downloads_total{outcome=\"success\",status=\"206\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_downloads_total{outcome=\"client_error\",status=\"404\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_downloads_total{outcome=\"client_error\",status=\"401\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_download_bytes_total")).isEqualTo(pdf.length + 10);
    }

    @Test
    void countsAuthorizationDecisionsByOutcome() {
        String account = service.accountToken("d-metrics");
        String nobody = service.token(TokenMinter.claims("user", "d-metrics", "nobody", Duration.ofMinutes(5)).build());
        String denied = service.token(TokenMinter.withPolicies(
                TokenMinter.claims("user", "d-metrics", "denied", Duration.ofMinutes(5)),
                List.of("{\"Version\":\"1.1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"coc:ticket:*\"]},"
                        + "{\"Effect\":\"Deny\",\"Action\":[\"coc:ticket:downloadFile\"]}]}")).build());
        Map<String, Double> before = scrape();

        assertThat(service.download(account, NO_SUCH_ID).statusCode()).isEqualTo(404);
        assertThat(service.download(nobody, NO_SUCH_ID).statusCode()).isEqualTo(403);
        assertThat(service.download(denied, NO_SUCH_ID).statusCode()).isEqualTo(403);
        assertThat(service.download(denied, NO_SUCH_ID).statusCode()).isEqualTo(403);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "coc_authorization_decisions_total{outcome=\"allow\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_authorization_decisions_total{outcome=\"implicit_deny\"}")).isEqualTo(1);
        assertThat(delta(before, after, "coc_authorization_decisions_total{outcome=\"explicit_deny\"}")).isEqualTo(2);
    }

    @Test
    void timesStorageOperationsByOperationAndBackend() {
        String token = service.accountToken("d-metrics");
        Map<String, Double> before = scrape();

        String docId = service.uploadOk(token, "t.txt", SampleFiles.utf8Text());
        assertThat(service.download(token, docId).statusCode()).isEqualTo(200);

        Map<String, Double> after = scrape();
        for (String operation : List.of("stage", "publish", "find", "open")) {
            String count = "coc_storage_operation_seconds_count{backend=\"filesystem\",operation=\"" + operation + "\"}";
            assertThat(delta(before, after, count)).as(count).isEqualTo(1);
            String sum = "coc_storage_operation_seconds_sum{backend=\"filesystem\",operation=\"" + operation + "\"}";
            assertThat(delta(before, after, sum)).as(sum).isPositive().isLessThan(AWAIT.toSeconds());
        }
    }

    /**
     * An upload is in flight while its body arrives. (A download is in flight while the application
     * writes it; Payara's network layer may buffer what a slow client has not read yet, so a stalled
     * download cannot be held in flight from outside.)
     */
    @Test
    void showsAnUploadInFlightUntilItsBodyHasArrived() throws IOException {
        String token = service.accountToken("d-metrics");
        Multipart multipart = new Multipart().file("file", "slow.txt", largeText());
        byte[] body = multipart.build();
        String inFlight = "coc_transfers_in_flight{direction=\"upload\"}";
        try (Socket socket = new Socket(service.base().getHost(), service.base().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/incident/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + multipart.contentType() + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();

            awaitMetric(inFlight, value -> value == 1);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
        }
        awaitMetric(inFlight, value -> value == 0);
    }

    /** 9 MiB of printable text: more than the socket buffers hold, so the server is still writing. */
    private static byte[] largeText() {
        byte[] line = "incident evidence: the quick brown fox jumps over the lazy dog 0123456789\n".getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[9 * 1024 * 1024];
        for (int i = 0; i < content.length; i++) {
            content[i] = line[i % line.length];
        }
        return content;
    }

    private void awaitMetric(String sample, Predicate<Double> condition) {
        Instant deadline = Instant.now().plus(AWAIT);
        double value = scrape().getOrDefault(sample, Double.NaN);
        while (!condition.test(value)) {
            assertThat(Instant.now()).as("%s stayed at %s", sample, value).isBefore(deadline);
            Thread.onSpinWait();
            value = scrape().getOrDefault(sample, Double.NaN);
        }
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).as("/metrics has %s", sample).containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }

    private Map<String, Double> scrape() {
        return Metrics.scrape(service);
    }
}
