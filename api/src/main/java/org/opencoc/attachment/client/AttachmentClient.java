package org.opencoc.attachment.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    // the facade: Exchange builds the requests, Answers reads answers into results and exceptions,
    // Tries counts the tries and takes the pauses, FileUpload sends an upload, ResumableDownload runs
    // a download into its PartialFile
    private final Exchange exchange;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long bytesPerSecond;

    private AttachmentClient(Builder builder) {
        String ticketType = URLEncoder.encode(builder.ticketType, StandardCharsets.UTF_8);
        String endpoint = builder.endpoint.toString();
        URI collection = URI.create((endpoint.endsWith("/") ? endpoint : endpoint + "/") + "v1/" + ticketType + "/attachments");
        this.retry = builder.retry;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.bytesPerSecond = builder.bytesPerSecond;
        // HTTP/1.1: with the JDK's default (HTTP/2 after a cleartext upgrade) Payara resets a request whose
        // Authorization header is 8,000 bytes or more (RST_STREAM "Protocol error"); tokens with many
        // policies are that large, and the 64 KiB header limit of etc/payara-preboot.asadmin is for 1.1
        HttpClient http = builder.http != null ? builder.http : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.exchange = new Exchange(collection, builder.token, builder.requestTimeout, http);
    }

    /** A builder for the service at {@code endpoint} (scheme, host, port and an optional base path). */
    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    /** The collection URL, {@code <endpoint>/v1/<ticket type>/attachments}. */
    public URI collection() {
        return exchange.collection();
    }

    /**
     * Uploads {@code file} under {@code name} as {@code multipart/form-data} with its
     * {@code Content-Digest}, streaming it from disk. Retries a 503 and a refused connection.
     *
     * @return the service's answer: {@code id} is the new doc_id
     * @throws ClientException when the service refuses it or cannot be reached
     */
    public UploadResponse upload(Path file, String name) throws ClientException {
        return FileUpload.send(exchange, tries(), file, name);
    }

    /** The metadata of {@code docId} from a {@code HEAD} request; retries 503 and connection failures. */
    public RemoteAttachment head(String docId) throws ClientException {
        URI uri = exchange.attachment(docId);
        Tries tries = tries();
        while (true) {
            HttpRequest request = exchange.request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            try {
                HttpResponse<Void> response = exchange.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 503 && tries.left()) {
                    tries.pause(response.headers().firstValue("Retry-After"), "503 service unavailable");
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw Answers.failure(response.statusCode(), "", response.headers().firstValue(REQUEST_ID));
                }
                return RemoteAttachment.fromHeaders(docId, 200, response.headers());
            } catch (IOException e) {
                if (tries.left()) {
                    tries.pause(Optional.empty(), Answers.describe(e));
                    continue;
                }
                throw Answers.network(exchange.collection(), e);
            } catch (InterruptedException e) {
                throw Answers.interrupted(e);
            }
        }
    }

    /**
     * Downloads {@code docId} to {@code target}, resuming {@code <target>.part} when there is one,
     * and verifies {@code Repr-Digest} before {@code target} appears (replacing an existing file).
     *
     * @return the metadata of what was downloaded
     * @throws ClientException when the service refuses, the retries run out (the partial file is kept
     *                         for the next call), or the digest does not match (nothing is kept)
     */
    public RemoteAttachment download(String docId, Path target, TransferListener listener) throws ClientException {
        return new ResumableDownload(exchange, tries(), sleeper, bytesPerSecond).run(docId, target, listener);
    }

    private Tries tries() {
        return new Tries(retry, clock, sleeper);
    }

    /** Waits; the tests of the client use a fake one. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;
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
