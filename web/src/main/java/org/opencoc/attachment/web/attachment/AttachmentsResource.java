package org.opencoc.attachment.web.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
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

import org.opencoc.attachment.api.UploadResponse;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.iam.boundary.CurrentCaller;
import org.opencoc.attachment.iam.boundary.RequiresAction;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.request.PathParameters;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.web.conditional.ConditionalEvaluator;
import org.opencoc.attachment.web.conditional.ConditionalRequest;
import org.opencoc.attachment.web.conditional.Outcome;
import org.opencoc.attachment.web.conditional.Representation;
import org.opencoc.attachment.web.error.ErrorResponses;

/**
 * {@code /v1/{ticket_type}/attachments}: upload evidence to a ticket type and download it by id.
 * Validates and converts, then delegates to the uploader and the store; authorization has already run
 * ({@link RequiresAction}) when a method starts, so a refused request never has its body read.
 *
 * <p>One instance serves every request: it holds no request state (the caller comes from the request,
 * {@link CurrentCaller#of}), so a request creates no CDI bean instance for it.
 */
@ApplicationScoped
@Path("{ticket_type}/attachments")
public class AttachmentsResource {

    private static final Logger LOG = Logger.getLogger(AttachmentsResource.class.getName());
    private static final String CACHE_CONTROL = "private, no-cache";
    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    /**
     * The most bytes handed to the response in one write. Payara's HTTP layer blocks a write while the
     * connection's write queue is full (its size is set in {@code etc/payara-preboot.asadmin}) and gives
     * up after the transport's write timeout; a blocked write resumes once the client has taken about
     * this much. Keeping it small means a client that reads slowly but steadily (down to about
     * {@code WRITE_SLICE_BYTES} per write timeout, 8 KiB per 15 s by default) is served, and one that
     * stops reading is dropped.
     */
    private static final int WRITE_SLICE_BYTES = 8 * 1024;

    @Inject
    Clock clock;

    @Inject
    Uploads uploads;

    @Inject
    AttachmentStore store;

    private final RepresentationHeaders.Memo headers = new RepresentationHeaders.Memo();

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresAction(RequiresAction.UPLOAD_FILE)
    public UploadResponse upload(@PathParam(PathParameters.TICKET_TYPE) String ticketType,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                                 @HeaderParam("Content-Digest") String requestDigest,
                                 @Context ContainerRequestContext request,
                                 InputStream body) {
        AttachmentMetadata stored = uploads.receive(ticketType, contentType, contentLength, requestDigest, request, body);
        return UploadResponse.of(stored.docId().value(), stored.fileName().value());
    }

    /**
     * Accept is advisory here (RFC 9110 §12.5.1): the representation is the stored file, served as
     * {@code application/octet-stream} whatever the client accepts, so a generated client that sends
     * {@code Accept: application/json} (because the errors are JSON) gets the file, not a 406. Errors
     * are the JSON envelope whatever the Accept.
     */
    @GET
    @Path("{doc_id}")
    @Produces(MediaType.WILDCARD)
    @RequiresAction(RequiresAction.DOWNLOAD_FILE)
    public Response download(@PathParam(PathParameters.TICKET_TYPE) String ticketType, @PathParam(PathParameters.DOC_ID) String docId,
                             @Context ContainerRequestContext request) {
        return serve(ConditionalRequest.Method.GET, ticketType, docId, request);
    }

    @HEAD
    @Path("{doc_id}")
    @Produces(MediaType.WILDCARD)
    @RequiresAction(RequiresAction.DOWNLOAD_FILE)
    public Response head(@PathParam(PathParameters.TICKET_TYPE) String ticketType, @PathParam(PathParameters.DOC_ID) String docId,
                         @Context ContainerRequestContext request) {
        return serve(ConditionalRequest.Method.HEAD, ticketType, docId, request);
    }

