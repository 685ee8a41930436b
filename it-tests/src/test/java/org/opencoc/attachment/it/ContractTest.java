package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The contract check itself: it passes the real shapes and refuses bent ones (no server needed). */
class ContractTest {

    private static final URI DOWNLOAD = URI.create("http://127.0.0.1:1/v1/incident/attachments/349518c3-e031-4e57-a34e-3f94bb98426b");
    private static final URI UPLOAD = URI.create("http://127.0.0.1:1/v1/incident/attachments");
    private static final String NOT_FOUND = "{\"provider_code\":\"049\",\"error_code\":\"GOM.00007257\","
            + "\"error_msg\":\"The attachment does not exist.\",\"data\":null}";

    private final Contract contract = Contract.document();

    @Test
    void acceptsTheEnvelopeOfA404() {
        assertThat(contract.problems("GET", DOWNLOAD, json(404, NOT_FOUND))).isEmpty();
    }

    @Test
    void refusesAnEnvelopeWithCamelCaseNames() {
        var response = json(404, "{\"providerCode\":\"049\",\"errorCode\":\"GOM.00007257\",\"errorMsg\":\"x\",\"data\":null}");

        assertThrows(AssertionError.class, () -> contract.check("GET", DOWNLOAD, response));
    }

    @Test
    void refusesAnErrorServedAsOctetStream() {
        var response = wire(404, headers("Content-Type", "application/octet-stream", "X-Request-Id", "r"),
                NOT_FOUND.getBytes(StandardCharsets.UTF_8), DOWNLOAD);

        assertThat(contract.problems("GET", DOWNLOAD, response)).isNotEmpty();
    }

    @Test
    void refusesAnUndocumentedStatus() {
        assertThat(contract.problems("GET", DOWNLOAD, json(406, NOT_FOUND))).isNotEmpty();
    }

    @Test
    void refusesAnErrorWithoutRequestId() {
        var response = wire(404, headers("Content-Type", "application/json"),
                NOT_FOUND.getBytes(StandardCharsets.UTF_8), DOWNLOAD);

        assertThat(contract.problems("GET", DOWNLOAD, response)).isNotEmpty();
    }

    @Test
    void refusesA401WithoutItsChallenge() {
        String body = "{\"provider_code\":\"049\",\"error_code\":\"GOM.00007260\",\"error_msg\":\"A valid bearer token is required.\",\"data\":null}";

        assertThat(contract.problems("GET", DOWNLOAD, json(401, body))).isNotEmpty();
    }

    @Test
    void refusesADownloadWithoutItsETag() {
        var headers = fileHeaders();
        headers.remove("ETag");
        var response = wire(200, headers, new byte[] {1, 2, 3}, DOWNLOAD);

        assertThat(contract.problems("GET", DOWNLOAD, response)).isNotEmpty();
    }

    @Test
    void acceptsADownloadWithEveryDocumentedHeader() {
        var response = wire(200, fileHeaders(), new byte[] {1, 2, 3}, DOWNLOAD);

        assertThat(contract.problems("GET", DOWNLOAD, response)).isEmpty();
    }

    @Test
    void refusesAnUploadAnswerWithoutDocId() {
        String body = "{\"name\":\"a.png\",\"id\":\"349518c3-e031-4e57-a34e-3f94bb98426b\",\"error_code\":\"GOM.00000000\","
                + "\"error_msg\":null,\"provider_code\":\"049\",\"data\":{\"doc_name\":\"a.png\"}}";

        assertThat(contract.problems("POST", UPLOAD, json(200, body))).isNotEmpty();
    }

    @Test
    void readsHeaderNamesCaseInsensitivelyAsHttp2SendsThemInLowerCase() {
        var response = wire(404, headers("content-type", "application/json", "x-request-id", "r"),
                NOT_FOUND.getBytes(StandardCharsets.UTF_8), DOWNLOAD);

        assertThat(contract.problems("GET", DOWNLOAD, response)).isEmpty();
    }

    @Test
    void leavesUndocumentedPathsAlone() {
        assertThat(contract.problems("GET", URI.create("http://127.0.0.1:1/health/ready"), json(200, "{}"))).isEmpty();
    }

    private static Map<String, List<String>> fileHeaders() {
        return headers("Content-Type", "application/octet-stream", "X-Request-Id", "r", "Content-Length", "3",
                "Content-Disposition", "attachment; filename=\"a.png\"; filename*=UTF-8''a.png",
                "ETag", "\"b1ff\"", "Last-Modified", "Tue, 01 Dec 2026 10:41:18 GMT", "Accept-Ranges", "bytes",
                "Repr-Digest", "sha-256=:sf+cjqOngLrQmzRsQj0tDkaBWSaHmxjoQdkoN2qUZkA=:",
                "Cache-Control", "private, no-cache", "Content-Security-Policy", "sandbox",
                "X-Content-Type-Options", "nosniff");
    }

    private static Service.RawResponse json(int status, String body) {
        return wire(status, headers("Content-Type", "application/json", "X-Request-Id", "r"),
                body.getBytes(StandardCharsets.UTF_8), DOWNLOAD);
    }

    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return headers;
    }

    /** A response as it came off the wire, written down by hand (Service's raw-socket response type). */
    private static Service.RawResponse wire(int status, Map<String, List<String>> fields, byte[] body, URI uri) {
        return new Service.RawResponse(status, HttpHeaders.of(fields, (name, value) -> true), body, uri);
    }
}
