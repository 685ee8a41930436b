package org.opencoc.attachment.upload;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.opencoc.attachment.config.ConfigNames;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.FileName;

/**
 * What an upload may be: at most {@code maxBytes} long (default {@value ConfigNames#UPLOAD_MAX_BYTES_DEFAULT}, 10 MiB, the documented default of the cloud API) and
 * named with one of the allowed extensions (default {@value ConfigNames#UPLOAD_ALLOWED_EXTENSIONS_DEFAULT}, the documented JPG, PNG, DOCX, TXT, PDF). The request that
 * carries it may be at most {@link #maxBodyBytes()} long: the file plus {@value #FRAMING_ALLOWANCE}
 * bytes of the envelope around it.
 *
 * @param maxBytes          the largest accepted file, in bytes (at least 1)
 * @param allowedExtensions lower-case extensions without the dot
 */
public record UploadRules(long maxBytes, Set<String> allowedExtensions) {

    /**
     * Bytes a request body may carry beyond the file limit: multipart boundaries, part headers and
     * small fields. It sits with the file limit because the two make one number, the largest body the
     * server reads, which both the declared-length check and the streaming parser's cap use.
     */
    public static final long FRAMING_ALLOWANCE = 64 * 1024;

    public UploadRules {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        allowedExtensions = Set.copyOf(allowedExtensions);
        if (allowedExtensions.isEmpty()) {
            throw new IllegalArgumentException("at least one extension must be allowed");
        }
        for (String extension : allowedExtensions) {
            if (!ContentTypeVerifier.supports(extension)) {
                throw new IllegalArgumentException("Unsupported extension '" + extension
                        + "'; supported: " + ContentTypeVerifier.supportedExtensions());
            }
        }
    }

    /** Parses a comma-separated extension list such as {@code "jpg, png,PDF"}. */
    public static UploadRules of(long maxBytes, String extensions) {
        Set<String> parsed = new TreeSet<>();
        for (String part : extensions.split(",")) {
            String extension = part.strip().toLowerCase(Locale.ROOT);
            if (extension.startsWith(".")) {
                extension = extension.substring(1);
            }
            if (!extension.isEmpty()) {
                parsed.add(extension);
            }
        }
        return new UploadRules(maxBytes, parsed);
    }

    /** The defaults: 10 MiB and JPG, PNG, DOCX, TXT, PDF. */
    public static UploadRules defaults() {
        return of(ConfigNames.UPLOAD_MAX_BYTES_DEFAULT, ConfigNames.UPLOAD_ALLOWED_EXTENSIONS_DEFAULT);
    }

    /** The largest request body that may carry an upload: {@code maxBytes} plus {@value #FRAMING_ALLOWANCE}. */
    public long maxBodyBytes() {
        return maxBytes + FRAMING_ALLOWANCE;
    }

    /**
     * Refuses (413) a request whose declared body length exceeds {@link #maxBodyBytes()}, before any
     * byte is read. A negative length means none was declared (a chunked body), which the size limit
     * then stops as it streams.
     */
    public void checkDeclaredLength(long declaredLength) {
        if (declaredLength > maxBodyBytes()) {
            throw AttachmentException.tooLarge(maxBytes);
        }
    }

    /** Refuses a name whose extension is not allowed (415), before any byte is read. */
    public void checkName(FileName name) {
        if (!allowedExtensions.contains(name.extension())) {
            throw AttachmentException.unsupportedType("The file type is not allowed; allowed: "
                    + String.join(", ", new TreeSet<>(allowedExtensions)) + ".");
        }
    }
}
