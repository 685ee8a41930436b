package org.opencoc.attachment.iam.boundary;

import jakarta.enterprise.context.RequestScoped;

import org.opencoc.attachment.iam.Caller;

/**
 * The caller of the current request, set by {@link ActionAuthorizationFilter} once the caller is
 * authenticated and authorized; resources read it to scope attachments to the caller's account.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    /** The authorized caller; an {@link IllegalStateException} outside an authorized request. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("No authorized caller on this request");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
