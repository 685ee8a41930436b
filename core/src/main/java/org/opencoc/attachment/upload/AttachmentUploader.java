package org.opencoc.attachment.upload;

import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.StagedFile;

/**
 * Runs an upload through its checks in the cheapest order and publishes it only when all pass:
 * the name's extension (before a byte is read), the size limit (while bytes arrive), emptiness, the
 * client's digest, and finally the content type. Until {@link #publish} succeeds nothing is visible,
 * and a refused upload leaves nothing behind.
 *
 * <p>Two steps because multipart bodies must be read to the end before publishing (to refuse a second
 * {@code file} part): {@link #receive} stages, {@link #publish} checks and publishes.
 */
public final class AttachmentUploader {

    private final AttachmentStore store;
    private final UploadRules rules;
    private final ContentTypeVerifier verifier;
    private final Clock clock;
    private final Supplier<DocId> ids;

    public AttachmentUploader(AttachmentStore store, UploadRules rules, ContentTypeVerifier verifier, Clock clock,
                              Supplier<DocId> ids) {
        this.store = store;
        this.rules = rules;
        this.verifier = verifier;
        this.clock = clock;
        this.ids = ids;
    }

    /** The rules this uploader enforces. */
    public UploadRules rules() {
        return rules;
    }

    /** Checks the name and streams the content to staging under the size limit; the caller closes the result. */
    public StagedFile receive(FileName name, InputStream content) {
        rules.checkName(name);
        return store.stage(content, rules.maxBytes());
    }

    /**
     * Checks a staged upload (not empty, matching the client's digest if it sent one, content type
     * matching the name) and publishes it under a new id owned by {@code domainId}.
     */
    public AttachmentMetadata publish(StagedFile staged, FileName name, TicketType ticketType,
                                      Optional<ContentDigest> expectedDigest, String domainId, String uploader) {
        if (staged.size() == 0) {
            throw AttachmentException.invalidParameter("The file is empty.");
        }
        expectedDigest.ifPresent(digest -> digest.verify(staged.sha256()));
        String contentType = verifier.verify(name, staged.content());
        AttachmentMetadata metadata = new AttachmentMetadata(ids.get(), name, ticketType, staged.size(),
                contentType, staged.sha256(), clock.instant(), domainId, uploader);
        store.publish(staged, metadata);
        return metadata;
    }
}
