package org.opencoc.attachment.it.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 on a plain socket, for clients that misbehave on purpose: pace their reads or writes, stop
 * reading, or never finish their request head.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A response head: status and headers (names lower case). */
    record Head(int status, Map<String, String> headers) {

        long contentLength() {
            return Long.parseLong(headers.getOrDefault("content-length", "-1"));
        }
    }

    /**
     * A socket to {@code base} with a receive buffer of {@code receiveBuffer} bytes (set before
     * connecting, so the kernel cannot hide a slow reader behind a large window), reads timing out after
     * {@code timeoutMillis}.
     */
    static Socket connect(URI base, int receiveBuffer, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        return socket;
    }

    /** Sends {@code method path} with the bearer token and the extra header lines (each ending in CRLF). */
    static void sendHead(Socket socket, String method, String path, String token, String extraHeaders)
            throws IOException {
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + extraHeaders
                + "\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads a response head up to the empty line, byte by byte so no body byte is consumed. */
    static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous3 = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: "
                        + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            bytes.write(b);
            previous3 = (previous3 << 8 | b) & 0xFFFFFFFF;
            if (previous3 == 0x0D0A0D0A) {
                break;
            }
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Head(status, headers);
    }
}
