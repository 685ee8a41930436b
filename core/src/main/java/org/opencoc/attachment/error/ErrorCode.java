package org.opencoc.attachment.error;

/**
 * The project's error codes. The numbers are part of the public contract (DESIGN §2): never renumber,
 * only add. The HTTP status each one is answered with is the web layer's choice
 * ({@code org.opencoc.attachment.web.error.HttpStatuses}). The success code of the 200 bodies,
 * {@code GOM.00000000}, is not an error: it is defined once, with those bodies, in the wire module
 * ({@code org.opencoc.attachment.api.UploadResponse#SUCCESS}).
 */
public enum ErrorCode {
    /** Invalid parameter: ticket_type, doc_id, missing or duplicate file part, bad name, empty file. */
    INVALID_PARAMETER("GOM.00007256"),
    /** The attachment does not exist, or belongs to another account. */
    NOT_FOUND("GOM.00007257"),
    /** The file is larger than the configured limit. */
    FILE_TOO_LARGE("GOM.00007258"),
    /** The file type is not allowed, or its content does not match its name. */
    UNSUPPORTED_FILE_TYPE("GOM.00007259"),
    /** The bearer token is missing or invalid. */
    UNAUTHENTICATED("GOM.00007260"),
    /** An IAM policy does not allow the action. */
    ACCESS_DENIED("GOM.00007261"),
    /** The requested byte range cannot be served. */
    RANGE_NOT_SATISFIABLE("GOM.00007262"),
    /** A conditional request header did not hold. */
    PRECONDITION_FAILED("GOM.00007263"),
    /** The content does not match the digest the client sent. */
    CHECKSUM_MISMATCH("GOM.00007264"),
    /** The storage backend cannot serve requests right now (down, disk full). */
    STORAGE_UNAVAILABLE("GOM.00007265"),
    /** Anything unexpected; the message carries the request id, never a stack trace. */
    INTERNAL_ERROR("GOM.00007266");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The wire value of {@code error_code}, e.g. {@code GOM.00007256}. */
    public String code() {
        return code;
    }
}
