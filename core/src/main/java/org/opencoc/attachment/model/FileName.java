package org.opencoc.attachment.model;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

import org.opencoc.attachment.error.AttachmentException;

/**
 * The name an uploader gave a file, kept for the download and never used as a storage key.
 *
 * <p>{@link #of(String)} applies the upload rules: any path part before the last {@code /} or
 * {@code \} is dropped, the rest is normalized to NFC; it must then be non-empty, not {@code .} or
 * {@code ..}, free of control characters (C0, DEL, C1) and of unpaired surrogates, and at most
 * {@value #MAX_UTF8_BYTES} bytes in UTF-8. The record constructor enforces the same invariants on an
 * already clean value (e.g. read back from storage).
 *
 * <p>A submitted name with an invisible format character (Unicode category Cf: bidi controls such as
 * U+202E RIGHT-TO-LEFT OVERRIDE, zero-width characters, the BOM, tag characters) is refused rather
 * than silently changed: {@code invoice}, U+202E, {@code fdp.txt} would show in a browser as
 * {@code invoicetxt.pdf}, and the uploader should see the name that is kept. This also refuses the
 * zero-width (non-)joiners some scripts and emoji sequences use. Names stored before this rule are
 * still read back (the constructor does not check it).
 */
public record FileName(String value) {

    /** The longest name accepted, in UTF-8 bytes. */
    public static final int MAX_UTF8_BYTES = 255;

    public FileName {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw AttachmentException.invalidParameter("The file name is empty.");
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw AttachmentException.invalidParameter("The file name must not contain a path.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw AttachmentException.invalidParameter("The file name must not contain control characters.");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw AttachmentException.invalidParameter("The file name is not valid Unicode.");
                }
                i++;
            }
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw AttachmentException.invalidParameter(
                    "The file name is longer than " + MAX_UTF8_BYTES + " bytes in UTF-8.");
        }
    }

    /** Cleans a client-supplied name (strips the path, NFC) and validates it. */
    public static FileName of(String submitted) {
        if (submitted == null) {
            throw AttachmentException.invalidParameter("The file part has no file name.");
        }
        int cut = Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\'));
        String base = submitted.substring(cut + 1);
        base.codePoints().filter(c -> Character.getType(c) == Character.FORMAT).findFirst().ifPresent(c -> {
            throw AttachmentException.invalidParameter(String.format(Locale.ROOT,
                    "The file name must not contain invisible format characters (U+%04X).", c));
        });
        return new FileName(Normalizer.normalize(base, Normalizer.Form.NFC));
    }

    /** The lower-case extension after the last dot, or an empty string when there is none. */
    public String extension() {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? "" : value.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
