package org.opencoc.attachment.iam.boundary;

import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.request.PathParameters;
import org.opencoc.attachment.request.RequestId;

/**
 * Writes one structured audit line per authorization decision, once the response status is known, to
 * the {@code org.opencoc.attachment.audit} logger: time, request id, principal URN, domain, action,
 * doc_id, decision, the policy and statement that decided, and the HTTP status. The line is a
 * {@code key=value} message for the human log format and the same fields as top-level keys in the JSON
 * format ({@link AuditLine}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuditLogFilter implements ContainerResponseFilter {

    /** The logger audit lines go to; route it to its own file in production. */
    public static final String LOGGER = "org.opencoc.attachment.audit";

    private static final Logger AUDIT = Logger.getLogger(LOGGER);

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(AuditRecord.PROPERTY) instanceof AuditRecord record)) {
            return;
        }
        if (!AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        AuditLine line = AuditLine.of(record, clock.instant(), String.valueOf(request.getProperty(RequestId.ATTRIBUTE)),
                docId(request), response.getStatus());
        AUDIT.log(line.toLogRecord(LOGGER));
    }

    private static String docId(ContainerRequestContext request) {
        Object uploaded = request.getProperty(AuditRecord.DOC_ID_PROPERTY);
        if (uploaded != null) {
            return uploaded.toString();
        }
        List<String> fromPath = request.getUriInfo().getPathParameters().get(PathParameters.DOC_ID);
        return fromPath == null || fromPath.isEmpty() ? "" : fromPath.get(0);
    }

    /** Marks the doc_id of a new upload for the audit line of this request. */
    public static void recordUpload(ContainerRequestContext request, String docId) {
        request.setProperty(AuditRecord.DOC_ID_PROPERTY, docId);
    }
}
