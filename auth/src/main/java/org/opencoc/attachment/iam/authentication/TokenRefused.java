package org.opencoc.attachment.iam.authentication;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

/**
 * A bearer token that is not accepted (401). The reason is short, names the check that failed and is
 * safe to log and to send. It carries no stack trace: refusing a token is an expected outcome, and a
 * trace per forged token would be both slow and a log-flooding lever.
 */
public final class TokenRefused extends AttachmentException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public TokenRefused(String reason) {
        super(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required: " + reason + ".");
        this.reason = reason;
    }

    /** What was wrong with the token, e.g. {@code the signature does not verify}. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
