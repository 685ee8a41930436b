package org.opencoc.attachment.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Contract;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.http.Processes;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * {@code GET /openapi} and {@code /openapi-ui/} as a new user meets them: the document is the
 * project's file byte for byte (YAML as {@code application/yaml}, JSON on request), the two linters
 * find nothing in the served document, the contract check refuses real responses a bent document
 * does not describe, and the API page works in headless Chromium.
 */
class PublishedDocumentIT extends DeployedWar {

    private static final Logger LOG = Logger.getLogger(PublishedDocumentIT.class.getName());
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> OPERATIONS = List.of("uploadAttachment", "createExternalAttachment",
            "downloadAttachment", "headAttachment");

    @Test
    void servesTheProjectsDocumentAsApplicationYaml() throws IOException {
        HttpResponse<byte[]> response = get(service.base().resolve("openapi"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(documentFile()));
    }

    @Test
    void servesJsonForFormatJson() {
        HttpResponse<byte[]> response = get(service.base().resolve("openapi?format=JSON"), null);

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Service.json(response).getString("openapi")).isEqualTo("3.0.3");
    }

    @Test
    void servesJsonForAcceptJson() {
        HttpResponse<byte[]> response = get(service.base().resolve("openapi"), "application/json");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Service.json(response).getJsonObject("paths").keySet()).containsExactlyInAnyOrder(
                "/{ticket_type}/attachments", "/external/incident/attachments", "/{ticket_type}/attachments/{doc_id}");
    }

    @Test
    void hasNoVendorEndpointsFieldAndARelativeServerWithoutTrailingSlash() {
        JsonObject document = Service.json(get(service.base().resolve("openapi?format=json"), null));

        assertThat(document.keySet()).doesNotContain("endpoints", "x-endpoints");
        assertThat(document.getJsonArray("servers").getValuesAs(JsonObject.class))
                .extracting(server -> server.getString("url")).containsExactly("/v1");
    }

    @Test
    void redoclyFindsNoProblemInTheServedDocument() throws IOException {
        Path served = servedDocument();
        Processes.Finished lint = Processes.run(scripts(), TOOL_TIMEOUT, List.of(npx(), "--no-install", "redocly",
                "lint", "--config", "redocly.yaml", "--format", "json", served.toString()));
        LOG.info(() -> "redocly lint: " + lint.describe());

        assertThat(lint.exitCode()).as(lint.describe()).isZero();
        JsonObject totals = Json.createReader(new StringReader(lint.stdout())).readObject().getJsonObject("totals");
        assertThat(totals.getInt("errors")).as(lint.describe()).isZero();
        assertThat(totals.getInt("warnings")).as(lint.describe()).isZero();
    }

    @Test
    void spectralFindsNoProblemInTheServedDocument() throws IOException {
        Path served = servedDocument();
        Processes.Finished lint = Processes.run(scripts(), TOOL_TIMEOUT, List.of(npx(), "--no-install", "spectral",
                "lint", "--ruleset", ".spectral.yaml", "--fail-severity", "hint", "--format", "json", served.toString()));
        LOG.info(() -> "spectral lint: " + lint.describe());

        assertThat(lint.exitCode()).as(lint.describe()).isZero();
        assertThat(Json.createReader(new StringReader(lint.stdout())).readArray()).as(lint.describe()).isEmpty();
    }

    @Test
    void contractCheckRefusesARealResponseTheDocumentDoesNotDescribe(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        String document = Files.readString(documentFile(), StandardCharsets.UTF_8);
        String notFound = "        '404':\n          $ref: '#/components/responses/NotFound'\n";
        assertThat(document).contains(notFound);
        Path bent = Files.writeString(dir.resolve("openapi.yaml"), document.replace(notFound, ""));
        URI missing = service.attachment("0f8fad5b-d9cb-469f-a165-70867728950e");
        HttpResponse<byte[]> response = service.sendUnchecked(HttpRequest.newBuilder(missing)
                .header("Authorization", "Bearer " + service.accountToken("d-contract")).GET().build());

        assertThat(Contract.document().problems("GET", missing, response)).isEmpty();
        assertThat(new Contract(bent).problems("GET", missing, response)).isNotEmpty();
    }

    @Test
    void apiPageListsEveryOperationAndTriesADownloadWithAPastedToken() throws IOException {
        String node = Processes.require("node");
        Processes.require("chromium");
        String token = service.accountToken("d-page");
        byte[] png = SampleFiles.png();
        String docId = service.uploadOk(token, "page.png", png);
        Path screenshot = Path.of(System.getProperty("java.io.tmpdir")).getParent().resolve("api-page.png");

        Processes.Finished page = Processes.run(scripts(), TOOL_TIMEOUT, List.of(node, "api-page.mjs",
                service.base().toString(), token, docId, screenshot.toString()));
        LOG.info(() -> "api page: " + page.describe());

        assertThat(page.exitCode()).as(page.describe()).isZero();
        JsonObject seen = Json.createReader(new StringReader(page.stdout().strip())).readObject();
        assertThat(seen.getJsonArray("operations").getValuesAs(JsonString::getString))
                .as(page.describe()).containsExactlyInAnyOrderElementsOf(OPERATIONS);
        assertThat(seen.getJsonArray("consoleErrors")).as(page.describe()).isEmpty();
        JsonObject tryIt = seen.getJsonObject("tryIt");
        assertThat(tryIt.getInt("status")).isEqualTo(200);
        assertThat(tryIt.getString("authorization")).isEqualTo("Bearer " + token);
        assertThat(tryIt.getString("sha256")).isEqualTo(sha256(png));
        assertThat(screenshot).isNotEmptyFile();
    }

    private HttpResponse<byte[]> get(URI uri, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return service.send(request.build());
    }

    /** The served YAML, written where the linters can read it. */
    private Path servedDocument() throws IOException {
        HttpResponse<byte[]> response = get(service.base().resolve("openapi"), "application/yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        Path file = Path.of(System.getProperty("java.io.tmpdir")).resolve("openapi-served.yaml");
        Files.createDirectories(file.getParent());
        return Files.write(file, response.body());
    }

    private static String npx() {
        Processes.require("node");
        return Processes.require("npx");
    }

    /** it-tests/src/test/js, with its npm packages installed (bin/test runs npm ci). */
    static Path scripts() {
        Path scripts = Path.of(System.getProperty("it.js", "src/test/js")).toAbsolutePath();
        assertThat(scripts.resolve("node_modules/.bin/redocly"))
                .as("npm packages of %s are missing: run `npm ci` there (bin/test does)", scripts).exists();
        return scripts;
    }

    static Path documentFile() {
        return Path.of(System.getProperty("it.openapi"));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
