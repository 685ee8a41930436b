package org.opencoc.attachment.iam.boundary;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.iam.Caller;

/**
 * Enforces the action a resource method names with {@link RequiresAction}, after matching and before
 * the method (and so before its body is read). Unauthenticated requests are refused with 401; a
 * denied action with 403 and {@code Policy doesn't allow <action> to be performed.}; a method that
 * names no action is denied to everyone.
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

    @Context
    ResourceInfo resourceInfo;

    @Inject
    JsonWebToken jwt;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AccessDecisions decisions;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    Clock clock;

    /** The same leeway MP-JWT applies to {@code exp}. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long clockSkewSeconds;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new AttachmentException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required.");
        }
        JwtCallers.requireNotBefore(jwt, clock.instant(), Duration.ofSeconds(clockSkewSeconds));
        Caller caller = JwtCallers.from(jwt);
        RequiresAction required = resourceInfo.getResourceMethod().getAnnotation(RequiresAction.class);
        String action = required == null ? null : required.value();
        String sourceIp = decisions.sourceAddress(servletRequest.getRemoteAddr(),
                request.getHeaderString("X-Forwarded-For"));
        String ticketType = request.getUriInfo().getPathParameters().getFirst("ticket_type");
        AuditRecord decision = decisions.decide(caller, jwt, action, sourceIp, ticketType);
        request.setProperty(AuditRecord.PROPERTY, decision);
        request.setProperty(DECISION_PROPERTY, decision.decision());
        if (!decision.allowed()) {
            throw new AttachmentException(ErrorCode.ACCESS_DENIED,
                    "Policy doesn't allow " + decision.action() + " to be performed.");
        }
        currentCaller.set(caller);
    }
}
