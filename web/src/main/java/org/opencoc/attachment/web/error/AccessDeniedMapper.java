package org.opencoc.attachment.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.iam.boundary.AccessDenied;

/** Answers an action the caller's policies do not allow, thrown by the IAM request filter, as denied. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<AccessDenied> {

    @Override
    public Response toResponse(AccessDenied e) {
        return ErrorResponses.of(ErrorCode.ACCESS_DENIED, e.getMessage());
    }
}
