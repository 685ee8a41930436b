package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencoc.attachment.upload.SampleFiles;

/** Upload then download, byte-exact, for a real file of every allowed type; headers and body checked on the wire. */
class RoundTripIT extends DeployedWar {

    String token;

    @BeforeEach
    void connect() {
        token = service.accountToken("domain-roundtrip");
    }

    static Stream<Arguments> realFiles() {
        return Stream.of(
                Arguments.of("screenshot.png", SampleFiles.png()),
                Arguments.of("photo.jpg", SampleFiles.jpeg()),
                Arguments.of("photo.jpeg", SampleFiles.jpeg()),
                Arguments.of("report.pdf", SampleFiles.pdf()),
                Arguments.of("postmortem.docx", SampleFiles.docx()),
                Arguments.of("notes.txt", SampleFiles.utf8Text()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFiles")
    void downloadReturnsExactlyTheUploadedBytes(String name, byte[] content) {
        String docId = service.uploadOk(token, name, content);

        HttpResponse<byte[]> download = service.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void uploadAnswersTheDocumentedBody() {
        HttpResponse<byte[]> response = service.upload(token, "notes.txt", SampleFiles.utf8Text());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = Service.json(response);
        String id = body.getString("id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(body.getString("name")).isEqualTo("notes.txt");
        assertThat(body.getString("error_code")).isEqualTo("GOM.00000000");
        assertThat(body.isNull("error_msg")).isTrue();
        assertThat(body.getString("provider_code")).isEqualTo("049");
        assertThat(body.getJsonObject("data").getString("doc_id")).isEqualTo(id);
        assertThat(body.getJsonObject("data").getString("doc_name")).isEqualTo("notes.txt");
    }

    @Test
    void theUploadAnswerCarriesItsContentLength() {
        HttpResponse<byte[]> response = service.upload(token, "notes.txt", SampleFiles.utf8Text());

        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
    }

    @Test
    void anErrorEnvelopeCarriesItsContentLength() {
        HttpResponse<byte[]> response = service.download(token, "3f2c1a9e-0000-4000-8000-000000000000");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
    }

    @Test
    void downloadCarriesRepresentationAndSafetyHeaders() throws Exception {
        byte[] content = SampleFiles.pdf();
        String docId = service.uploadOk(token, "report.pdf", content);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(content);

        HttpResponse<byte[]> download = service.download(token, docId);

        var headers = download.headers();
        assertThat(headers.firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(headers.firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(headers.firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
        assertThat(headers.firstValue("ETag")).hasValue('"' + java.util.HexFormat.of().formatHex(sha256) + '"');
        assertThat(headers.firstValue("Repr-Digest"))
                .hasValue("sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":");
        assertThat(headers.firstValue("Last-Modified")).hasValueSatisfying(v -> assertThat(v).endsWith(" GMT"));
        assertThat(headers.firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Content-Security-Policy")).hasValue("sandbox");
        assertThat(headers.firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(headers.firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void nonAsciiNameIsKeptAndEncodedPerRfc6266() {
        String name = "报告 2026 \"final\"; v2.pdf";
        String docId = service.uploadOk(token, name.replace("\"", "%22"), SampleFiles.pdf());

        HttpResponse<byte[]> download = service.download(token, docId);

        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> {
            assertThat(value).isEqualTo(new String(value.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
            assertThat(value).contains("filename*=UTF-8''");
        });
    }
}
