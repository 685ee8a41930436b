package org.opencoc.attachment.web.attachment;

import java.nio.charset.StandardCharsets;

/**
 * Builds an RFC 6266 {@code Content-Disposition: attachment} value that carries any file name safely:
 * an ASCII {@code filename="..."} fallback (non-ASCII, control characters, {@code "}, {@code \} and
 * {@code %} replaced by {@code _}) and the exact name as RFC 8187 {@code filename*=UTF-8''...}. No raw
 * non-ASCII, CR, LF or quote ever reaches the header.
 */
final class ContentDisposition {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {
    }

    static String attachment(String fileName) {
        return "attachment; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    private static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                ? (char) c : '_'));
        return out.toString();
    }

    /** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte percent-encoded. */
    private static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() * 3);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
