package org.opencoc.attachment.upload;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

/**
 * The {@code sha-256} member of an RFC 9530 {@code Content-Digest} (or {@code Repr-Digest}) header, a
 * structured-field dictionary such as {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}.
 *
 * <p>Other algorithms in the dictionary are ignored (RFC 9530 §2 lets a recipient do so); a header
 * without a {@code sha-256} member yields no digest. A member that is not a 32-byte SHA-256 in
 * byte-sequence form is a parameter error rather than silently skipped, so a client never believes a
 * check happened when it did not.
 */
public final class ContentDigest {

    private static final Pattern MEMBER = Pattern.compile("\\s*([a-z*][a-z0-9_\\-.*]*)\\s*(?:=\\s*([^,]*))?\\s*");
    private static final Pattern BYTE_SEQUENCE = Pattern.compile(":([A-Za-z0-9+/=]*):(?:;.*)?");

    private final byte[] sha256;

    private ContentDigest(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** Parses a header value; empty when the header is absent or has no {@code sha-256} member. */
    public static Optional<ContentDigest> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        for (String member : header.split(",")) {
            Matcher m = MEMBER.matcher(member);
            if (!m.matches()) {
                throw AttachmentException.invalidParameter("Content-Digest is not a valid dictionary.");
            }
            if (!"sha-256".equals(m.group(1))) {
                continue;
            }
            Matcher value = m.group(2) == null ? null : BYTE_SEQUENCE.matcher(m.group(2).strip());
            if (value == null || !value.matches()) {
                throw AttachmentException.invalidParameter("Content-Digest sha-256 must be a byte sequence :<base64>:.");
            }
            byte[] digest;
            try {
                digest = Base64.getDecoder().decode(value.group(1));
            } catch (IllegalArgumentException e) {
                throw AttachmentException.invalidParameter("Content-Digest sha-256 is not valid Base64.");
            }
            if (digest.length != 32) {
                throw AttachmentException.invalidParameter("Content-Digest sha-256 must be 32 bytes.");
            }
            return Optional.of(new ContentDigest(digest));
        }
        return Optional.empty();
    }

    /** Throws {@code CHECKSUM_MISMATCH} (400) unless {@code actual} equals this digest. */
    public void verify(byte[] actual) {
        if (!MessageDigest.isEqual(sha256, actual)) {
            throw new AttachmentException(ErrorCode.CHECKSUM_MISMATCH,
                    "The content does not match the sha-256 given in Content-Digest.");
        }
    }
}
