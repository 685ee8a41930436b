package org.opencoc.attachment.iam.boundary;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

/**
 * An action the caller's policies do not allow (403, {@code Policy doesn't allow <action> to be
 * performed.}). Without a stack trace: a denial is an expected answer, not a failure to debug.
 */
final class AccessDenied extends AttachmentException {

    private static final long serialVersionUID = 1L;

    AccessDenied(String action) {
        super(ErrorCode.ACCESS_DENIED, "Policy doesn't allow " + action + " to be performed.");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
