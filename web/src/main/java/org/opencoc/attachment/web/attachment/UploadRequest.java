package org.opencoc.attachment.web.attachment;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.opencoc.attachment.request.PathParameters;

/**
 * What both upload calls read from the request besides its body ({@code @BeanParam}): the same path
 * parameter and headers, declared once. Created by JAX-RS for each upload.
 */
public class UploadRequest {

    /** The raw {@code ticket_type} path parameter (only {@code incident} is accepted). */
    @PathParam(PathParameters.TICKET_TYPE)
    String ticketType;

    /** The request's {@code Content-Type}, or {@code null}. */
    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    /** The request's {@code Content-Length}, or {@code null} when chunked. */
    @HeaderParam(HttpHeaders.CONTENT_LENGTH)
    String contentLength;

    /** The request's {@code Content-Digest}, or {@code null}. */
    @HeaderParam("Content-Digest")
    String contentDigest;

    /** The request, for its caller and the audit line. */
    @Context
    ContainerRequestContext context;
}
