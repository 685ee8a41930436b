package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Envelopes;

/**
 * Refusals that happen in the web container before the application, and names that would disguise
 * themselves, answer with the envelope and {@code X-Request-Id}: never HTML, never 500. (The refusals
 * of Grizzly's HTTP parser itself are a documented limit in {@code docs/reliability.md}.)
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
}
