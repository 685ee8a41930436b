package org.opencoc.attachment.it;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.opencoc.attachment.devtools.DevKeys;
import org.opencoc.attachment.devtools.TokenMinter;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The service under test, seen from outside: its base URI on loopback, an HTTP client, and tokens
 * minted at test time with the throwaway test key set.
 */
public final class Service {

    private static final DevKeys KEYS = DevKeys.loadOrCreate(Path.of(System.getProperty("it.keys")));

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TokenMinter minter = new TokenMinter(KEYS);

    /** Arquillian reports the interface address; the server listens on loopback only, so keep the port. */
    public Service(URL arquillianUrl) {
        this.base = URI.create("http://127.0.0.1:" + arquillianUrl.getPort() + "/");
    }

    public URI base() {
        return base;
    }

    public URI attachments(String ticketType) {
        return base.resolve("v1/" + ticketType + "/attachments");
    }

    public URI attachment(String docId) {
        return base.resolve("v1/incident/attachments/" + docId);
    }

    public TokenMinter minter() {
        return minter;
    }

    /** An RS256 token of the root principal of {@code domain}. */
    public String accountToken(String domain) {
        return minter.rs256(TokenMinter.claims("account", domain, "root", Duration.ofMinutes(10)).build());
    }

    /** An RS256 token for claims built by the caller. */
    public String token(JWTClaimsSet claims) {
        return minter.rs256(claims);
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a multipart body to {@code ticketType} with {@code token}. */
    public HttpResponse<byte[]> upload(String ticketType, String token, Multipart body) {
        return send(HttpRequest.newBuilder(attachments(ticketType))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()))
                .build());
    }

    /** Uploads one file as the {@code file} part to {@code incident}. */
    public HttpResponse<byte[]> upload(String token, String fileName, byte[] content) {
        return upload("incident", token, new Multipart().file("file", fileName, content));
    }

    /** Uploads one file and returns its doc_id, failing unless the upload answers 200. */
    public String uploadOk(String token, String fileName, byte[] content) {
        HttpResponse<byte[]> response = upload(token, fileName, content);
        if (response.statusCode() != 200) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return json(response).getString("id");
    }

    public HttpResponse<byte[]> download(String token, String docId) {
        return send(HttpRequest.newBuilder(attachment(docId)).header("Authorization", "Bearer " + token).GET().build());
    }

    /** Parses a JSON response body. */
    public static JsonObject json(HttpResponse<byte[]> response) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(response.body(),
                java.nio.charset.StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
