package org.opencoc.attachment.web.grizzly;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The error envelope of a refusal in the HTTP layer, written without JSON-B (this jar carries nothing
 * but Grizzly): {@code GOM.00007256} with a fixed, plain-ASCII message, and a new request id since the
 * request never got as far as the application's {@code RequestIdFilter}. The status is the HTTP
 * parser's. The jar cannot see the application's classes, so the code, the provider code and the
 * header name are copies here; {@code RefusalEnvelopeTest} holds them to their one definition
 * ({@code ErrorCode}, {@code ErrorEnvelope}, {@code RequestId}).
 */
final class RefusalEnvelope {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String CONTENT_TYPE = "application/json";

    private static final String PARAMETER_ERROR = "GOM.00007256";

    private RefusalEnvelope() {
    }

    /** The body; {@code message} must be plain ASCII without quotes or backslashes. */
    static byte[] body(String message) {
        return ("{\"provider_code\":\"049\",\"error_code\":\"" + PARAMETER_ERROR + "\",\"error_msg\":\""
                + message + "\",\"data\":null}").getBytes(StandardCharsets.US_ASCII);
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** What the client is told for a status the HTTP parser answers. */
    static String message(int status) {
        return switch (status) {
            case 505 -> "The HTTP version of the request is not supported.";
            case 408 -> "The request was not received in time.";
            case 414 -> "The request line is longer than the server accepts.";
            case 431 -> "The request header fields are larger than the server accepts.";
            default -> "The request is malformed: its request line, headers or body framing are not valid HTTP/1.1.";
        };
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Bad Request" : "Error";
        };
    }

    /** A complete response that closes the connection. */
    static byte[] rawResponse(int status) {
        byte[] body = body(message(status));
        String head = "HTTP/1.1 " + status + " " + reasonPhrase(status) + "\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + REQUEST_ID_HEADER + ": " + newRequestId() + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }
}
