package org.opencoc.attachment.storage;

import java.io.InputStream;
import java.util.Optional;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;

/**
 * The storage port: where attachments live. Two adapters implement it, the local filesystem (the
 * embedded default) and an S3-compatible object store (scale-out).
 *
 * <p>Uploads follow the commit protocol of DESIGN §4: {@link #stage} streams the content to a private
 * temporary place while hashing and counting; nothing is visible until {@link #publish} makes content
 * and metadata visible together, atomically. A crash at any point leaves either nothing or the whole
 * attachment.
 *
 * <p>Every method reports backend failures (I/O errors, an unreachable store) as an
 * {@link org.opencoc.attachment.error.AttachmentException} with
 * {@link org.opencoc.attachment.error.ErrorCode#STORAGE_UNAVAILABLE}.
 */
public interface AttachmentStore {

    /**
     * Streams {@code content} to a staging area, computing its size and SHA-256 and refusing it with
     * {@link org.opencoc.attachment.error.ErrorCode#FILE_TOO_LARGE} as soon as more than
     * {@code maxBytes} arrive. The caller owns the result and must close it; closing an unpublished
     * staged file deletes it.
     */
    StagedFile stage(InputStream content, long maxBytes);

    /** Makes the staged content visible under {@code metadata.docId()}, atomically, content and metadata together. */
    void publish(StagedFile staged, AttachmentMetadata metadata);

    /** The metadata of a published attachment, or empty when there is none with this id. */
    Optional<AttachmentMetadata> find(DocId docId);

    /**
     * Opens {@code length} bytes of the content starting at {@code offset}, by seeking (or a ranged read
     * in the backend), never by reading and discarding the bytes before it.
     */
    InputStream open(AttachmentMetadata attachment, long offset, long length);

    /** Whether the backend can serve requests now; cheap enough for a readiness probe. */
    boolean isReady();
}
