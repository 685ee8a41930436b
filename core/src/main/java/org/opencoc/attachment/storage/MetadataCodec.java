package org.opencoc.attachment.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Base64;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;

/**
 * Writes and reads attachment metadata as a small JSON document, the filesystem store's sidecar (the S3
 * adapter maps metadata to user metadata itself). Values read back are validated again by the value
 * objects, so a tampered sidecar cannot smuggle in an invalid name or id.
 */
public final class MetadataCodec {

    private static final JsonProvider JSON = JsonProvider.provider();

    static final String DOC_ID = "doc_id";
    static final String DOC_NAME = "doc_name";
    static final String TICKET_TYPE = "ticket_type";
    static final String SIZE = "size";
    static final String CONTENT_TYPE = "content_type";
    static final String SHA256 = "sha256";
    static final String CREATED_AT = "created_at";
    static final String DOMAIN_ID = "domain_id";
    static final String UPLOADER = "uploader";

    private MetadataCodec() {
    }

    /**
     * Writes {@code metadata} as UTF-8 JSON to {@code out} and leaves {@code out} open: the caller owns
     * it (the filesystem store still has to fsync the channel behind it).
     *
     * <p>The document is built in memory first (it is a few hundred bytes) and then written with one
     * call, so a failure of {@code out} (a full disk) arrives as the {@link IOException} it is, not
     * wrapped in a {@code JsonException} by the JSON writer.
     *
     * @throws IOException when {@code out} fails; what was written may be incomplete, and the caller
     *                     must discard it
     */
    public static void write(AttachmentMetadata metadata, OutputStream out) throws IOException {
        JsonObject json = JSON.createObjectBuilder()
                .add(DOC_ID, metadata.docId().value())
                .add(DOC_NAME, metadata.fileName().value())
                .add(TICKET_TYPE, metadata.ticketType().pathValue())
                .add(SIZE, metadata.size())
                .add(CONTENT_TYPE, metadata.contentType())
                .add(SHA256, metadata.sha256Base64())
                .add(CREATED_AT, metadata.createdAt().toString())
                .add(DOMAIN_ID, metadata.domainId())
                .add(UPLOADER, metadata.uploader())
                .build();
        ByteArrayOutputStream document = new ByteArrayOutputStream(512);
        try (var writer = JSON.createWriter(document)) {
            writer.writeObject(json);
        }
        document.writeTo(out);
    }

    /** Reads what {@link #write} wrote; a damaged document is an {@link IllegalStateException}. */
    public static AttachmentMetadata read(InputStream in) {
        try (JsonReader reader = JSON.createReader(in)) {
            JsonObject json = reader.readObject();
            return new AttachmentMetadata(
                    DocId.parse(json.getString(DOC_ID)),
                    new FileName(json.getString(DOC_NAME)),
                    TicketType.parse(json.getString(TICKET_TYPE)),
                    json.getJsonNumber(SIZE).longValueExact(),
                    json.getString(CONTENT_TYPE),
                    Base64.getDecoder().decode(json.getString(SHA256)),
                    Instant.parse(json.getString(CREATED_AT)),
                    json.getString(DOMAIN_ID),
                    json.getString(UPLOADER));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Damaged attachment metadata", e);
        }
    }
}
