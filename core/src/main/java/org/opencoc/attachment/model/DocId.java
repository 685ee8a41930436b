package org.opencoc.attachment.model;

import java.util.Objects;
import java.util.UUID;

import org.opencoc.attachment.error.AttachmentException;

/**
 * The id of an attachment: a random UUID in canonical lower-case form. Any other form is a parameter
 * error, so a {@code DocId} can never carry a path separator, dot segment or encoded traversal to
 * storage.
 */
public record DocId(String value) {

    private static final int LENGTH = 36;

    public DocId {
        if (!isCanonical(value)) {
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

    /**
     * {@code 8-4-4-4-12} lower-case hex digits: {@code [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}},
     * checked by a loop rather than a regular expression (this runs on every download).
     */
    private static boolean isCanonical(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            if (!ok) {
                return false;
            }
        }
        return true;
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
