package org.opencoc.attachment.error;

import java.util.Objects;

/**
 * A failure the client is told about: it carries the {@link ErrorCode} and a message that is safe to
 * put on the wire (no internal paths, no stack traces). The web layer maps every subclass to the error
 * envelope and to the HTTP status it gives the code.
 */
public class AttachmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public AttachmentException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public AttachmentException(ErrorCode errorCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** The code this failure is answered with. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** A parameter error ({@code GOM.00007256}). */
    public static AttachmentException invalidParameter(String message) {
        return new AttachmentException(ErrorCode.INVALID_PARAMETER, message);
    }

    /** A missing attachment, or one of another account: both answer alike so ids cannot be probed. */
    public static AttachmentException notFound() {
        return new AttachmentException(ErrorCode.NOT_FOUND, "The attachment does not exist.");
    }

    /** The upload exceeds {@code maxBytes}. */
    public static AttachmentException tooLarge(long maxBytes) {
        return new AttachmentException(ErrorCode.FILE_TOO_LARGE,
                "The file is larger than the limit of " + maxBytes + " bytes.");
    }

    /** The file type is not allowed or the content does not match the name. */
    public static AttachmentException unsupportedType(String message) {
        return new AttachmentException(ErrorCode.UNSUPPORTED_FILE_TYPE, message);
    }

    /** The storage backend failed; {@code cause} is logged, never sent. */
    public static AttachmentException storageUnavailable(Throwable cause) {
        return new AttachmentException(ErrorCode.STORAGE_UNAVAILABLE,
                "Attachment storage is unavailable, please retry later.", cause);
    }
}
