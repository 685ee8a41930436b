package org.opencoc.attachment.iam.boundary;

import java.io.IOException;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.authentication.RequestToken;
import org.opencoc.attachment.iam.authentication.TokenRefused;
import org.opencoc.attachment.iam.authentication.VerifiedToken;
import org.opencoc.attachment.request.PathParameters;

/**
 * Enforces the action a resource method names with {@link RequiresAction}, after matching and before
 * the method (and so before its body is read). An unauthenticated request is refused with
 * {@link TokenRefused}, a denied action with {@link AccessDenied}; a method that names no action is
 * denied to everyone. The web layer's exception mappers answer both; the audit line of a denial is
 * written once that answer's status is known ({@link AuditLogFilter}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ActionAuthorizationFilter implements ContainerRequestFilter {

    /**
     * The request property with this request's decision, {@code allow}, {@code explicit_deny} or
     * {@code implicit_deny} (absent when the request was not authenticated). In a servlet container it
     * is also a request attribute; the metrics read it there.
     */
    public static final String DECISION_PROPERTY = "org.opencoc.attachment.iam.decision";

    @Inject
    AccessDecisions decisions;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        VerifiedToken token = RequestToken.of(request)
                .orElseThrow(() -> new TokenRefused("the request has no bearer token"));
        Caller caller = token.caller();
        String action = RequiredActions.of(request);
        String sourceIp = decisions.sourceAddress(peerAddress(request), request.getHeaderString("X-Forwarded-For"));
        String ticketType = request.getUriInfo().getPathParameters().getFirst(PathParameters.TICKET_TYPE);
        AuditRecord decision = decisions.decide(token, action, sourceIp, ticketType);
        request.setProperty(AuditRecord.PROPERTY, decision);
        request.setProperty(DECISION_PROPERTY, decision.decision());
        if (!decision.allowed()) {
            throw new AccessDenied(decision.action());
        }
        CurrentCaller.set(request, caller);
    }

    /**
     * The socket peer: from the request attribute the web layer's first servlet filter sets
     * ({@link SourceAddresses#PEER_ATTRIBUTE}, a plain read), else from the injected servlet request,
     * whose proxy resolves the current request on every call.
     */
    private String peerAddress(ContainerRequestContext request) {
        return request.getProperty(SourceAddresses.PEER_ATTRIBUTE) instanceof String peer ? peer
                : servletRequest.getRemoteAddr();
    }
}
