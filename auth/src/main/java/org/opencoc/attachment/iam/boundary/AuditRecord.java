package org.opencoc.attachment.iam.boundary;

import org.opencoc.attachment.iam.Caller;

/**
 * One authorization decision, kept on the request until the response status is known and then written
 * as one audit line by {@link AuditLogFilter}. Public only because {@link AccessDecisions#decide} returns
 * it (see there); nothing outside this package creates or reads one.
 *
 * @param caller    who asked
 * @param action    what was asked
 * @param decision  {@code allow}, {@code explicit_deny} or {@code implicit_deny}
 * @param policy    the policy that decided (empty when none did)
 * @param statement the statement that decided (Sid or index; empty when none did)
 */
public record AuditRecord(Caller caller, String action, String decision, String policy, String statement) {

    /** The request property that carries the record. */
    static final String PROPERTY = AuditRecord.class.getName();

    /** The request property the resource sets to the doc_id of a new upload. */
    static final String DOC_ID_PROPERTY = "org.opencoc.attachment.audit.docId";

    static AuditRecord allow(Caller caller, String action, String policy, String statement) {
        return new AuditRecord(caller, action, "allow", policy, statement);
    }

    static AuditRecord implicitDeny(Caller caller, String action, String reason) {
        return new AuditRecord(caller, action, "implicit_deny", reason, "");
    }

    static AuditRecord explicitDeny(Caller caller, String action, String policy, String statement) {
        return new AuditRecord(caller, action, "explicit_deny", policy, statement);
    }

    boolean allowed() {
        return "allow".equals(decision);
    }
}
