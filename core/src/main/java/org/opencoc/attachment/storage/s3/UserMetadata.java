package org.opencoc.attachment.storage.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;

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

    static final String DOC_ID = "doc-id";
    static final String DOC_NAME = "doc-name";
    static final String TICKET_TYPE = "ticket-type";
    static final String SIZE = "size";
    static final String CONTENT_TYPE = "content-type";
    static final String SHA256 = "sha256";
    static final String CREATED_AT = "created-at";
    static final String DOMAIN_ID = "domain-id";
    static final String UPLOADER = "uploader";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UserMetadata() {
    }

    /** The metadata as user metadata, ready for a PutObject request. */
    static Map<String, String> encode(AttachmentMetadata metadata) {
        Map<String, String> plain = Map.of(
                DOC_ID, metadata.docId().value(),
                DOC_NAME, metadata.fileName().value(),
                TICKET_TYPE, metadata.ticketType().pathValue(),
                SIZE, Long.toString(metadata.size()),
                CONTENT_TYPE, metadata.contentType(),
                SHA256, metadata.sha256Base64(),
                CREATED_AT, metadata.createdAt().toString(),
                DOMAIN_ID, metadata.domainId(),
                UPLOADER, metadata.uploader());
        Map<String, String> encoded = new HashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> entry : plain.entrySet()) {
            String value = percentEncode(entry.getValue());
            encoded.put(entry.getKey(), value);
            bytes += entry.getKey().length() + value.length();
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
        try {
            return new AttachmentMetadata(
                    DocId.parse(map.get(DOC_ID)),
                    new FileName(map.get(DOC_NAME)),
                    TicketType.parse(map.get(TICKET_TYPE)),
                    Long.parseLong(map.get(SIZE)),
                    map.get(CONTENT_TYPE),
                    Base64.getDecoder().decode(map.get(SHA256)),
                    Instant.parse(map.get(CREATED_AT)),
                    map.get(DOMAIN_ID),
                    map.get(UPLOADER));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Damaged attachment metadata", e);
        }
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
