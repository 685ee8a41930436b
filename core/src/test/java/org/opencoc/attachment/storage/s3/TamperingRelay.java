package org.opencoc.attachment.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback between an HTTP/1.1 client and a server that bends the traffic the way a
 * loaded machine or a flaky network can, to reproduce races deterministically:
 * <ul>
 * <li>{@link Mode#LATE_BODY_TAIL}: the last {@link #TAIL} bytes of every request body are held back for
 * a while (as when the sending thread is descheduled between its last two writes);</li>
 * <li>{@link Mode#CUT_PUT_ANSWERS}: a PUT is forwarded whole, but its answer is dropped and both
 * connections are closed (the store did the work, the client never hears of it).</li>
 * </ul>
 * It counts answers that arrived while a body tail was still held back.
 */
final class TamperingRelay implements AutoCloseable {

    /** How the relay bends the traffic. */
    enum Mode { LATE_BODY_TAIL, CUT_PUT_ANSWERS }

    /**
     * The bytes at the end of a request body held back in {@link Mode#LATE_BODY_TAIL}: exactly the final
     * zero-length chunk of a signed aws-chunked body ({@code 0;chunk-signature=<64 hex>} and two CRLFs),
     * so that the store already has every byte of the content when the tail is late.
     */
    static final int TAIL = "0;chunk-signature=".length() + 64 + 4;

    private final ServerSocket listener;
    private final int targetPort;
    private final Mode mode;
    private final Duration hold;
    private final AtomicInteger earlyAnswers = new AtomicInteger();
    private final AtomicInteger cutAnswers = new AtomicInteger();
    private final Thread acceptor;

    TamperingRelay(int targetPort, Mode mode, Duration hold) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.mode = mode;
        this.hold = hold;
        this.acceptor = new Thread(this::acceptLoop, "tampering-relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Answers that the server sent while the tail of their request body was still held back. */
    int earlyAnswers() {
        return earlyAnswers.get();
    }

    /** PUT answers dropped in {@link Mode#CUT_PUT_ANSWERS}. */
    int cutAnswers() {
        return cutAnswers.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Connection connection = new Connection(client, server);
                start(connection::upstream, "up");
                start(connection::downstream, "down");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable task, String name) {
        Thread thread = new Thread(task, "tampering-relay-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One client connection and its server connection; requests are parsed just enough to find bodies. */
    private final class Connection {

        private final Socket client;
        private final Socket server;
        private final AtomicBoolean holding = new AtomicBoolean();
        private volatile boolean lastRequestWasPut;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void upstream() {
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                long remaining = -1;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int offset = 0;
                    while (offset < n) {
                        if (remaining < 0) {
                            // reading a request head, byte by byte up to the blank line
                            head.write(buffer[offset]);
                            out.write(buffer[offset]);
                            offset++;
                            String text = head.toString(StandardCharsets.ISO_8859_1);
                            if (text.endsWith("\r\n\r\n")) {
                                lastRequestWasPut = text.startsWith("PUT ");
                                remaining = contentLength(text);
                                head.reset();
                                out.flush();
                                if (remaining == 0) {
                                    remaining = -1;
                                }
                            }
                            continue;
                        }
                        int take = (int) Math.min(n - offset, remaining);
                        long after = remaining - take;
                        if (mode == Mode.LATE_BODY_TAIL && after < TAIL) {
                            int tail = (int) Math.min(take, TAIL - after);
                            out.write(buffer, offset, take - tail);
                            out.flush();
                            holding.set(true);
                            Thread.sleep(hold.toMillis());
                            holding.set(false);
                            out.write(buffer, offset + take - tail, tail);
                        } else {
                            out.write(buffer, offset, take);
                        }
                        out.flush();
                        offset += take;
                        remaining = after == 0 ? -1 : after;
                    }
                }
            } catch (IOException e) {
                // either side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeBoth();
            }
        }

        void downstream() {
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (holding.get() && startsAnswer(buffer, n)) {
                        earlyAnswers.incrementAndGet();
                    }
                    if (mode == Mode.CUT_PUT_ANSWERS && lastRequestWasPut) {
                        cutAnswers.incrementAndGet();
                        client.setSoLinger(true, 0);
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static boolean startsAnswer(byte[] buffer, int n) {
        return n >= 8 && new String(buffer, 0, 8, StandardCharsets.ISO_8859_1).equals("HTTP/1.1");
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }
}
