package org.opencoc.attachment.web.error;

import java.io.IOException;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.request.RequestId;

/**
 * The error page of the web container ({@code WEB-INF/web.xml}): errors raised outside JAX-RS (an
 * unknown path, a request the container itself refuses) are answered with the JSON envelope instead
 * of the container's HTML page. Tokens are checked inside JAX-RS, so their 401 never comes here; the
 * 401 case stays for a container-level refusal.
 */
@WebServlet(name = "container-errors", urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    public static final String PATH = "/container-error";

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        ErrorEnvelope envelope = switch (status) {
            case 401 -> {
                response.setHeader("WWW-Authenticate", ErrorResponses.BEARER_CHALLENGE);
                yield ErrorEnvelope.of(ErrorCode.UNAUTHENTICATED.code(),
                        "A valid bearer token is required (missing, expired or not trusted).");
            }
            case 403 -> ErrorEnvelope.of(ErrorCode.ACCESS_DENIED.code(), "Access denied.");
            case 404 -> ErrorEnvelope.of(ErrorCode.NOT_FOUND.code(), "No such resource.");
            case 501, 505 -> ErrorEnvelope.of(ErrorCode.INVALID_PARAMETER.code(),
                    "The request method or protocol version is not supported.");
            case 503 -> {
                response.setHeader("Retry-After", ErrorResponses.RETRY_AFTER_SECONDS);
                yield ErrorEnvelope.of(ErrorCode.STORAGE_UNAVAILABLE.code(), "The service is unavailable; retry later.");
            }
            default -> status >= 500
                    ? ErrorEnvelope.of(ErrorCode.INTERNAL_ERROR.code(),
                            "Unexpected server error; request id " + request.getAttribute(RequestId.ATTRIBUTE) + ".")
                    : ErrorEnvelope.of(ErrorCode.INVALID_PARAMETER.code(), "The request was refused.");
        };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSONB.toJson(envelope, response.getWriter());
    }
}
