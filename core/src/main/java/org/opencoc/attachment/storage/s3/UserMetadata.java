package org.opencoc.attachment.storage.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.storage.MetadataFields;

/**
 * Attachment metadata as S3 user metadata ({@code x-amz-meta-*} headers), which must be ASCII: every
 * value is percent-encoded (RFC 3986: UTF-8, every byte outside the unreserved set as {@code %XX}), so
 * names in any script, quotes, leading or trailing spaces survive any HTTP hop unchanged. Key names use
 * {@code -} where the filesystem sidecar's JSON uses {@code _} ({@code x-amz-meta-doc-name}), because
 * some proxies drop header names with underscores. Values read back are validated again by the value
 * objects, so tampered user metadata cannot smuggle in an invalid name or id.
 */
final class UserMetadata {

    /** S3's limit for all user metadata keys and values together, in bytes. */
    static final int MAX_BYTES = 2048;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UserMetadata() {
    }

    /** The metadata as user metadata, ready for a PutObject request. */
    static Map<String, String> encode(AttachmentMetadata metadata) {
        Map<String, String> encoded = new HashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> entry : MetadataFields.toText(metadata).entrySet()) {
            String key = key(entry.getKey());
            String value = percentEncode(entry.getValue());
            encoded.put(key, value);
            bytes += key.length() + value.length();
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("The metadata of " + metadata.docId() + " needs " + bytes
                    + " bytes as S3 user metadata, more than the limit of " + MAX_BYTES);
        }
        return encoded;
    }

    /**
     * Reads what {@link #encode} wrote (keys in any case, as stores return them lower-cased, with
     * {@code _} or {@code -}). Unknown keys are ignored; missing or damaged values are an
     * {@link IllegalStateException}.
     */
    static AttachmentMetadata decode(Map<String, String> userMetadata) {
        Map<String, String> map = new HashMap<>();
        userMetadata.forEach((key, value) ->
                map.put(key.toLowerCase(Locale.ROOT).replace('_', '-'), percentDecode(value)));
        return MetadataFields.fromText(field -> map.get(key(field)));
    }

    /** The user-metadata key of a {@link MetadataFields} field: {@code doc_name} is {@code doc-name}. */
    static String key(String field) {
        return field.replace('_', '-');
    }

    static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    static String percentDecode(String value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalStateException("Damaged attachment metadata: truncated percent-encoding");
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalStateException("Damaged attachment metadata: invalid percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw new IllegalStateException("Damaged attachment metadata: a raw non-ASCII character");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("Damaged attachment metadata: not UTF-8", e);
        }
    }
}
