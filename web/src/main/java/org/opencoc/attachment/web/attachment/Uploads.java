package org.opencoc.attachment.web.attachment;

import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.boundary.AuditLogFilter;
import org.opencoc.attachment.iam.boundary.CurrentCaller;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.upload.AttachmentUploader;
import org.opencoc.attachment.upload.Upload;
import org.opencoc.attachment.web.metrics.ServiceMetrics;

/**
 * The one upload implementation behind both upload calls ({@code POST /v1/{ticket_type}/attachments}
 * and {@code POST /v1/external/incident/attachments}): the same {@code file} part, types, size limit,
 * optional {@code Content-Digest} and storage, so an attachment uploaded by either call is the same
 * thing and downloads through the one download call. Only the shape of the 200 body differs, and that
 * is the caller's business.
 *
 * <p>Only HTTP happens here: the headers are parsed, the multipart body is streamed into one
 * {@link Upload} of core (which owns the limits, the digest precedence and the publish), and the
 * outcome is recorded for the audit log and the metrics.
 */
@ApplicationScoped
public class Uploads {

    @Inject
    AttachmentUploader uploader;

    @Inject
    ServiceMetrics metrics;

    /**
     * Streams the multipart body's {@code file} part into an upload for the current caller and
     * publishes it. A {@code Content-Length} over the limit (plus framing) is refused before anything
     * is read.
     *
     * @param request the path parameter, headers and context of the upload call
     * @param body    the request body
     * @return the metadata of the published attachment
     */
    public AttachmentMetadata receive(UploadRequest request, InputStream body) {
        TicketType type = TicketType.parse(request.ticketType);
        long length = parseLength(request.contentLength);
        Caller caller = CurrentCaller.of(request.context);
        try (Upload upload = uploader.begin(type, caller.domainId(), caller.urn(), request.contentDigest, length)) {
            MultipartUpload.read(request.contentType == null ? "" : request.contentType, length, body, upload);
            AttachmentMetadata stored = upload.publish();
            AuditLogFilter.recordUpload(request.context, stored.docId().value());
            metrics.uploaded(stored.size());
            return stored;
        }
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
