package org.opencoc.attachment.web.attachment;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.web.conditional.Representation;

/**
 * The parts of a download's answer that depend only on the attachment: its validators
 * ({@link Representation}) and the values of {@code Last-Modified}, {@code Content-Disposition} and
 * {@code Repr-Digest}. Formatting them (an HTTP-date, the hex and Base64 of the hash, the RFC 8187
 * file name) was done on every request; an attachment's metadata never changes, so it is done once.
 *
 * @param source             the metadata these values were made from
 * @param representation     its validators and length
 * @param lastModified       the {@code Last-Modified} value
 * @param contentDisposition the {@code Content-Disposition} value
 * @param reprDigest         the {@code Repr-Digest} value
 */
record RepresentationHeaders(AttachmentMetadata source, Representation representation, String lastModified,
                             String contentDisposition, String reprDigest) {

    static RepresentationHeaders of(AttachmentMetadata attachment) {
        Representation representation = new Representation(entityTag(attachment), attachment.createdAt(),
                attachment.size());
        return new RepresentationHeaders(attachment, representation, representation.lastModifiedHeader(),
                ContentDisposition.attachment(attachment.fileName().value()),
                "sha-256=:" + attachment.sha256Base64() + ":");
    }

    /**
     * The strong entity tag of an attachment, {@code "<sha256 hex>"}: derived from the content hash, so
     * it names the bytes, and the same on every instance that serves them.
     */
    static String entityTag(AttachmentMetadata attachment) {
        return '"' + attachment.sha256Hex() + '"';
    }

    /**
     * The values of recently served attachments, at most {@link #SLOTS}: one slot per doc_id hash, and
     * a slot holds the last attachment served whose id falls there. A slot answers only for the very
     * metadata instance it was made from (identity, not equality), which the metadata cache hands out
     * again for every download of that attachment; any other instance (a cache miss, a colliding id)
     * gets fresh values, which then take the slot. So a value is never served for an attachment it was
     * not made from, and the memo needs neither locks nor eviction.
     */
    static final class Memo {

        /** Slots (a power of two); a full memo holds well under a megabyte. */
        static final int SLOTS = 1024;

        private final AtomicReferenceArray<RepresentationHeaders> slots = new AtomicReferenceArray<>(SLOTS);

        RepresentationHeaders of(AttachmentMetadata attachment) {
            int slot = attachment.docId().hashCode() & (SLOTS - 1);
            RepresentationHeaders remembered = slots.getAcquire(slot);
            if (remembered != null && remembered.source() == attachment) {
                return remembered;
            }
            RepresentationHeaders made = RepresentationHeaders.of(attachment);
            slots.setRelease(slot, made);
            return made;
        }
    }
}
