package org.opencoc.attachment.it.http;

import org.opencoc.attachment.upload.SampleFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Deterministic test content and its digests. The content is plain text (letters, digits, {@code +},
 * {@code /} and a newline every 76 bytes: no control characters), so the service accepts it as a
 * {@code .txt}, yet it looks like noise, so a wrong byte offset can never go unnoticed.
 */
final class Payloads {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);

    private Payloads() {
    }

    /** {@code length} bytes of text derived from {@code seed}: the same arguments give the same bytes. */
    static byte[] text(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = i % 76 == 75 ? (byte) '\n' : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return bytes;
    }


    /** The strong entity tag the service derives from the content: {@code "<sha-256 hex>"}. */
    static String entityTag(byte[] content) {
        return '"' + HexFormat.of().formatHex(SampleFiles.sha256(content)) + '"';
    }

    /** An RFC 9530 digest field value: {@code sha-256=:<base64>:}. */
    static String digestField(byte[] content) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(SampleFiles.sha256(content)) + ":";
    }
}
