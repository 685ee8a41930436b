package org.opencoc.attachment.iam.authentication;

/**
 * A request whose bearer token is missing or not accepted; the web layer answers it as
 * unauthenticated ({@code GOM.00007260}, with a {@code WWW-Authenticate} challenge). The message,
 * {@code A valid bearer token is required: <reason>.}, is safe to send; the reason is short, names
 * the check that failed and is safe to log. It carries no stack trace: refusing a token is an
 * expected outcome, and a trace per forged token would be both slow and a log-flooding lever.
 */
public final class TokenRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public TokenRefused(String reason) {
        super("A valid bearer token is required: " + reason + ".", null, false, false);
        this.reason = reason;
    }

    /** What was wrong with the token, e.g. {@code the signature does not verify}. */
    public String reason() {
        return reason;
    }
}
