package org.opencoc.attachment.web.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.error.ErrorCode;

/**
 * Maps what JAX-RS itself refuses (an unknown path, a method not allowed, an unacceptable media type)
 * to the envelope, keeping JAX-RS's status: 404 uses the not-found code, other client errors the
 * parameter code.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Request refused" : type.getReasonPhrase();
        Response response;
        if (status == 404) {
            response = ErrorResponses.of(404, ErrorCode.NOT_FOUND, "No such resource.");
        } else if (status >= 500) {
            response = ErrorResponses.of(status, ErrorCode.INTERNAL_ERROR, reason + ".");
        } else {
            response = ErrorResponses.of(status, ErrorCode.INVALID_PARAMETER, reason + ".");
        }
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(response).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return response;
    }
}
