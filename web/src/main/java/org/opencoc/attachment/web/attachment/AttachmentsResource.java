package org.opencoc.attachment.web.attachment;

import java.io.InputStream;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.api.UploadResponse;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.boundary.AuditLogFilter;
import org.opencoc.attachment.iam.boundary.CurrentCaller;
import org.opencoc.attachment.iam.boundary.RequiresAction;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.upload.AttachmentUploader;
import org.opencoc.attachment.upload.ContentDigest;

/**
 * {@code /v1/{ticket_type}/attachments}: upload evidence to a ticket type and download it by id.
 * Validates and converts, then delegates to the uploader and the store; authorization has already run
 * ({@link RequiresAction}) when a method starts, so a refused request never has its body read.
 */
@RequestScoped
@Path("{ticket_type}/attachments")
public class AttachmentsResource {

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Inject
    AttachmentUploader uploader;

    @Inject
    AttachmentStore store;

    @Inject
    CurrentCaller currentCaller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAction(RequiresAction.UPLOAD_FILE)
    @Operation(summary = "Upload an attachment", description = "multipart/form-data with one part named 'file'.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = UploadResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid parameter or checksum mismatch",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "413", description = "File too large",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "415", description = "File type not allowed",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    public UploadResponse upload(@PathParam("ticket_type") @Parameter(example = "incident") String ticketType,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                                 @HeaderParam("Content-Digest") String requestDigest,
                                 @Context ContainerRequestContext request,
                                 InputStream body) {
        TicketType type = TicketType.parse(ticketType);
        long maxBytes = uploader.rules().maxBytes();
        long length = parseLength(contentLength);
        if (length > maxBytes + MultipartUpload.FRAMING_ALLOWANCE) {
            throw AttachmentException.tooLarge(maxBytes);
        }
        var requestLevelDigest = ContentDigest.parse(requestDigest);
        Caller caller = currentCaller.get();
        try (var file = MultipartUpload.read(contentType == null ? "" : contentType, length, body, maxBytes,
                uploader::receive)) {
            var digest = file.digest().or(() -> requestLevelDigest);
            AttachmentMetadata stored = uploader.publish(file.staged(), file.name(), type, digest,
                    caller.domainId(), caller.urn());
            AuditLogFilter.recordUpload(request, stored.docId().value());
            return UploadResponse.of(stored.docId().value(), stored.fileName().value());
        }
    }

    @GET
    @Path("{doc_id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RequiresAction(RequiresAction.DOWNLOAD_FILE)
    @Operation(summary = "Download an attachment")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM))
    @APIResponse(responseCode = "404", description = "No such attachment in the caller's account",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    public Response download(@PathParam("ticket_type") String ticketType, @PathParam("doc_id") String docId) {
        AttachmentMetadata attachment = findOwned(ticketType, docId);
        StreamingOutput body = out -> {
            try (InputStream in = store.open(attachment, 0, attachment.size())) {
                in.transferTo(out);
            }
        };
        return headers(Response.ok(body), attachment).header(HttpHeaders.CONTENT_LENGTH, attachment.size()).build();
    }

    @HEAD
    @Path("{doc_id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RequiresAction(RequiresAction.DOWNLOAD_FILE)
    @Operation(summary = "Headers of an attachment, as GET would send them")
    public Response head(@PathParam("ticket_type") String ticketType, @PathParam("doc_id") String docId) {
        AttachmentMetadata attachment = findOwned(ticketType, docId);
        return headers(Response.ok(), attachment).header(HttpHeaders.CONTENT_LENGTH, attachment.size()).build();
    }

    private AttachmentMetadata findOwned(String ticketType, String docId) {
        TicketType type = TicketType.parse(ticketType);
        DocId id = DocId.parse(docId);
        String domain = currentCaller.get().domainId();
        return store.find(id)
                .filter(found -> found.ownedBy(domain) && found.ticketType() == type)
                .orElseThrow(AttachmentException::notFound);
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder response, AttachmentMetadata attachment) {
        return response
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", ContentDisposition.attachment(attachment.fileName().value()))
                .header(HttpHeaders.ETAG, attachment.entityTag())
                .header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(attachment.createdAt()))
                .header("Accept-Ranges", "bytes")
                .header("Repr-Digest", "sha-256=:" + attachment.sha256Base64() + ":")
                .header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    }

    private static long parseLength(String contentLength) {
        if (contentLength == null || contentLength.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            throw AttachmentException.invalidParameter("Content-Length is not a number.");
        }
    }
}
