package org.opencoc.attachment.iam.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the IAM action a resource method performs, e.g. {@code coc:ticket:uploadFile}. The
 * {@link ActionAuthorizationFilter} evaluates the caller's policies for it before the request body is
 * read. A resource method without this annotation is denied to everyone: each method is opened
 * explicitly.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresAction {

    /** Upload an attachment (Write). */
    String UPLOAD_FILE = "coc:ticket:uploadFile";

    /** Download an attachment (Read). */
    String DOWNLOAD_FILE = "coc:ticket:downloadFile";

    /** The action, {@code service:type:operation}. */
    String value();
}
