package org.opencoc.attachment.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import javax.net.ssl.SSLSession;

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
        return attachment("incident", docId);
    }

    /** The download URI of {@code docId} under {@code ticketType}, both written into the path as given (raw). */
    public URI attachment(String ticketType, String docId) {
        return base.resolve("v1/" + ticketType + "/attachments/" + docId);
    }

    /** The throwaway key set the server trusts, for tests that sign tokens their own way. */
    public static DevKeys keys() {
        return KEYS;
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

    /**
     * Sends {@code request} and checks the response against the OpenAPI document ({@link Contract}):
     * every test that talks to the service through here is also a contract test.
     */
    public HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> response = sendUnchecked(request);
        Contract.document().check(request.method(), request.uri(), response);
        return response;
    }

    /** Sends {@code request} without the contract check, for tests of the check itself. */
    public HttpResponse<byte[]> sendUnchecked(HttpRequest request) {
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
        return send(uploadRequest(ticketType, token, body).build());
    }

    /** The request {@link #upload(String, String, Multipart)} sends, for tests that add headers before sending. */
    public HttpRequest.Builder uploadRequest(String ticketType, String token, Multipart body) {
        return HttpRequest.newBuilder(attachments(ticketType))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()));
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
        return download(token, attachment(docId));
    }

    /** A GET of {@code uri} with {@code token}. */
    public HttpResponse<byte[]> download(String token, URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build());
    }

    /**
     * Sends {@code head} (request line and header lines, without the closing empty line) on a new
     * connection and then nothing: no body, whatever {@code Content-Length} promises. Reads one response,
     * waiting at most {@code timeout}, so a server that waits for the promised body fails the test with a
     * {@link java.net.SocketTimeoutException} instead of hanging it.
     */
    public HttpResponse<byte[]> sendHeadOnly(String head, Duration timeout) throws IOException {
        return sendRaw((head + "\r\n").getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * Sends {@code request} byte for byte on a new connection and reads one response, waiting at most
     * {@code timeout}: for requests no HTTP client would send.
     */
    public HttpResponse<byte[]> sendRaw(byte[] request, Duration timeout) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return RawResponse.read(new BufferedInputStream(socket.getInputStream()), base);
        }
    }

    /** A response read off a socket by hand (HTTP/1.1, fixed length, chunked, or to the end of the stream). */
    record RawResponse(int statusCode, HttpHeaders headers, byte[] body, URI uri)
            implements HttpResponse<byte[]> {

        static RawResponse read(InputStream in, URI uri) throws IOException {
            String statusLine = line(in);
            String[] status = statusLine.split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP/1.x status line: " + statusLine);
            }
            Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String field = line(in); !field.isEmpty(); field = line(in)) {
                int colon = field.indexOf(':');
                fields.computeIfAbsent(field.substring(0, colon).strip(), name -> new ArrayList<>())
                        .add(field.substring(colon + 1).strip());
            }
            HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
            byte[] body;
            if (headers.firstValue("Transfer-Encoding").filter("chunked"::equalsIgnoreCase).isPresent()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                    out.writeBytes(in.readNBytes(size));
                    line(in);
                }
                body = out.toByteArray();
            } else {
                OptionalLong length = headers.firstValueAsLong("Content-Length");
                body = length.isPresent() ? in.readNBytes((int) length.getAsLong()) : in.readAllBytes();
            }
            return new RawResponse(Integer.parseInt(status[1]), headers, body, uri);
        }

        private static int chunkSize(String line) {
            int extension = line.indexOf(';');
            return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("The connection closed in the middle of a response");
                }
                out.write(b);
            }
            String line = out.toString(StandardCharsets.UTF_8);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    /** Parses a JSON response body. */
    public static JsonObject json(HttpResponse<byte[]> response) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(response.body(),
                java.nio.charset.StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
