package org.opencoc.attachment.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.StagedFile;
import org.opencoc.attachment.storage.StagingArea;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Attachments as objects in one bucket of an S3-compatible store, shared by any number of stateless
 * instances. Layout:
 * <pre>
 * &lt;bucket&gt;/attachments/&lt;doc_id&gt;   the content, with the metadata as user metadata
 * </pre>
 * The key is derived only from the validated {@link DocId}, never from the file name.
 *
 * <p><b>Commit protocol.</b> {@link #stage} writes the upload to a local, private staging directory
 * (hashing, counting and enforcing the size limit as bytes arrive, then fsync). {@link #publish} sends
 * it with <em>one</em> PutObject of known length whose user metadata carries the attachment metadata
 * (percent-encoded to stay ASCII, see {@link UserMetadata}) and whose {@code x-amz-checksum-sha256} is
 * the staged SHA-256, so the store itself rejects content damaged in transit. A PutObject is atomic:
 * the object, content and metadata together, is visible completely or not at all; an upload that is
 * never published leaves no object. The staging directory is swept at start.
 *
 * <p><b>Body framing.</b> The PUT body is sent with a plain {@code Content-Length} and its SHA-256 signed
 * in the header, never as SigV4 {@code aws-chunked} chunks (which the SDK uses over http by default): with
 * a chunked body, S3Proxy 4.1.0 answers 200 as soon as it has the content, before the final zero-length
 * chunk, then closes, so a client whose last write comes a moment late fails a PUT that succeeded. With a
 * known length the store can only answer once it has every byte.
 *
 * <p><b>No orphans.</b> A PUT that fails on our side once the request may have reached the store (the
 * answer was lost, the call timed out) may still have stored the object; the upload is answered with 503
 * and the object is deleted in the background by an {@link OrphanRemover}, so no object stays in the
 * bucket without an acknowledged id (limits: see there).
 *
 * <p><b>Failures and time.</b> Every failure of the store (unreachable, timed out, 5xx, refused) is an
 * {@link AttachmentException} with {@code STORAGE_UNAVAILABLE}; no AWS SDK type or exception leaves
 * this class. A request makes at most {@value S3Settings#MAX_ATTEMPTS} attempts and gives up after
 * {@link S3Settings#callTimeout()} (2 s by default) against a dead or hung store: the SDK's own
 * deadline is set slightly shorter (by up to {@code FAILURE_MARGIN}, 300 ms) to leave time for aborting
 * the connection and reporting. An upload's PutObject gets more: the call timeout once per attempt,
 * plus {@value #UPLOAD_MILLIS_PER_MIB} ms per MiB of content (a throughput floor of 0.5 MiB/s), so a
 * large file, a slow link or a store slowed down by load is not cut off (a dead store still fails at
 * once: the connection is refused); a download stream is bounded by the read timeout between bytes,
 * not in total (the SDK aborts a stream nobody reads from within 60 s).
 *
 * <p><b>Start-up.</b> The constructor checks the bucket (HeadBucket). A missing bucket is an
 * {@link IllegalStateException} naming it, unless {@link S3Settings#createBucket()} asks to create it;
 * a bucket the credentials may not use (403, wrong region) is also a start-up error. An unreachable
 * store is not: the instance comes up, logs a warning and {@link #isReady()} reports {@code false}
 * until the store answers again.
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client.
 */
public final class S3AttachmentStore implements AttachmentStore, AutoCloseable {

    /** The key prefix under which attachments are stored. */
    public static final String KEY_PREFIX = "attachments/";

    /**
     * The extra time an upload gets per MiB of content: a throughput floor of 0.5 MiB/s. It was 1 MiB/s,
     * which failed a 1 MiB PUT to a healthy S3Proxy (ApiCallTimeoutException after 2.7 s) while 16
     * uploads ran on a 2-core machine at load 28.
     */
    public static final long UPLOAD_MILLIS_PER_MIB = 2000;

    /** The longest silence a PutObject waits for its answer once the body is sent (bounded by the call budget). */
    static final Duration PUT_READ_TIMEOUT = Duration.ofSeconds(15);

    /** How long an {@link #isReady()} answer is reused, so a probe storm costs one request per interval. */
    static final Duration READINESS_CACHE = Duration.ofSeconds(1);

    /** Time kept back from the SDK's call deadline for aborting and reporting, so failures arrive in time. */
    static final Duration FAILURE_MARGIN = Duration.ofMillis(300);

    private static final Logger LOG = Logger.getLogger(S3AttachmentStore.class.getName());
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final long MIB = 1024L * 1024L;

    private final S3Settings settings;
    private final S3Client s3;
    private final S3Client uploads;
    private final StagingArea staging;
    private final Clock clock;
    private final OrphanRemover orphans;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Readiness readiness;

    /**
     * Connects to the bucket of {@code settings} and sweeps the local staging directory.
     *
     * @throws IllegalStateException when the bucket does not exist (and may not be created) or the
     *                               credentials may not use it; an unreachable store is not an error
     */
    public S3AttachmentStore(S3Settings settings) {
        this(settings, Clock.systemUTC());
    }

    S3AttachmentStore(S3Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staging = new StagingArea(settings.stagingDirectory());
        staging.sweep();
        this.s3 = buildClient(settings, settings.readTimeout());
        this.uploads = buildClient(settings, max(settings.readTimeout(), PUT_READ_TIMEOUT));
        this.orphans = new OrphanRemover(s3, settings.bucket(), sdkDeadline(settings.callTimeout()));
        this.readiness = new Readiness(checkBucketAtStart(), clock.instant());
    }

    @Override
    public StagedFile stage(InputStream content, long maxBytes) {
        return staging.stage(content, maxBytes);
    }

    /**
     * Sends the staged content with one PutObject under {@code attachments/<doc_id>}, then deletes the
     * staged file. On failure the staged file is left to its owner, who closes it.
     *
     * @throws IllegalArgumentException when {@code metadata} does not describe {@code staged} (size or
     *                                  SHA-256 differ)
     */
    @Override
    public void publish(StagedFile staged, AttachmentMetadata metadata) {
        if (staged.size() != metadata.size() || !Arrays.equals(staged.sha256(), metadata.sha256())) {
            throw new IllegalArgumentException("The metadata of " + metadata.docId()
                    + " does not describe the staged content");
        }
        Duration budget = sdkDeadline(settings.callTimeout().multipliedBy(S3Settings.MAX_ATTEMPTS)
                .plusMillis((staged.size() * UPLOAD_MILLIS_PER_MIB + MIB - 1) / MIB));
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(keyOf(metadata.docId()))
                .contentType(CONTENT_TYPE)
                .contentLength(staged.size())
                .checksumSHA256(Base64.getEncoder().encodeToString(staged.sha256()))
                .metadata(UserMetadata.encode(metadata))
                .overrideConfiguration(o -> o.apiCallTimeout(budget).apiCallAttemptTimeout(budget))
                .build();
        try {
            uploads.putObject(request, RequestBody.fromFile(staged.content()));
        } catch (SdkException e) {
            if (!neverReachedTheStore(e)) {
                orphans.remove(request.key(), e);
            }
            throw AttachmentException.storageUnavailable(e);
        }
        staged.close();
    }

    /**
     * Reads the metadata with one HeadObject. The object must be consistent with it (same doc_id as the
     * key, same length, and the same SHA-256 where the store reports a checksum), otherwise it is damaged:
     * an {@link IllegalStateException}.
     */
    @Override
    public Optional<AttachmentMetadata> find(DocId docId) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(HeadObjectRequest.builder()
                    .bucket(settings.bucket())
                    .key(keyOf(docId))
                    .checksumMode(ChecksumMode.ENABLED)
                    .build());
        } catch (S3Exception e) {
            if (isMissingObject(e)) {
                return Optional.empty();
            }
            throw AttachmentException.storageUnavailable(e);
        } catch (SdkException e) {
            throw AttachmentException.storageUnavailable(e);
        }
        AttachmentMetadata metadata = UserMetadata.decode(head.metadata());
        if (!metadata.docId().equals(docId)) {
            throw new IllegalStateException("Damaged attachment: object " + keyOf(docId)
                    + " carries the metadata of " + metadata.docId());
        }
        if (head.contentLength() != null && head.contentLength() != metadata.size()) {
            throw new IllegalStateException("Damaged attachment: object " + keyOf(docId) + " has "
                    + head.contentLength() + " bytes, its metadata says " + metadata.size());
        }
        if (head.checksumSHA256() != null && !head.checksumSHA256().equals(metadata.sha256Base64())) {
            throw new IllegalStateException("Damaged attachment: object " + keyOf(docId)
                    + " has another SHA-256 than its metadata");
        }
        return Optional.of(metadata);
    }

    /**
     * Streams {@code length} bytes from {@code offset} with one ranged GetObject, without buffering: the
     * bytes flow from the store's socket to the caller. {@code length} 0 gives an empty stream without
     * asking the store. Closing the stream before its end aborts the connection instead of draining it.
     * A read that fails later (store gone mid-stream) is an {@link IOException}.
     *
     * @throws IllegalArgumentException when the range is not inside the attachment
     */
    @Override
    public InputStream open(AttachmentMetadata attachment, long offset, long length) {
        if (offset < 0 || length < 0 || offset > attachment.size() - length) {
            throw new IllegalArgumentException("Range " + offset + "+" + length + " is outside "
                    + attachment.docId() + " of " + attachment.size() + " bytes");
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> stream;
        try {
            stream = s3.getObject(GetObjectRequest.builder()
                    .bucket(settings.bucket())
                    .key(keyOf(attachment.docId()))
                    .range("bytes=" + offset + "-" + (offset + length - 1))
                    .build());
        } catch (S3Exception e) {
            if (isMissingObject(e)) {
                throw AttachmentException.notFound();
            }
            if (e.statusCode() == 416) {
                throw new IllegalStateException("Damaged attachment: object " + keyOf(attachment.docId())
                        + " is shorter than its metadata says", e);
            }
            throw AttachmentException.storageUnavailable(e);
        } catch (SdkException e) {
            throw AttachmentException.storageUnavailable(e);
        }
        Long returned = stream.response().contentLength();
        if (returned == null || returned != length) {
            stream.abort();
            throw new IllegalStateException("Damaged attachment: object " + keyOf(attachment.docId())
                    + " returned " + returned + " bytes for a range of " + length);
        }
        return new RangeStream(stream, length);
    }

    /**
     * Whether the bucket answers a HeadBucket now, within the short timeouts. The answer is reused for
     * {@link #READINESS_CACHE}; while one probe runs, concurrent callers get the previous answer instead
     * of waiting or probing too.
     */
    @Override
    public boolean isReady() {
        Readiness current = readiness;
        if (clock.instant().isBefore(current.checkedAt().plus(READINESS_CACHE))
                || !probing.compareAndSet(false, true)) {
            return current.ready();
        }
        try {
            boolean ready = probe();
            if (ready != current.ready()) {
                LOG.log(ready ? Level.INFO : Level.WARNING, "S3 bucket {0} at {1} is now {2}",
                        new Object[] {settings.bucket(), endpointName(), ready ? "reachable" : "unavailable"});
            }
            readiness = new Readiness(ready, clock.instant());
            return ready;
        } finally {
            probing.set(false);
        }
    }

    /**
     * Closes the HTTP client and deletes this process's staging area; the store cannot be used afterwards.
     * Compensating deletes still pending are given up (and logged with their keys).
     */
    @Override
    public void close() {
        try {
            orphans.close();
            uploads.close();
            s3.close();
        } finally {
            staging.close();
        }
    }

    /** The object key of an attachment: {@code attachments/<doc_id>}. */
    static String keyOf(DocId docId) {
        return KEY_PREFIX + docId.value();
    }

    /**
     * The client for everything, and one for PutObject that waits up to {@link #PUT_READ_TIMEOUT} for the
     * answer: after the last body byte left, the store may still be reading megabytes out of the socket
     * buffers, then writes and verifies the object, and on a loaded machine that silence outlasts the
     * read timeout meant to catch a hung store quickly (14 of 16 PUTs of 1-9 MiB timed out after 1.5 s
     * at load 40). The upload's call budget still bounds the whole PUT.
     */
    private static S3Client buildClient(S3Settings settings, Duration readTimeout) {
        S3ClientBuilder builder = S3Client.builder()
                // a plain Content-Length body, never aws-chunked: over http the SDK would otherwise
                // sign the body chunk by chunk, and S3Proxy (Jetty 12) may answer and close before the
                // final zero-length chunk, failing the request on our side after it succeeded on
                // theirs. The SDK signs the whole body instead (one more read of the staged file).
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // the SHA-256 object checksum is set by publish; no extra trailing checksum
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(readTimeout))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(sdkDeadline(settings.callTimeout()))
                        .apiCallAttemptTimeout(sdkDeadline(settings.callTimeout()))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(S3Settings.MAX_ATTEMPTS)
                                .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The deadline given to the SDK for a call that must fail within {@code promise}: a quarter less, at
     * most {@link #FAILURE_MARGIN} less, which leaves time to abort the connection and report (the SDK
     * overshoots its own deadline by up to about 100 ms).
     */
    static Duration sdkDeadline(Duration promise) {
        Duration margin = promise.dividedBy(4);
        return promise.minus(margin.compareTo(FAILURE_MARGIN) < 0 ? margin : FAILURE_MARGIN);
    }

    /** Start-up check: true when the bucket is there (or was created), false when the store is unreachable. */
    private boolean checkBucketAtStart() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && settings.createBucket()) {
                return createBucketAtStart();
            }
            if (e.statusCode() == 404) {
                throw new IllegalStateException("The S3 bucket '" + settings.bucket() + "' does not exist at "
                        + endpointName() + "; create it, or set createBucket for development", e);
            }
            if (e.statusCode() < 500) {
                throw new IllegalStateException("The S3 bucket '" + settings.bucket() + "' at " + endpointName()
                        + " cannot be used with these credentials and region (HTTP " + e.statusCode() + ")", e);
            }
            warnUnavailableAtStart(e);
            return false;
        } catch (SdkException e) {
            warnUnavailableAtStart(e);
            return false;
        }
    }

    private boolean createBucketAtStart() {
        try {
            createBucket();
            LOG.log(Level.INFO, "Created the S3 bucket {0} at {1}", new Object[] {settings.bucket(), endpointName()});
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() < 500) {
                throw new IllegalStateException("Cannot create the S3 bucket '" + settings.bucket() + "' at "
                        + endpointName() + " (HTTP " + e.statusCode() + ")", e);
            }
            warnUnavailableAtStart(e);
            return false;
        } catch (SdkException e) {
            warnUnavailableAtStart(e);
            return false;
        }
    }

    private void createBucket() {
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(settings.bucket());
        if (!settings.region().equals(S3Settings.DEFAULT_REGION)) {
            request.createBucketConfiguration(c -> c.locationConstraint(settings.region()));
        }
        try {
            s3.createBucket(request.build());
        } catch (BucketAlreadyOwnedByYouException e) {
            // another instance created it first: just what was wanted
        }
    }

    /** One HeadBucket; with {@code createBucket}, a bucket still missing (store was down at start) is created. */
    private boolean probe() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && settings.createBucket()) {
                try {
                    createBucket();
                    return true;
                } catch (SdkException createFailure) {
                    LOG.log(Level.FINE, "Cannot create the S3 bucket", createFailure);
                    return false;
                }
            }
            LOG.log(Level.FINE, "S3 readiness probe failed", e);
            return false;
        } catch (SdkException e) {
            LOG.log(Level.FINE, "S3 readiness probe failed", e);
            return false;
        }
    }

    private void warnUnavailableAtStart(SdkException e) {
        LOG.log(Level.WARNING, "The S3 store at {0} is not reachable at start; starting anyway, not ready "
                + "until bucket {1} answers: {2}", new Object[] {endpointName(), settings.bucket(), e.toString()});
    }

    private String endpointName() {
        return settings.endpoint() == null ? "AWS " + settings.region() : settings.endpoint().toString();
    }

    /** Whether the request failed before a connection to the store was made, so nothing can have been stored. */
    private static boolean neverReachedTheStore(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMissingObject(S3Exception e) {
        // HeadObject has no body, so a 404 carries no error code; a missing *bucket* is a store failure
        return e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e));
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private record Readiness(boolean ready, Instant checkedAt) {
    }

    /**
     * The body of a ranged GET, passed through unbuffered. SDK failures while reading become
     * {@link IOException}s; closing before the end aborts the connection rather than draining it.
     */
    private static final class RangeStream extends FilterInputStream {

        private final ResponseInputStream<GetObjectResponse> response;
        private long remaining;

        RangeStream(ResponseInputStream<GetObjectResponse> response, long length) {
            super(response);
            this.response = response;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b >= 0) {
                    remaining--;
                }
                return b;
            } catch (SdkException e) {
                throw new IOException("Reading the attachment from S3 failed", e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            } catch (SdkException e) {
                throw new IOException("Reading the attachment from S3 failed", e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                long skipped = super.skip(n);
                remaining -= skipped;
                return skipped;
            } catch (SdkException e) {
                throw new IOException("Reading the attachment from S3 failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (remaining > 0) {
                    response.abort();
                }
                super.close();
            } catch (SdkException e) {
                throw new IOException("Closing the attachment stream from S3 failed", e);
            }
        }
    }
}
