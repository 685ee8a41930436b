package org.opencoc.attachment.client;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.opencoc.attachment.api.UploadResponse;

/**
 * One upload: the file as {@code multipart/form-data} with its {@code Content-Digest}, streamed from
 * disk. Retries a 503 and a refused connection only: after a cut upload the attachment may exist,
 * and a second upload would create a second one.
 */
final class FileUpload {

    private FileUpload() {
    }

    static UploadResponse send(Exchange exchange, Tries tries, Path file, String name) throws ClientException {
        byte[] digest;
        long size;
        try {
            digest = FileDigest.sha256(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        String boundary = "coc-attach-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + quotedName(name) + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        while (true) {
            HttpRequest request;
            try {
                request = exchange.request(exchange.collection())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                        .POST(HttpRequest.BodyPublishers.concat(
                                HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                                HttpRequest.BodyPublishers.ofFile(file),
                                HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
                        .build();
            } catch (IOException e) {
                throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot read " + file + ": " + e.getMessage(), e);
            }
            HttpResponse<String> response;
            try {
                response = exchange.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (Answers.isConnectFailure(e) && tries.left()) {
                    tries.pause(Optional.empty(), "cannot connect: " + Answers.describe(e));
                    continue;
                }
                throw Answers.network(exchange.collection(), e);
            } catch (InterruptedException e) {
                throw Answers.interrupted(e);
            }
            if (response.statusCode() == 503 && tries.left()) {
                tries.pause(response.headers().firstValue("Retry-After"), "503 service unavailable");
                continue;
            }
            if (response.statusCode() != 200) {
                throw Answers.failure(response.statusCode(), response.body(),
                        response.headers().firstValue(AttachmentClient.REQUEST_ID));
            }
            return Answers.parseUpload(response.body(), size);
        }
    }

    /** The name in a quoted multipart parameter: {@code "}, CR and LF percent-encoded as browsers do. */
    static String quotedName(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
