package org.opencoc.attachment.web.error;

import org.opencoc.attachment.error.ErrorCode;

/**
 * The HTTP status each error code is answered with (DESIGN §2, "Errors"): the one mapping from core's
 * codes to statuses, used by the exception mappers ({@link ErrorResponses}) and by the servlet-level
 * refusals ({@link ServletEnvelopes}). A refusal whose status is fixed elsewhere (by JAX-RS, the
 * container or the HTTP parser) keeps that status and only picks its code.
 */
public final class HttpStatuses {

    private HttpStatuses() {
    }

    /** The status {@code code} is answered with; a new code does not compile until it has one. */
    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER, CHECKSUM_MISMATCH -> 400;
            case UNAUTHENTICATED -> 401;
            case ACCESS_DENIED -> 403;
            case NOT_FOUND -> 404;
            case PRECONDITION_FAILED -> 412;
            case FILE_TOO_LARGE -> 413;
            case UNSUPPORTED_FILE_TYPE -> 415;
            case RANGE_NOT_SATISFIABLE -> 416;
            case INTERNAL_ERROR -> 500;
            case STORAGE_UNAVAILABLE -> 503;
        };
    }
}
