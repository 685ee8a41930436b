package org.opencoc.attachment.model;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What is known about a stored attachment. It travels with the content (a sidecar file, or object
 * user metadata), so no database is needed.
 *
 * @param docId       the attachment id
 * @param fileName    the cleaned name given at upload
 * @param ticketType  the ticket type it was uploaded under
 * @param size        the content length in bytes
 * @param contentType the media type detected from the content at upload
 * @param sha256      the SHA-256 of the content, 32 bytes
 * @param createdAt   when the upload was published
 * @param domainId    the account (domain) that owns it; other accounts never see it
 * @param uploader    the principal URN of the uploader
 */
public record AttachmentMetadata(DocId docId, FileName fileName, TicketType ticketType, long size,
                                 String contentType, byte[] sha256, Instant createdAt, String domainId,
                                 String uploader) {

    public AttachmentMetadata {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(ticketType, "ticketType");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(domainId, "domainId");
        Objects.requireNonNull(uploader, "uploader");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("sha256 must be 32 bytes");
        }
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The SHA-256 as lower-case hex. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** The SHA-256 in standard Base64, as used by {@code Repr-Digest} and S3 checksums. */
    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }

    /** Whether the attachment belongs to the given account. */
    public boolean ownedBy(String domain) {
        return domainId.equals(domain);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttachmentMetadata that
                && size == that.size
                && docId.equals(that.docId) && fileName.equals(that.fileName)
                && ticketType == that.ticketType && contentType.equals(that.contentType)
                && java.util.Arrays.equals(sha256, that.sha256) && createdAt.equals(that.createdAt)
                && domainId.equals(that.domainId) && uploader.equals(that.uploader);
    }

    @Override
    public int hashCode() {
        return Objects.hash(docId, size, java.util.Arrays.hashCode(sha256));
    }

    @Override
    public String toString() {
        return "AttachmentMetadata[" + docId + ", " + size + " bytes, " + contentType + "]";
    }
}
