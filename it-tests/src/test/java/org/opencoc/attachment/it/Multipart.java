package org.opencoc.attachment.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds {@code multipart/form-data} bodies byte by byte, so tests control exactly what goes on the
 * wire (odd file names, duplicate parts, part headers).
 */
public final class Multipart {

    private final String boundary = "----it-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** The {@code Content-Type} header value for this body. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Adds a file part with a raw {@code Content-Disposition} file name parameter (written as given, UTF-8). */
    public Multipart file(String field, String fileName, byte[] content) {
        return part("form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"", "", content);
    }

    /** Adds a file part with extra part header lines (each ending in CRLF). */
    public Multipart file(String field, String fileName, byte[] content, String extraHeaders) {
        return part("form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"", extraHeaders, content);
    }

    /** Adds a part with an arbitrary {@code Content-Disposition} value. */
    public Multipart part(String disposition, String extraHeaders, byte[] content) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: " + disposition + "\r\n");
        write(extraHeaders);
        write("Content-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** Adds a plain form field. */
    public Multipart field(String name, String value) {
        write("--" + boundary + "\r\n");
        write("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value + "\r\n");
        return this;
    }

    /** The complete body, closing delimiter included. */
    public byte[] build() {
        ByteArrayOutputStream complete = new ByteArrayOutputStream();
        complete.writeBytes(body.toByteArray());
        complete.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return complete.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
