package org.opencoc.attachment.iam.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.iam.Caller;

/**
 * Decides whether a caller may perform an action and records the decision for the audit line.
 * Accounts may do everything; users are denied until their policies are evaluated (fail closed).
 */
@ApplicationScoped
public class AccessDecisions {

    void enforce(Caller caller, JsonWebToken jwt, String action, boolean actionDeclared,
                 ContainerRequestContext request) {
        AuditRecord record;
        if (!actionDeclared) {
            record = AuditRecord.implicitDeny(caller, action, "the resource method names no action");
        } else if (caller.type() == Caller.PrincipalType.ACCOUNT) {
            record = AuditRecord.allow(caller, action, "account principal", "");
        } else {
            record = AuditRecord.implicitDeny(caller, action, "no policy allows the action");
        }
        request.setProperty(AuditRecord.PROPERTY, record);
        if (!record.allowed()) {
            throw new AttachmentException(ErrorCode.ACCESS_DENIED,
                    "Policy doesn't allow " + action + " to be performed.");
        }
    }
}
