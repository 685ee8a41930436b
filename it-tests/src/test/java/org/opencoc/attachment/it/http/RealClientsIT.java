package org.opencoc.attachment.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * Real clients that nobody here wrote, run as processes against the live server: curl and wget resume
 * a half-downloaded file with a Range request, aria2c downloads in eight parallel segments, and a
 * headless Chromium (driven by playwright-core, {@code src/test/js/download.mjs}) saves a download
 * under the name of {@code Content-Disposition}. Every file is checked by SHA-256.
 */
class RealClientsIT extends DeployedWar {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    /** The name of DESIGN §6's browser case: non-ASCII, spaces, a quote pair and a semicolon. */
    private static final String AWKWARD_NAME = "报告 2026 \"final\"; v2.pdf";

    /** The same name, RFC 8187-encoded, as the upload sends it in {@code filename*}. */
    private static final String AWKWARD_NAME_ENCODED = "%E6%8A%A5%E5%91%8A%202026%20%22final%22%3B%20v2.pdf";

    @TempDir
    Path work;

    String token;

    @BeforeEach
    void connect() {
        token = service.accountToken("domain-real-clients");
    }

    @Test
    void curlResumesAHalfDownloadedFileWithARangeRequest() throws IOException {
        String curl = Processes.require("curl");
        byte[] content = Payloads.text(1024 * 1024, 11);
        String docId = service.uploadOk(token, "curl.txt", content);
        Path file = work.resolve("curl.txt");
        Files.write(file, Arrays.copyOf(content, content.length / 2));

        Processes.Finished curlRun = Processes.run(work, CLIENT_TIMEOUT, List.of(curl, "--silent", "--show-error",
                "--max-time", "60", "--continue-at", "-", "--output", file.toString(),
                "--header", "Authorization: Bearer " + token, "--write-out", "%{http_code}",
                service.attachment(docId).toString()));

        assertThat(curlRun.exitCode()).as(curlRun.describe()).isZero();
        assertThat(curlRun.stdout()).as("status of curl's resumed request").isEqualTo("206");
        assertThat(sha256(file)).isEqualTo(SampleFiles.sha256(content));
    }

    @Test
    void wgetContinuesAHalfDownloadedFileWithARangeRequest() throws IOException {
        String wget = Processes.require("wget");
        byte[] content = Payloads.text(1024 * 1024, 12);
        String docId = service.uploadOk(token, "wget.txt", content);
        Path file = work.resolve(docId);
        int half = content.length / 2;
        Files.write(file, Arrays.copyOf(content, half));

        Processes.Finished wgetRun = Processes.run(work, CLIENT_TIMEOUT, List.of(wget, "--continue",
                "--server-response", "--no-verbose", "--timeout=60", "--tries=1",
                "--header=Authorization: Bearer " + token, service.attachment(docId).toString()));

        assertThat(wgetRun.exitCode()).as(wgetRun.describe()).isZero();
        assertThat(wgetRun.stderr()).as("wget's server response").contains("HTTP/1.1 206")
                .contains("Content-Range: bytes " + half + "-" + (content.length - 1) + "/" + content.length);
        assertThat(sha256(file)).isEqualTo(SampleFiles.sha256(content));
    }

    @Test
    void aria2cDownloadsInParallelRangeSegmentsByteExact() throws IOException {
        String aria2c = Processes.require("aria2c");
        byte[] content = Payloads.text(8 * 1024 * 1024, 13);
        String docId = service.uploadOk(token, "aria2.txt", content);
        Path log = work.resolve("aria2.log");

        Processes.Finished ariaRun = Processes.run(work, CLIENT_TIMEOUT, List.of(aria2c, "-x", "8", "-s", "8",
                "-k", "1M", "--header=Authorization: Bearer " + token, "--dir=" + work, "--out=aria2.txt",
                "--file-allocation=none", "--allow-overwrite=true", "--auto-file-renaming=false",
                "--max-tries=1", "--timeout=60", "--summary-interval=0", "--console-log-level=warn",
                "--log=" + log, "--log-level=debug", service.attachment(docId).toString()));

        assertThat(ariaRun.exitCode()).as(ariaRun.describe()).isZero();
        assertThat(sha256(work.resolve("aria2.txt"))).isEqualTo(SampleFiles.sha256(content));
        assertThat(requestedRanges(log)).as("Range requests aria2c sent, one per extra segment")
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void serverOffersTheExactNameWithQuotesInContentDisposition() {
        String docId = uploadAwkwardlyNamedPdf();

        HttpResponse<byte[]> download = service.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"__ 2026 _final_; v2.pdf\"; filename*=UTF-8''" + AWKWARD_NAME_ENCODED);
    }

    /**
     * Chromium takes the name from {@code filename*} (so the Chinese characters survive) but replaces
     * each {@code "} by {@code _}: it treats the quote as a character unsafe in a file name, on every
     * platform. The server sends the exact name (see the test above); this pins what the browser does.
     */
    @Test
    void chromiumSavesTheDownloadUnderTheNameWithQuotesReplacedByUnderscores() throws IOException {
        String node = Processes.require("node");
        Processes.require("chromium");
        Path scripts = scriptsDir();
        assertThat(scripts.resolve("node_modules/playwright-core"))
                .as("playwright-core is not installed: run bin/test (or npm ci in %s)", scripts).isDirectory();
        byte[] pdf = SampleFiles.pdf();
        String docId = uploadAwkwardlyNamedPdf();
        Path downloads = Files.createDirectory(work.resolve("downloads"));

        Processes.Finished browser = Processes.run(scripts, CLIENT_TIMEOUT, List.of(node, "download.mjs",
                service.attachment(docId).toString(), token, downloads.toString()));

        assertThat(browser.exitCode()).as(browser.describe()).isZero();
        String chromiumName = "报告 2026 _final_; v2.pdf";
        assertThat(browser.stdout()).as("suggestedFilename reported by the script")
                .contains("\"suggestedFilename\":\"" + chromiumName + "\"");
        try (var saved = Files.list(downloads)) {
            assertThat(saved.map(path -> path.getFileName().toString())).containsExactly(chromiumName);
        }
        assertThat(Files.readAllBytes(downloads.resolve(chromiumName))).isEqualTo(pdf);
    }

    /** Uploads a valid PDF named {@link #AWKWARD_NAME}, the name carried as RFC 5987 {@code filename*}. */
    private String uploadAwkwardlyNamedPdf() {
        Multipart body = new Multipart().part("form-data; name=\"file\"; filename*=UTF-8''" + AWKWARD_NAME_ENCODED,
                "", SampleFiles.pdf());
        HttpResponse<byte[]> upload = service.upload("incident", token, body);
        assertThat(upload.statusCode()).as("upload: %s", new String(upload.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        JsonObject answer = Service.json(upload);
        assertThat(answer.getString("name")).as("the name the server stored").isEqualTo(AWKWARD_NAME);
        return answer.getString("id");
    }

    private static Path scriptsDir() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return module.resolve("src/test/js").toAbsolutePath();
    }

    private static Set<String> requestedRanges(Path aria2Log) throws IOException {
        Matcher range = Pattern.compile("(?m)^Range: (bytes=\\d+-\\d*)\\s*$")
                .matcher(Files.readString(aria2Log, StandardCharsets.UTF_8));
        Set<String> ranges = new TreeSet<>();
        while (range.find()) {
            ranges.add(range.group(1));
        }
        return ranges;
    }

    private static byte[] sha256(Path file) throws IOException {
        return SampleFiles.sha256(Files.readAllBytes(file));
    }
}
