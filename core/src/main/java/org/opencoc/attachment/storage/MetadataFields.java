package org.opencoc.attachment.storage;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;

/**
 * The fields of stored attachment metadata and their text forms, shared by every store's own encoding
 * (the filesystem sidecar's JSON, {@link MetadataCodec}; S3 user metadata, {@code UserMetadata}), so
 * that a field is added, named and parsed in one place. Values read back are validated again by the
 * value objects, so tampered metadata cannot smuggle in an invalid name or id.
 */
public final class MetadataFields {

    public static final String DOC_ID = "doc_id";
    public static final String DOC_NAME = "doc_name";
    public static final String TICKET_TYPE = "ticket_type";
    public static final String SIZE = "size";
    public static final String CONTENT_TYPE = "content_type";
    public static final String SHA256 = "sha256";
    public static final String CREATED_AT = "created_at";
    public static final String DOMAIN_ID = "domain_id";
    public static final String UPLOADER = "uploader";

    private MetadataFields() {
    }

    /** Every field as text, in the order above (the sidecar's order). */
    public static Map<String, String> toText(AttachmentMetadata metadata) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DOC_ID, metadata.docId().value());
        fields.put(DOC_NAME, metadata.fileName().value());
        fields.put(TICKET_TYPE, metadata.ticketType().pathValue());
        fields.put(SIZE, Long.toString(metadata.size()));
        fields.put(CONTENT_TYPE, metadata.contentType());
        fields.put(SHA256, metadata.sha256Base64());
        fields.put(CREATED_AT, metadata.createdAt().toString());
        fields.put(DOMAIN_ID, metadata.domainId());
        fields.put(UPLOADER, metadata.uploader());
        return fields;
    }

    /**
     * Reads the fields back through {@code field} (a field's name to its text, or {@code null} when
     * missing); a missing or damaged field is an {@link IllegalStateException}.
     */
    public static AttachmentMetadata fromText(UnaryOperator<String> field) {
        try {
            return new AttachmentMetadata(
                    DocId.parse(field.apply(DOC_ID)),
                    new FileName(field.apply(DOC_NAME)),
                    TicketType.parse(field.apply(TICKET_TYPE)),
                    Long.parseLong(field.apply(SIZE)),
                    field.apply(CONTENT_TYPE),
                    Base64.getDecoder().decode(field.apply(SHA256)),
                    Instant.parse(field.apply(CREATED_AT)),
                    field.apply(DOMAIN_ID),
                    field.apply(UPLOADER));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Damaged attachment metadata", e);
        }
    }
}