    /** One injected request context per call, not two: each {@code @Context} argument is a lookup per request. */
    private Response serve(ConditionalRequest.Method method, String ticketType, String docId,
                           ContainerRequestContext context) {
        AttachmentMetadata attachment = findOwned(ticketType, docId, CurrentCaller.of(context).domainId());
        RepresentationHeaders values = headers.of(attachment);
        Representation representation = values.representation();
        ConditionalRequest request = new ConditionalRequest(method,
                context.getHeaderString(HttpHeaders.IF_MATCH),
                context.getHeaderString(HttpHeaders.IF_NONE_MATCH),
                context.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE),
                context.getHeaderString(HttpHeaders.IF_UNMODIFIED_SINCE),
                context.getHeaderString("Range"),
                context.getHeaderString("If-Range"));
        Outcome outcome = ConditionalEvaluator.evaluate(request, representation, clock.instant());
        boolean withBody = method == ConditionalRequest.Method.GET;
        if (outcome instanceof Outcome.Partial partial) {
            return representationHeaders(Response.status(206), values)
                    .header("Content-Range", partial.contentRange())
                    .header(HttpHeaders.CONTENT_LENGTH, partial.contentLength())
                    .entity(withBody ? body(attachment, partial.first(), partial.contentLength()) : null)
                    .build();
        }
        if (outcome instanceof Outcome.NotModified) {
            return Response.notModified()
                    .header(HttpHeaders.ETAG, representation.entityTag())
                    .header(HttpHeaders.LAST_MODIFIED, values.lastModified())
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .build();
        }
        if (outcome instanceof Outcome.PreconditionFailed) {
            throw new AttachmentException(ErrorCode.PRECONDITION_FAILED, "A precondition of the request does not hold.");
        }
        if (outcome instanceof Outcome.RangeNotSatisfiable unsatisfiable) {
            return Response.fromResponse(ErrorResponses.of(ErrorCode.RANGE_NOT_SATISFIABLE,
                            "The requested range is not satisfiable; the attachment has " + attachment.size() + " bytes."))
                    .header("Content-Range", unsatisfiable.contentRange())
                    .build();
        }
        return representationHeaders(Response.ok(), values)
                .header(HttpHeaders.CONTENT_LENGTH, attachment.size())
                .entity(withBody ? body(attachment, 0, attachment.size()) : null)
                .build();
    }

    /**
     * Streams {@code length} bytes from {@code offset} in constant memory, whatever the client's speed:
     * each write blocks while the connection's bounded write queue is full (back-pressure), so at most
     * the copy buffer and that queue are held per download. A client that goes away mid-transfer, or
     * stops reading until the write timeout drops it, is an ordinary event: the copy stops, the storage
     * stream is closed, nothing is logged above FINE, and the thread is free at once.
     *
     * <p>The content is opened here, before the response is built, so a store that cannot serve it (an
     * outage, content missing) answers with its error envelope and status like any other storage error,
     * also when the metadata came from the cache; the body closes the stream when it is done.
     */
    private StreamingOutput body(AttachmentMetadata attachment, long offset, long length) {
        InputStream content = store.open(attachment, offset, length);
        return out -> {
            try (InputStream in = content) {
                // most attachments are small: a buffer no larger than the body spares allocating and zeroing 64 KiB each
                byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER_BYTES, length))];
                int n;
                while ((n = read(in, buffer, attachment)) >= 0) {
                    try {
                        for (int written = 0; written < n; written += WRITE_SLICE_BYTES) {
                            out.write(buffer, written, Math.min(WRITE_SLICE_BYTES, n - written));
                        }
                    } catch (IOException clientGone) {
                        LOG.log(Level.FINE, "Client went away (or stopped reading) during a download", clientGone);
                        return;
                    }
                }
            }
        };
    }

    /** Reads from storage; a failure here is the server's, so it is logged before the response is abandoned. */
    private static int read(InputStream in, byte[] buffer, AttachmentMetadata attachment) throws IOException {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Reading attachment " + attachment.docId()
                    + " from storage failed during a download; the response is cut short");
            throw e;
        }
    }

    private AttachmentMetadata findOwned(String ticketType, String docId, String domain) {
        TicketType type = TicketType.parse(ticketType);
        DocId id = DocId.parse(docId);
        return store.find(id)
                .filter(found -> found.ownedBy(domain) && found.ticketType() == type)
                .orElseThrow(AttachmentException::notFound);
    }

    private static Response.ResponseBuilder representationHeaders(Response.ResponseBuilder response,
                                                                  RepresentationHeaders values) {
        return response
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", values.contentDisposition())
                .header(HttpHeaders.ETAG, values.representation().entityTag())
                .header(HttpHeaders.LAST_MODIFIED, values.lastModified())
                .header("Accept-Ranges", "bytes")
                .header("Repr-Digest", values.reprDigest())
                .header("Content-Security-Policy", "sandbox")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
