package org.opencoc.attachment.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.StagedFile;
import org.opencoc.attachment.storage.StagingArea;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

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
 * {@link AttachmentException} with {@code STORAGE_UNAVAILABLE} ({@link S3Failures}); no AWS SDK type or
 * exception leaves this package. A request makes at most {@value S3Settings#MAX_ATTEMPTS} attempts and
 * gives up after {@link S3Settings#callTimeout()} (2 s by default) against a dead or hung store (see
 * {@link S3Bucket}). An upload's PutObject gets more: the call timeout once per attempt,
 * plus {@value #UPLOAD_MILLIS_PER_MIB} ms per MiB of content (a throughput floor of 0.5 MiB/s), so a
 * large file, a slow link or a store slowed down by load is not cut off (a dead store still fails at
 * once: the connection is refused); a download stream is bounded by the read timeout between bytes,
 * not in total (the SDK aborts a stream nobody reads from within 60 s).
 *
 * <p><b>Start-up.</b> The constructor checks the bucket: a missing bucket (unless it may be created) or
 * one the credentials may not use is an {@link IllegalStateException}; an unreachable store is not, the
 * instance comes up and {@link #isReady()} reports {@code false} until the store answers (see
 * {@link S3Bucket}).
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP clients.
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

    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final long MIB = 1024L * 1024L;

    private final S3Settings settings;
    private final StagingArea staging;
    private final S3Bucket bucket;
    private final OrphanRemover orphans;

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
        this.staging = new StagingArea(settings.stagingDirectory());
        staging.sweep();
        try {
            this.bucket = new S3Bucket(settings, clock);
        } catch (RuntimeException e) {
            staging.close();
            throw e;
        }
        this.orphans = new OrphanRemover(bucket.client(), bucket.name(),
                S3Bucket.sdkDeadline(settings.callTimeout()));
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
        Duration budget = S3Bucket.sdkDeadline(settings.callTimeout().multipliedBy(S3Settings.MAX_ATTEMPTS)
                .plusMillis((staged.size() * UPLOAD_MILLIS_PER_MIB + MIB - 1) / MIB));
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket.name())
                .key(keyOf(metadata.docId()))
                .contentType(CONTENT_TYPE)
                .contentLength(staged.size())
                .checksumSHA256(Base64.getEncoder().encodeToString(staged.sha256()))
                .metadata(UserMetadata.encode(metadata))
                .overrideConfiguration(o -> o.apiCallTimeout(budget).apiCallAttemptTimeout(budget))
                .build();
        try {
            bucket.uploads().putObject(request, RequestBody.fromFile(staged.content()));
        } catch (SdkException e) {
            if (!S3Failures.neverReachedTheStore(e)) {
                orphans.remove(request.key(), e);
            }
            throw S3Failures.ofUpload(e);
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
        String key = keyOf(docId);
        HeadObjectResponse head;
        try {
            head = bucket.client().headObject(b -> b.bucket(bucket.name()).key(key)
                    .checksumMode(ChecksumMode.ENABLED));
        } catch (SdkException e) {
            if (S3Failures.isMissingObject(e)) {
                return Optional.empty();
            }
            throw S3Failures.ofRead(e, key);
        }
        AttachmentMetadata metadata = UserMetadata.decode(head.metadata());
        if (!metadata.docId().equals(docId)) {
            throw S3Failures.damaged(key, "carries the metadata of " + metadata.docId());
        }
        if (head.contentLength() != null && head.contentLength() != metadata.size()) {
            throw S3Failures.damaged(key, "has " + head.contentLength() + " bytes, its metadata says "
                    + metadata.size());
        }
        if (head.checksumSHA256() != null && !head.checksumSHA256().equals(metadata.sha256Base64())) {
            throw S3Failures.damaged(key, "has another SHA-256 than its metadata");
        }
        return Optional.of(metadata);
    }

    /**
     * Streams {@code length} bytes from {@code offset} with one ranged GetObject, without buffering (see
     * {@link S3RangeStream}). {@code length} 0 gives an empty stream without asking the store. A read
     * that fails later (store gone mid-stream) is an {@link IOException}.
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
        String key = keyOf(attachment.docId());
        try {
            return S3RangeStream.of(bucket.client().getObject(b -> b.bucket(bucket.name()).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1))), length, key);
        } catch (SdkException e) {
            throw S3Failures.ofRead(e, key);
        }
    }

    /** Whether the bucket answers now (cached for about a second, see {@link S3Bucket#isReady()}). */
    @Override
    public boolean isReady() {
        return bucket.isReady();
    }

    /**
     * Closes the HTTP clients and deletes this process's staging area; the store cannot be used afterwards.
     * Compensating deletes still pending are given up (and logged with their keys).
     */
    @Override
    public void close() {
        try {
            orphans.close();
            bucket.close();
        } finally {
            staging.close();
        }
    }

    /** The object key of an attachment: {@code attachments/<doc_id>}. */
    static String keyOf(DocId docId) {
        return KEY_PREFIX + docId.value();
    }
}
