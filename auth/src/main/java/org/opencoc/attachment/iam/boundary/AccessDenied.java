package org.opencoc.attachment.iam.boundary;

/**
 * An action the caller's policies do not allow; the web layer answers it as denied
 * ({@code GOM.00007261}) with this message, {@code Policy doesn't allow <action> to be performed.}.
 * Without a stack trace: a denial is an expected answer, not a failure to debug. Only
 * {@link ActionAuthorizationFilter} throws it.
 */
public final class AccessDenied extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AccessDenied(String action) {
        super("Policy doesn't allow " + action + " to be performed.", null, false, false);
    }
}
