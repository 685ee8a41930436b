package org.opencoc.attachment.web.error;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.request.RequestId;

/**
 * The error page of the web container ({@code WEB-INF/web.xml}): errors raised outside JAX-RS (an
 * unknown path, a request the container itself refuses) are answered with the JSON envelope instead
 * of the container's HTML page. The status stays the container's; this only picks the code and the
 * message ({@link ServletEnvelopes} adds the headers of the status). Tokens are checked inside JAX-RS,
 * so their 401 never comes here; the 401 case stays for a container-level refusal.
 */
@WebServlet(name = "container-errors", urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    public static final String PATH = "/container-error";

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        Answer answer = switch (status) {
            case 401 -> new Answer(ErrorCode.UNAUTHENTICATED,
                    "A valid bearer token is required (missing, expired or not trusted).");
            case 403 -> new Answer(ErrorCode.ACCESS_DENIED, "Access denied.");
            case 404 -> new Answer(ErrorCode.NOT_FOUND, "No such resource.");
            case 501, 505 -> new Answer(ErrorCode.INVALID_PARAMETER,
                    "The request method or protocol version is not supported.");
            case 503 -> new Answer(ErrorCode.STORAGE_UNAVAILABLE, "The service is unavailable; retry later.");
            default -> status >= 500
                    ? new Answer(ErrorCode.INTERNAL_ERROR,
                            "Unexpected server error; request id " + request.getAttribute(RequestId.ATTRIBUTE) + ".")
                    : new Answer(ErrorCode.INVALID_PARAMETER, "The request was refused.");
        };
        ServletEnvelopes.write(response, status, answer.code(), answer.message());
    }

    /** The code and message the envelope of a container status carries. */
    private record Answer(ErrorCode code, String message) {
    }
}
