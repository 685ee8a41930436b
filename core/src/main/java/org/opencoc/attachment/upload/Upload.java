package org.opencoc.attachment.upload;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.StagedFile;

/**
 * One upload in flight, from {@link AttachmentUploader#begin}: it {@linkplain #receive receives} one
 * file into staging, then {@linkplain #publish publishes} it. Closing it deletes what was staged and
 * not published, so an upload that fails anywhere, in the transport too, leaves nothing behind.
 *
 * <p>Which digest is checked is decided here: the one sent with the file (a multipart part's
 * {@code Content-Digest}) wins over the one sent for the whole request. Not thread-safe: one request
 * drives it.
 */
public final class Upload implements AutoCloseable {

    private final AttachmentUploader uploader;
    private final TicketType type;
    private final String domainId;
    private final String uploaderUrn;
    private final Optional<ContentDigest> requestDigest;

    private FileName name;
    private Optional<ContentDigest> fileDigest = Optional.empty();
    private StagedFile staged;
    private boolean published;

    Upload(AttachmentUploader uploader, TicketType type, String domainId, String uploaderUrn,
           Optional<ContentDigest> requestDigest) {
        this.uploader = uploader;
        this.type = Objects.requireNonNull(type, "type");
        this.domainId = Objects.requireNonNull(domainId, "domainId");
        this.uploaderUrn = Objects.requireNonNull(uploaderUrn, "uploaderUrn");
        this.requestDigest = Objects.requireNonNull(requestDigest, "requestDigest");
    }

    /** The largest request body the transport may read for this upload; see {@link UploadRules#maxBodyBytes()}. */
    public long maxBodyBytes() {
        return uploader.rules().maxBodyBytes();
    }

    /** The largest file this upload accepts, in bytes. */
    public long maxFileBytes() {
        return uploader.rules().maxBytes();
    }

    /**
     * Checks the name's extension (415, before a byte is read) and streams {@code content} to staging
     * under the size limit (413 as soon as it is passed).
     *
     * @param fileDigest the digest sent with the file itself, if any
     * @throws IllegalStateException when a file was already received: the transport refuses a second one
     */
    public void receive(FileName name, Optional<ContentDigest> fileDigest, InputStream content) {
        if (this.name != null) {
            throw new IllegalStateException("An upload receives one file");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.fileDigest = Objects.requireNonNull(fileDigest, "fileDigest");
        staged = uploader.stage(name, content);
    }

    /**
     * Checks the received file (not empty, matching the digest, content type matching the name) and
     * makes it visible under a new id owned by the caller's account.
     *
     * @return the metadata of the published attachment
     * @throws IllegalStateException when no file was received, or it was published already
     */
    public AttachmentMetadata publish() {
        if (staged == null || published) {
            throw new IllegalStateException(staged == null ? "No file was received" : "Already published");
        }
        AttachmentMetadata metadata = uploader.publish(staged, name, type, fileDigest.or(() -> requestDigest),
                domainId, uploaderUrn);
        published = true;
        return metadata;
    }

    /** Deletes whatever is still staged (after a publish by rename, nothing is). */
    @Override
    public void close() {
        if (staged != null) {
            staged.close();
        }
    }
}
