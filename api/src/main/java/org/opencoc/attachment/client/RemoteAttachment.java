package org.opencoc.attachment.client;

import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the headers of a download (or {@code HEAD}) say about an attachment.
 *
 * @param docId        the attachment id
 * @param fileName     the name to save it under: the service's {@code Content-Disposition} name made
 *                     safe by {@link #safeFileName} (never a path, never empty)
 * @param size         the length of the whole attachment in bytes, -1 when not sent
 * @param etag         the strong entity tag, empty when not sent
 * @param lastModified the {@code Last-Modified} value as sent, empty when not sent
 * @param sha256       the SHA-256 of the whole attachment from {@code Repr-Digest}, empty when not sent
 */
public record RemoteAttachment(String docId, String fileName, long size, Optional<String> etag,
                               Optional<String> lastModified, Optional<byte[]> sha256) {

    private static final Pattern EXTENDED = Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*UTF-8''([^;\\s]+)");
    private static final Pattern PLAIN = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SHA256 = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]*):");
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("bytes\\s+(?:\\d+-\\d+|\\*)/(\\d+)");

    public RemoteAttachment {
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        sha256 = sha256.map(byte[]::clone);
    }

    /** The SHA-256 as {@code Repr-Digest} spells it, {@code sha-256=:<base64>:}. */
    public Optional<String> reprDigest() {
        return sha256.map(digest -> "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":");
    }

    /** The SHA-256 in lower-case hex, as {@code sha256sum} prints it. */
    public Optional<String> sha256Hex() {
        return sha256.map(RemoteAttachment::hex);
    }

    static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** Reads the headers of a 200, 206 or {@code HEAD} answer for {@code docId}. */
    static RemoteAttachment fromHeaders(String docId, int status, HttpHeaders headers) {
        long size = -1;
        if (status == 206) {
            size = headers.firstValue("Content-Range").map(CONTENT_RANGE_TOTAL::matcher)
                    .filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).orElse(-1L);
        } else {
            size = headers.firstValueAsLong("Content-Length").orElse(-1L);
        }
        String name = safeFileName(headers.firstValue("Content-Disposition").orElse(""), docId);
        Optional<String> etag = headers.firstValue("ETag").filter(tag -> tag.startsWith("\""));
        return new RemoteAttachment(docId, name, size, etag, headers.firstValue("Last-Modified"),
                headers.firstValue("Repr-Digest").flatMap(RemoteAttachment::sha256Of));
    }

    /** The SHA-256 of an RFC 9530 {@code Repr-Digest} / {@code Content-Digest} value, if it has one. */
    static Optional<byte[]> sha256Of(String digestHeader) {
        Matcher m = SHA256.matcher(digestHeader);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            byte[] digest = Base64.getDecoder().decode(m.group(1));
            return digest.length == 32 ? Optional.of(digest) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The file name of a {@code Content-Disposition} value, safe to create in the current directory:
     * the RFC 8187 {@code filename*} if present, else {@code filename}; only the part after the last
     * {@code /} or {@code \}; control characters removed; leading dots removed (no hidden files, no
     * {@code ..}); {@code fallback} when nothing is left.
     */
    public static String safeFileName(String contentDisposition, String fallback) {
        String name = null;
        Matcher extended = EXTENDED.matcher(contentDisposition);
        if (extended.find()) {
            try {
                name = URLDecoder.decode(extended.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                name = null;
            }
        }
        if (name == null) {
            Matcher plain = PLAIN.matcher(contentDisposition);
            if (plain.find()) {
                name = plain.group(1).replaceAll("\\\\(.)", "$1");
            }
        }
        if (name == null) {
            return fallback;
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        name = name.replaceFirst("^[.\\s]+", "").strip();
        return name.isEmpty() ? fallback : name;
    }
}
