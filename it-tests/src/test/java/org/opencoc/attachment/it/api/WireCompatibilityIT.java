package org.opencoc.attachment.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.devtools.TokenMinter;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Envelopes;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * What cloud and generated clients send: the cloud's second upload call
 * ({@code POST /v1/external/incident/attachments}, the same implementation as the upload) and
 * downloads with the {@code Accept} headers clients really send (the file, never a 406; errors JSON).
 */
class WireCompatibilityIT extends DeployedWar {

    private static final String NO_SUCH_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void externalUploadAnswersTheCloudsShape() {
        HttpResponse<byte[]> response = externalUpload(service.accountToken("d-ext"), "shot.png", SampleFiles.png());

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject answer = Service.json(response);
        assertThat(answer.keySet()).containsExactly("code", "provider_code", "msg", "data");
        assertThat(answer.getString("code")).isEqualTo("GOM.00000000");
        assertThat(answer.getString("provider_code")).isEqualTo("049");
        assertThat(answer.get("msg")).isEqualTo(JsonValue.NULL);
        assertThat(answer.getJsonObject("data").getString("doc_name")).isEqualTo("shot.png");
        assertThat(answer.getJsonObject("data").getString("doc_id")).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    }

    @Test
    void attachmentOfTheExternalUploadDownloadsThroughTheOneDownloadCall() {
        String token = service.accountToken("d-ext");
        byte[] pdf = SampleFiles.pdf();
        String docId = Service.json(externalUpload(token, "report.pdf", pdf)).getJsonObject("data").getString("doc_id");

        HttpResponse<byte[]> download = service.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
    }

    @Test
    void externalUploadRefusesAnAnonymousCallWithTheEnvelope() {
        Multipart body = new Multipart().file("file", "a.png", SampleFiles.png());
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(externalUri())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()))
                .build());

        Envelopes.assertError(response, 401, "GOM.00007260");
    }

    @Test
    void externalUploadChecksTheTypeOnTheContentAsTheUploadDoes() {
        HttpResponse<byte[]> response = externalUpload(service.accountToken("d-ext"), "shot.png", SampleFiles.pdf());

        Envelopes.assertError(response, 415, "GOM.00007259");
    }

    @Test
    void externalUploadWithoutFilePartIsAParameterError() {
        Multipart body = new Multipart().field("other", "x");
        HttpResponse<byte[]> response = service.send(externalRequest(service.accountToken("d-ext"), body));

        Envelopes.assertError(response, 400, "GOM.00007256");
    }

    @Test
    void externalUploadIsDeniedToAUserWithoutAPolicy() {
        String user = service.token(TokenMinter.claims("user", "d-ext", "nobody", Duration.ofMinutes(5)).build());

        Envelopes.assertError(externalUpload(user, "a.png", SampleFiles.png()), 403, "GOM.00007261");
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/json", "application/octet-stream", "*/*", "application/json, */*;q=0.8",
            "text/html,application/xhtml+xml", "image/png"})
    void downloadAnswersTheFileWhateverTheAccept(String accept) {
        String token = service.accountToken("d-accept");
        byte[] png = SampleFiles.png();
        String docId = service.uploadOk(token, "a.png", png);

        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(docId))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.body()).isEqualTo(png);
    }

    @Test
    void downloadWithoutAcceptAnswersTheFile() {
        String token = service.accountToken("d-accept");
        byte[] png = SampleFiles.png();
        String docId = service.uploadOk(token, "a.png", png);

        HttpResponse<byte[]> response = service.download(token, docId);

        assertThat(response.request().headers().firstValue("Accept")).isEmpty();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
    }

    @ParameterizedTest(name = "Accept: {0}")
    @ValueSource(strings = {"application/octet-stream", "image/png", "text/html", "application/json"})
    void downloadErrorIsTheJsonEnvelopeWhateverTheAccept(String accept) {
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(service.attachment(NO_SUCH_ID))
                .header("Authorization", "Bearer " + service.accountToken("d-accept")).header("Accept", accept)
                .GET().build());

        Envelopes.assertError(response, 404, "GOM.00007257");
    }

    private HttpResponse<byte[]> externalUpload(String token, String name, byte[] content) {
        return service.send(externalRequest(token, new Multipart().file("file", name, content)));
    }

    private HttpRequest externalRequest(String token, Multipart body) {
        return HttpRequest.newBuilder(externalUri())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()))
                .build();
    }

    private URI externalUri() {
        return service.base().resolve("v1/external/incident/attachments");
    }
}
