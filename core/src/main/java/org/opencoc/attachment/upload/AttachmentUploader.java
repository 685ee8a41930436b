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
 * Runs an upload through its checks in the cheapest order and publishes it only when all pass: the
 * declared length (before a byte is read), the name's extension (before a byte of the file is read),
 * the size limit (while bytes arrive), emptiness, the client's digest, and finally the content type.
 * Until {@link Upload#publish} succeeds nothing is visible, and a refused upload leaves nothing behind.
 *
 * <p>One conversation per request, {@link #begin}: the transport then streams the file into the
 * {@link Upload} it gets, and publishes it once the whole body has been read (a multipart body must be
 * read to the end, to refuse a second {@code file} part).
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

    /**
     * Starts an upload for {@code domainId}, refusing it (413) at once when the declared body length is
     * over {@link UploadRules#maxBodyBytes()}. The caller closes the result, which deletes whatever was
     * staged and not published.
     *
     * @param type           the ticket type the attachment is uploaded under
     * @param domainId       the account that will own it
     * @param uploaderUrn    the principal URN of the uploader
     * @param requestDigest  the request's {@code Content-Digest} header, or {@code null}: the digest the
     *                       client sent for the whole request; a digest on the file part, if any, wins
     *                       over it. It is parsed after the length check, so a body declared too large
     *                       is answered 413 whatever else is wrong with the request.
     * @param declaredLength the request body's declared length, negative when none was declared
     */
    public Upload begin(TicketType type, String domainId, String uploaderUrn, String requestDigest,
                        long declaredLength) {
        rules.checkDeclaredLength(declaredLength);
        return new Upload(this, type, domainId, uploaderUrn, ContentDigest.parse(requestDigest));
    }

    UploadRules rules() {
        return rules;
    }

    /** Checks the name and streams the content to staging under the size limit; the caller closes the result. */
    StagedFile stage(FileName name, InputStream content) {
        rules.checkName(name);
        return store.stage(content, rules.maxBytes());
    }

    /**
     * Checks a staged upload (not empty, matching the expected digest if there is one, content type
     * matching the name) and publishes it under a new id owned by {@code domainId}.
     */
    AttachmentMetadata publish(StagedFile staged, FileName name, TicketType ticketType,
                               Optional<ContentDigest> expectedDigest, String domainId, String uploaderUrn) {
        if (staged.size() == 0) {
            throw AttachmentException.invalidParameter("The file is empty.");
        }
        expectedDigest.ifPresent(digest -> digest.verify(staged.sha256()));
        String contentType = verifier.verify(name, staged.content());
        AttachmentMetadata metadata = new AttachmentMetadata(ids.get(), name, ticketType, staged.size(),
                contentType, staged.sha256(), clock.instant(), domainId, uploaderUrn);
        store.publish(staged, metadata);
        return metadata;
    }
}
