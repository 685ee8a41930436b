package org.opencoc.attachment.model;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.opencoc.attachment.error.AttachmentException;

/**
 * The id of an attachment: a random UUID in canonical lower-case form. Any other form is a parameter
 * error, so a {@code DocId} can never carry a path separator, dot segment or encoded traversal to
 * storage.
 */
public record DocId(String value) {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public DocId {
        if (value == null || !CANONICAL.matcher(value).matches()) {
            throw AttachmentException.invalidParameter("doc_id must be a lower-case UUID.");
        }
    }

    /** Parses a client-supplied id; a parameter error unless canonical. */
    public static DocId parse(String value) {
        return new DocId(value);
    }

    /** A new random (version 4) id. */
    public static DocId random() {
        return new DocId(UUID.randomUUID().toString());
    }

    /** A storage-friendly two-character fan-out prefix (the first two hex digits). */
    public String shard() {
        return value.substring(0, 2);
    }

    @Override
    public String toString() {
        return Objects.toString(value);
    }
}
