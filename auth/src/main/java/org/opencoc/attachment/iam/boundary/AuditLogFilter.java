package org.opencoc.attachment.iam.boundary;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes one structured (JSON) audit line per authorization decision, once the response status is
 * known, to the {@code org.opencoc.attachment.audit} logger: time, request id, principal URN, domain,
 * action, doc_id, decision, the policy and statement that decided, and the HTTP status.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuditLogFilter implements ContainerResponseFilter {

    /** The logger audit lines go to; route it to its own file in production. */
    public static final String LOGGER = "org.opencoc.attachment.audit";

    private static final Logger AUDIT = Logger.getLogger(LOGGER);
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Clock clock;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(AuditRecord.PROPERTY) instanceof AuditRecord record)) {
            return;
        }
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", clock.instant().toString())
                .add("request_id", String.valueOf(request.getProperty(RequestId.ATTRIBUTE)))
                .add("principal", record.caller().urn())
                .add("domain", record.caller().domainId())
                .add("action", record.action())
                .add("doc_id", docId(request))
                .add("decision", record.decision())
                .add("policy", record.policy())
                .add("statement", record.statement())
                .add("status", response.getStatus());
        AUDIT.info(line.build().toString());
    }

    private static String docId(ContainerRequestContext request) {
        Object uploaded = request.getProperty(AuditRecord.DOC_ID_PROPERTY);
        if (uploaded != null) {
            return uploaded.toString();
        }
        List<String> fromPath = request.getUriInfo().getPathParameters().get("doc_id");
        return fromPath == null || fromPath.isEmpty() ? "" : fromPath.get(0);
    }

    /** Marks the doc_id of a new upload for the audit line of this request. */
    public static void recordUpload(ContainerRequestContext request, String docId) {
        request.setProperty(AuditRecord.DOC_ID_PROPERTY, docId);
    }
}
