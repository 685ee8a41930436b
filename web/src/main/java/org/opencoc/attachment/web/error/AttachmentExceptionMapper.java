package org.opencoc.attachment.web.error;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

/** Maps the domain exception family to its status and the envelope; storage failures are logged. */
@Provider
public class AttachmentExceptionMapper implements ExceptionMapper<AttachmentException> {

    private static final Logger LOG = Logger.getLogger(AttachmentExceptionMapper.class.getName());

    @Override
    public Response toResponse(AttachmentException e) {
        if (e.errorCode() == ErrorCode.STORAGE_UNAVAILABLE) {
            LOG.log(Level.WARNING, "Attachment storage failed", e);
        }
        return ErrorResponses.of(e.errorCode(), e.getMessage());
    }
}
