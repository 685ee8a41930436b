package org.opencoc.attachment.it.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a loopback port in front of the service that can drop a connection in the middle
 * of a response, as a flaky link does: {@link #cutNextConnectionAfter(long)} makes the next accepted
 * connection close after that many response bytes (headers included). It records the head of every
 * request it forwarded (the requests here have no bodies).
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cutting-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Long> cuts = new ConcurrentLinkedQueue<>();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CuttingProxy(URI upstream) {
        this.upstream = upstream;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    /** The proxy's base URI, {@code http://127.0.0.1:<port>/}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    /** The next connection is closed after {@code responseBytes} bytes from the service. */
    void cutNextConnectionAfter(long responseBytes) {
        cuts.add(responseBytes);
    }

    /** The request heads forwarded so far (request line and header lines), oldest first. */
    List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    /** Forgets the recorded requests. */
    void clearRecord() {
        requestHeads.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Long cut = cuts.poll();
                Socket service = new Socket(upstream.getHost(), upstream.getPort());
                sockets.add(client);
                sockets.add(service);
                threads.execute(() -> forwardRequests(client, service));
                threads.execute(() -> forwardResponses(service, client, cut == null ? Long.MAX_VALUE : cut));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forwardRequests(Socket client, Socket service) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try (InputStream in = client.getInputStream(); OutputStream out = service.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                head.write(buffer, 0, n);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                int end;
                while ((end = text.indexOf("\r\n\r\n")) >= 0) {
                    requestHeads.add(text.substring(0, end));
                    text = text.substring(end + 4);
                    head.reset();
                    head.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(client, service);
        }
    }

    private void forwardResponses(Socket service, Socket client, long budget) {
        long left = budget;
        try (InputStream in = service.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                left -= n;
                if (left == 0) {
                    break; // the cut: drop both sides mid-response
                }
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(client, service);
        }
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        List<Socket> open = new ArrayList<>(sockets);
        open.forEach(CuttingProxy::closeQuietly);
        threads.shutdownNow();
    }
}
