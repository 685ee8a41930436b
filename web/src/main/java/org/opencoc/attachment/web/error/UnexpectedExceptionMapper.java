package org.opencoc.attachment.web.error;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.request.RequestId;

/**
 * The last resort: anything unexpected is logged with its stack trace and the request id, and answered
 * 500 with the request id in the message and nothing else.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable e) {
        Object requestId = request.getAttribute(RequestId.ATTRIBUTE);
        LOG.log(Level.SEVERE, e, () -> "Unexpected failure of request " + requestId);
        return ErrorResponses.of(ErrorCode.INTERNAL_ERROR,
                "Unexpected server error; request id " + requestId + ".");
    }
}
