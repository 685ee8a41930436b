package org.opencoc.attachment.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.api.UploadResponse;

/**
 * A client of one attachment service ({@code <endpoint>/v1/<ticket type>/attachments}) with one bearer
 * token. Thread-safe; the underlying {@link HttpClient} is shared by all calls.
 *
 * <pre>{@code
 * AttachmentClient client = AttachmentClient.builder(URI.create("http://127.0.0.1:8080"))
 *         .token(System.getenv("COC_TOKEN"))
 *         .build();
 * UploadResponse uploaded = client.upload(Path.of("report.pdf"), "report.pdf");
 * RemoteAttachment got = client.download(uploaded.id(), Path.of("copy.pdf"), TransferListener.NONE);
 * }</pre>
 *
 * <h2>Downloads</h2>
 * {@link #download} writes to {@code <target>.part} and keeps the entity tag of what it is writing in
 * {@code <target>.part.etag}. A later call (or a retry after a cut connection) continues the partial
 * file with {@code Range: bytes=<length>-} and {@code If-Range: <etag>}: the service answers 206 with
 * the rest when the attachment is unchanged, or 200 with the whole (changed) attachment, which then
 * replaces the partial file instead of being spliced onto it. When all bytes are in, the SHA-256 of the
 * whole file is compared with {@code Repr-Digest}; only a match moves the file to {@code target}. A
 * mismatch deletes the partial file and fails with {@link ClientException.Kind#INTEGRITY}.
 *
 * <h2>Retries</h2>
 * A 503 is retried after its {@code Retry-After}; a connection that fails or breaks is retried with
 * exponential backoff ({@link RetryPolicy}). Downloads and {@code HEAD} retry both; an upload retries a
 * 503 and a refused connection only (after a cut upload the attachment may exist, and a second upload
 * would create a second one). During a download, every response that delivered bytes resets the
 * count of tries, so a flaky link that keeps making progress is never given up on.
 */
public final class AttachmentClient {

    /** The header the request id comes back in. */
    public static final String REQUEST_ID = "X-Request-Id";

    private static final int BUFFER = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");

    private final URI base;
    private final String token;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long bytesPerSecond;

