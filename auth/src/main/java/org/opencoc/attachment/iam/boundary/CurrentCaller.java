package org.opencoc.attachment.iam.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.opencoc.attachment.iam.Caller;

/**
 * The caller of the current request, set by {@link ActionAuthorizationFilter} once the caller is
 * authenticated and authorized; resources read it to scope attachments to the caller's account.
 *
 * <p>The caller is a property of the request ({@link #PROPERTY}), not a request-scoped bean, so the
 * resources can be application-scoped and a request creates no CDI bean instance on the hot path.
 */
public final class CurrentCaller {

    /** The request property with the authorized {@link Caller}. */
    public static final String PROPERTY = "org.opencoc.attachment.iam.caller";

    private CurrentCaller() {
    }

    /** The authorized caller of {@code request}; an {@link IllegalStateException} outside an authorized request. */
    public static Caller of(ContainerRequestContext request) {
        if (request.getProperty(PROPERTY) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("No authorized caller on this request");
    }

    static void set(ContainerRequestContext request, Caller caller) {
        request.setProperty(PROPERTY, caller);
    }
}
