package org.opencoc.attachment.web.attachment;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.opencoc.attachment.api.UploadResponse;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.iam.boundary.CurrentCaller;
import org.opencoc.attachment.iam.boundary.RequiresAction;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.request.PathParameters;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.web.conditional.ConditionalRequest;

/**
 * {@code /v1/{ticket_type}/attachments}: upload evidence to a ticket type and download it by id.
 * Validates and converts, then delegates: an upload to {@link Uploads}, a download to the store (only
 * an attachment of the caller's account under this ticket type is found) and {@link DownloadResponses},
 * which assembles the answer. Authorization has already run ({@link RequiresAction}) when a method
 * starts, so a refused request never has its body read.
 *
 * <p>One instance serves every request: it holds no request state (the caller comes from the request,
 * {@link CurrentCaller#of}), so a request creates no CDI bean instance for it.
 */
@ApplicationScoped
@Path("{" + PathParameters.TICKET_TYPE + "}/attachments")
public class AttachmentsResource {

    @Inject
    Uploads uploads;

    @Inject
    AttachmentStore store;

    @Inject
    DownloadResponses downloads;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAction(RequiresAction.UPLOAD_FILE)
    public UploadResponse upload(@BeanParam UploadRequest request, InputStream body) {
        AttachmentMetadata stored = uploads.receive(request, body);
        return UploadResponse.of(stored.docId().value(), stored.fileName().value());
    }

    /**
     * Accept is advisory here (RFC 9110 §12.5.1): the representation is the stored file, served as
     * {@code application/octet-stream} whatever the client accepts, so a generated client that sends
     * {@code Accept: application/json} (because the errors are JSON) gets the file, not a 406. Errors
     * are the JSON envelope whatever the Accept.
     */
    @GET
    @Path("{" + PathParameters.DOC_ID + "}")
    @Produces(MediaType.WILDCARD)
    @RequiresAction(RequiresAction.DOWNLOAD_FILE)
    public Response download(@PathParam(PathParameters.TICKET_TYPE) String ticketType,
                             @PathParam(PathParameters.DOC_ID) String docId,
                             @Context ContainerRequestContext request) {
        return serve(ConditionalRequest.Method.GET, ticketType, docId, request);
    }

    @HEAD
    @Path("{" + PathParameters.DOC_ID + "}")
    @Produces(MediaType.WILDCARD)
    @RequiresAction(RequiresAction.DOWNLOAD_FILE)
    public Response head(@PathParam(PathParameters.TICKET_TYPE) String ticketType,
                         @PathParam(PathParameters.DOC_ID) String docId,
                         @Context ContainerRequestContext request) {
        return serve(ConditionalRequest.Method.HEAD, ticketType, docId, request);
    }

    /** One injected request context per call, not two: each {@code @Context} argument is a lookup per request. */
    private Response serve(ConditionalRequest.Method method, String ticketType, String docId,
                           ContainerRequestContext context) {
        String domain = CurrentCaller.of(context).domainId();
        TicketType type = TicketType.parse(ticketType);
        DocId id = DocId.parse(docId);
        AttachmentMetadata attachment = store.find(id)
                .filter(found -> found.ownedBy(domain) && found.ticketType() == type)
                .orElseThrow(AttachmentException::notFound);
        return downloads.of(method, attachment, context);
    }
}