    private AttachmentClient(Builder builder) {
        String ticketType = URLEncoder.encode(builder.ticketType, StandardCharsets.UTF_8);
        String endpoint = builder.endpoint.toString();
        this.base = URI.create((endpoint.endsWith("/") ? endpoint : endpoint + "/") + "v1/" + ticketType + "/attachments");
        this.token = builder.token;
        this.retry = builder.retry;
        this.requestTimeout = builder.requestTimeout;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.bytesPerSecond = builder.bytesPerSecond;
        // HTTP/1.1: with the JDK's default (HTTP/2 after a cleartext upgrade) Payara resets a request whose
        // Authorization header is 8,000 bytes or more (RST_STREAM "Protocol error"); tokens with many
        // policies are that large, and the 64 KiB header limit of etc/payara-preboot.asadmin is for 1.1
        this.http = builder.http != null ? builder.http : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A builder for the service at {@code endpoint} (scheme, host, port and an optional base path). */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    /** The collection URL, {@code <endpoint>/v1/<ticket type>/attachments}. */
    public URI collection() {
        return base;
    }

    // ------------------------------------------------------------------ upload

    /**
     * Uploads {@code file} under {@code name} as {@code multipart/form-data} with its
     * {@code Content-Digest}, streaming it from disk. Retries a 503 and a refused connection.
     *
     * @return the service's answer: {@code id} is the new doc_id
     * @throws ClientException when the service refuses it or cannot be reached
     */
    public UploadResponse upload(Path file, String name) throws ClientException {
        byte[] digest;
        long size;
        try {
            digest = sha256(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        String boundary = "coc-attach-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + quotedName(name) + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        int attempt = 1;
        while (true) {
            HttpRequest request;
            try {
                request = authorized(HttpRequest.newBuilder(base))
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
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (isConnectFailure(e) && attempt < retry.attempts()) {
                    pause(++attempt, Optional.empty(), "cannot connect: " + describe(e));
                    continue;
                }
                throw network(e);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (response.statusCode() == 503 && attempt < retry.attempts()) {
                pause(++attempt, response.headers().firstValue("Retry-After"), "503 service unavailable");
                continue;
            }
            if (response.statusCode() != 200) {
                throw failure(response.statusCode(), response.body(), response.headers().firstValue(REQUEST_ID));
            }
            return parseUpload(response.body(), size);
        }
    }

    // ------------------------------------------------------------------ head

    /** The metadata of {@code docId} from a {@code HEAD} request; retries 503 and connection failures. */
    public RemoteAttachment head(String docId) throws ClientException {
        URI uri = attachment(docId);
        int attempt = 1;
        while (true) {
            HttpRequest request = authorized(HttpRequest.newBuilder(uri)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 503 && attempt < retry.attempts()) {
                    pause(++attempt, response.headers().firstValue("Retry-After"), "503 service unavailable");
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw failure(response.statusCode(), "", response.headers().firstValue(REQUEST_ID));
                }
                return RemoteAttachment.fromHeaders(docId, 200, response.headers());
            } catch (IOException e) {
                if (attempt < retry.attempts()) {
                    pause(++attempt, Optional.empty(), describe(e));
                    continue;
                }
                throw network(e);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    // ------------------------------------------------------------------ download

    /**
     * Downloads {@code docId} to {@code target}, resuming {@code <target>.part} when there is one,
     * and verifies {@code Repr-Digest} before {@code target} appears (replacing an existing file).
     *
     * @return the metadata of what was downloaded
     * @throws ClientException when the service refuses, the retries run out (the partial file is kept
     *                         for the next call), or the digest does not match (nothing is kept)
     */
    public RemoteAttachment download(String docId, Path target, TransferListener listener) throws ClientException {
        URI uri = attachment(docId);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path etagFile = target.resolveSibling(target.getFileName() + ".part.etag");
        int attempt = 1;
        while (true) {
            long have = partialLength(part, etagFile);
            Optional<String> etag = have > 0 ? readEtag(etagFile) : Optional.empty();
            HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri)).GET()
                    .header("Accept-Encoding", "identity");
            if (etag.isPresent()) {
                request.header("Range", "bytes=" + have + "-").header("If-Range", etag.get());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt < retry.attempts()) {
                    pause(++attempt, Optional.empty(), describe(e), listener);
                    continue;
                }
                throw network(e);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            int status = response.statusCode();
            Optional<String> requestId = response.headers().firstValue(REQUEST_ID);
            if (status == 416 && etag.isPresent()) {
                // the partial file is not shorter than the attachment: it changed, start over
                drain(response);
                deleteQuietly(part, etagFile);
                continue;
            }
            if (status == 503 && attempt < retry.attempts()) {
                drain(response);
                pause(++attempt, response.headers().firstValue("Retry-After"), "503 service unavailable", listener);
                continue;
            }
            if (status != 200 && status != 206) {
                throw failure(status, readError(response), requestId);
            }
            RemoteAttachment remote = RemoteAttachment.fromHeaders(docId, status, response.headers());
            long offset = 0;
            if (status == 206) {
                offset = rangeStart(response, have);
                if (offset < 0 || !remote.etag().equals(etag)) {
                    // not the continuation asked for: throw the partial file away and ask again
                    drain(response);
                    deleteQuietly(part, etagFile);
                    if (attempt++ >= retry.attempts()) {
                        throw ClientException.of(ClientException.Kind.SERVER, "The service answered a range that does not continue the partial file", null);
                    }
                    continue;
                }
            }
            long copied;
            try {
                if (status == 200) {
                    writeEtag(etagFile, remote.etag());
                }
                listener.started(offset, remote.size());
                copied = copy(response.body(), part, offset, listener);
            } catch (IOException e) {
                if (e instanceof LocalWriteException local) {
                    throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot write " + part + ": " + local.getCause().getMessage(), local.getCause());
                }
                long now = sizeOrZero(part);
                if (now > have || status == 200 && now > 0) {
                    attempt = 1; // progress was made: a fresh set of tries
                }
                if (attempt < retry.attempts()) {
                    pause(++attempt, Optional.empty(), "connection broke after " + now + " bytes: " + describe(e), listener);
                    continue;
                }
                throw network(e);
            }
            long total = remote.size() >= 0 ? remote.size() : offset + copied;
            if (offset + copied < total) {
                // the body ended early without an error: resume like after a cut connection
                if (attempt < retry.attempts()) {
                    attempt = copied > 0 ? 1 : attempt;
                    pause(++attempt, Optional.empty(), "the body ended after " + (offset + copied) + " of " + total + " bytes", listener);
                    continue;
                }
                throw ClientException.of(ClientException.Kind.NETWORK, "The body ended after " + (offset + copied) + " of " + total + " bytes", null);
            }
            listener.finished();
            verifyAndPublish(remote, part, etagFile, target);
            return remote;
        }
    }

    private void verifyAndPublish(RemoteAttachment remote, Path part, Path etagFile, Path target) throws ClientException {
        try {
            if (remote.sha256().isPresent()) {
                byte[] actual = sha256(part);
                if (!MessageDigest.isEqual(actual, remote.sha256().get())) {
                    deleteQuietly(part, etagFile);
                    throw ClientException.of(ClientException.Kind.INTEGRITY, "The downloaded bytes have SHA-256 "
                            + RemoteAttachment.hex(actual) + " but the service announced " + remote.sha256Hex().get()
                            + " (Repr-Digest); nothing was kept", null);
                }
            }
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(etagFile);
        } catch (IOException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private long copy(InputStream body, Path part, long offset, TransferListener listener) throws IOException {
        long copied = 0;
        long started = System.nanoTime();
        try (InputStream in = body;
             FileChannel out = openPart(part, offset)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                try {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    throw new LocalWriteException(e);
                }
                copied += n;
                listener.transferred(n);
                throttle(copied, started);
            }
            out.force(false);
        }
        return copied;
    }

    private static FileChannel openPart(Path part, long offset) throws LocalWriteException {
        try {
            FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(offset);
            channel.position(offset);
            return channel;
        } catch (IOException e) {
            throw new LocalWriteException(e);
        }
    }

    /** Sleeps as needed to stay under {@code bytesPerSecond} (0: unlimited). */
    private void throttle(long copied, long startedNanos) throws IOException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long dueNanos = startedNanos + copied * 1_000_000_000L / bytesPerSecond;
        long ahead = dueNanos - System.nanoTime();
        if (ahead > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(ahead));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        request.timeout(requestTimeout).header("User-Agent", "coc-attach/1");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private URI attachment(String docId) throws ClientException {
        if (docId == null || !docId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY,
                    "doc_id must be a lower-case UUID, was '" + docId + "'", null);
        }
        return URI.create(base + "/" + docId);
    }

    private void pause(int nextTry, Optional<String> retryAfter, String reason) throws ClientException {
        pause(nextTry, retryAfter, reason, TransferListener.NONE);
    }

    private void pause(int nextTry, Optional<String> retryAfter, String reason, TransferListener listener) throws ClientException {
        Duration delay = retry.delayBefore(nextTry, retryAfter, clock.instant());
        listener.retrying(reason + "; try " + nextTry + " of " + retry.attempts(), delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static long rangeStart(HttpResponse<?> response, long expected) {
        Optional<String> range = response.headers().firstValue("Content-Range");
        if (range.isEmpty()) {
            return -1;
        }
        Matcher m = CONTENT_RANGE.matcher(range.get());
        if (!m.find() || Long.parseLong(m.group(1)) != expected) {
            return -1;
        }
        return expected;
    }

    private static long partialLength(Path part, Path etagFile) {
        long size = sizeOrZero(part);
        if (size > 0 && readEtag(etagFile).isEmpty()) {
            // a partial file we cannot validate would risk splicing two versions: start over
            deleteQuietly(part, etagFile);
            return 0;
        }
        return size;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> readEtag(Path etagFile) {
        try {
            String tag = Files.readString(etagFile, StandardCharsets.UTF_8).strip();
            return tag.startsWith("\"") && tag.endsWith("\"") && tag.length() >= 2 ? Optional.of(tag) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeEtag(Path etagFile, Optional<String> etag) throws IOException {
        if (etag.isPresent()) {
            Files.writeString(etagFile, etag.get() + "\n", StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(etagFile);
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left behind; the next download starts over anyway
            }
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException e) {
            // the answer is discarded anyway
        }
    }

    private static String readError(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private ClientException network(IOException e) {
        return ClientException.of(ClientException.Kind.NETWORK, "No answer from " + base.getHost() + ":" + base.getPort()
                + ": " + describe(e), e);
    }

    private static ClientException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return ClientException.of(ClientException.Kind.NETWORK, "Interrupted", e);
    }

    /** The exception for an error answer; the envelope's message when the body is one. */
    static ClientException failure(int status, String body, Optional<String> requestId) {
        Optional<ErrorEnvelope> envelope = parseEnvelope(body);
        String message = envelope.map(ErrorEnvelope::errorMsg).filter(msg -> !msg.isBlank())
                .orElse("HTTP " + status + (status == 401 ? " (no or invalid token)" : ""));
        return new ClientException(ClientException.kindOf(status), message, status, envelope.orElse(null),
                requestId.orElse(null), null);
    }

    static Optional<ErrorEnvelope> parseEnvelope(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return Optional.of(new ErrorEnvelope(text(json, "provider_code"), text(json, "error_code"),
                    text(json, "error_msg"), null));
        } catch (JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static UploadResponse parseUpload(String body, long size) throws ClientException {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            JsonObject data = json.getJsonObject("data");
            UploadResponse parsed = new UploadResponse(text(json, "name"), text(json, "id"), text(json, "error_code"),
                    text(json, "error_msg"), text(json, "provider_code"),
                    data == null ? null : new UploadResponse.UploadData(text(data, "doc_id"), text(data, "doc_name")));
            if (parsed.id() == null) {
                throw ClientException.of(ClientException.Kind.SERVER, "The upload answer has no id: " + body, null);
            }
            return parsed;
        } catch (JsonException | ClassCastException e) {
            throw ClientException.of(ClientException.Kind.SERVER, "The upload answer is not JSON: " + body, e);
        }
    }

    private static String text(JsonObject json, String key) {
        JsonValue value = json.get(key);
        return value instanceof JsonString string ? string.getString() : null;
    }

    /** The name in a quoted multipart parameter: {@code "}, CR and LF percent-encoded as browsers do. */
    static String quotedName(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    static byte[] sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** Waits; the tests of the client use a fake one. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A failure to write the local file, told apart from a broken connection. */
    private static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(IOException cause) {
            super(cause);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** Configures an {@link AttachmentClient}. */
    public static final class Builder {
        private final URI endpoint;
        private String token;
        private String ticketType = "incident";
        private HttpClient http;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        private long bytesPerSecond;

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.getScheme() == null || !List.of("http", "https").contains(endpoint.getScheme())
                    || endpoint.getHost() == null) {
                throw new IllegalArgumentException("The endpoint must be an http(s) URL such as http://127.0.0.1:8080, was " + endpoint);
            }
        }

        /** The bearer token (a JWT); none means anonymous calls, which the service refuses with 401. */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /** The ticket type of the path; default {@code incident}, the only one the service accepts. */
        public Builder ticketType(String ticketType) {
            this.ticketType = Objects.requireNonNull(ticketType, "ticketType");
            return this;
        }

        /** The retries; default {@link RetryPolicy#DEFAULT}. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** How long to wait for a connection; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for the response headers of one request; default 60 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** A download rate limit in bytes per second; default 0, unlimited. */
        public Builder limitRate(long bytesPerSecond) {
            if (bytesPerSecond < 0) {
                throw new IllegalArgumentException("bytesPerSecond must not be negative");
            }
            this.bytesPerSecond = bytesPerSecond;
            return this;
        }

        /** The HTTP client to use instead of a new one (its connect timeout then applies). */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The clock for {@code Retry-After} dates; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How pauses are taken; default {@link Thread#sleep}. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The client. */
        public AttachmentClient build() {
            return new AttachmentClient(this);
        }
    }
}
