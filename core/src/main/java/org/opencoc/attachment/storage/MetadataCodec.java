package org.opencoc.attachment.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import org.opencoc.attachment.model.AttachmentMetadata;

/**
 * Writes and reads attachment metadata as a small JSON document, the filesystem store's sidecar (the S3
 * adapter maps metadata to user metadata itself). Values read back are validated again by the value
 * objects, so a tampered sidecar cannot smuggle in an invalid name or id.
 */
public final class MetadataCodec {

    private static final JsonProvider JSON = JsonProvider.provider();

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
        JsonObjectBuilder json = JSON.createObjectBuilder();
        MetadataFields.toText(metadata).forEach((field, text) -> {
            if (field.equals(MetadataFields.SIZE)) {
                json.add(field, metadata.size());
            } else {
                json.add(field, text);
            }
        });
        ByteArrayOutputStream document = new ByteArrayOutputStream(512);
        try (var writer = JSON.createWriter(document)) {
            writer.writeObject(json.build());
        }
        document.writeTo(out);
    }

    /** Reads what {@link #write} wrote; a damaged document is an {@link IllegalStateException}. */
    public static AttachmentMetadata read(InputStream in) {
        try (JsonReader reader = JSON.createReader(in)) {
            JsonObject json = reader.readObject();
            return MetadataFields.fromText(field -> field.equals(MetadataFields.SIZE)
                    ? Long.toString(json.getJsonNumber(field).longValueExact())
                    : json.getString(field));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Damaged attachment metadata", e);
        }
    }
}
