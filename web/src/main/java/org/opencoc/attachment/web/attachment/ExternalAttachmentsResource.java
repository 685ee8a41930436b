package org.opencoc.attachment.web.attachment;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.opencoc.attachment.api.ExternalUploadResponse;
import org.opencoc.attachment.iam.boundary.RequiresAction;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.request.PathParameters;

/**
 * {@code POST /v1/external/incident/attachments}: the cloud's second upload call
 * (CreateExternalCocAttachment). Same action, {@code file} part, types, limit and implementation as
 * {@link AttachmentsResource#upload}; only the 200 body has the other shape
 * ({@link ExternalUploadResponse}). The ticket type is part of the path, so it is a path parameter
 * fixed to {@code incident}: the IAM context key {@code coc:TicketType} is {@code incident} here too.
 */
@ApplicationScoped
@Path("external/{" + PathParameters.TICKET_TYPE + ": incident}/attachments")
public class ExternalAttachmentsResource {

    @Inject
    Uploads uploads;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAction(RequiresAction.UPLOAD_FILE)
    public ExternalUploadResponse upload(@BeanParam UploadRequest request, InputStream body) {
        AttachmentMetadata stored = uploads.receive(request, body);
        return ExternalUploadResponse.of(stored.docId().value(), stored.fileName().value());
    }
}
