package org.opencoc.attachment.web.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerFilterConfiguration;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.utils.DelayedExecutor;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hook in a real Grizzly HTTP server built the way Payara builds a port-unification listener: the
 * root chain is the transport filter and {@link EnvelopeRefusals}, which is handed an HTTP chain that
 * starts with port unification's back channel (idle timeout, HTTP codec, HTTP server with a handler
 * that echoes what it got). On the wire: keep-alive connections get every answer, refusals of the
 * codec and the path check get the envelope, and the idle timeout sees each connection.
 */
class EnvelopeRefusalsTest {

    /** Short, so that the idle-timeout test is quick; every other test keeps its connections busy. */
    private static final int IDLE_SECONDS = 2;

    private static ExecutorService timerThreads;
    private static DelayedExecutor timers;
    private static TCPNIOTransport transport;
    private static int port;

    @BeforeAll
    static void startServer() throws IOException {
        timerThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "grizzly-test-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers = new DelayedExecutor(timerThreads, 200, TimeUnit.MILLISECONDS);
        timers.start();
        org.glassfish.grizzly.http.server.HttpServerFilter server =
                new org.glassfish.grizzly.http.server.HttpServerFilter(new ServerFilterConfiguration(), timers);
        server.setHttpHandler(new Echo());
        EnvelopeRefusals hook = new EnvelopeRefusals();
        hook.register(new AnyProtocol(), hook.getPUFilterChainBuilder()
                .add(new IdleTimeoutFilter(timers, IDLE_SECONDS, TimeUnit.SECONDS))
                .add(new org.glassfish.grizzly.http.HttpServerFilter(true, 8192, null, new KeepAlive(), timers))
                .add(server)
                .build());
        transport = TCPNIOTransportBuilder.newInstance().build();
        transport.setProcessor(FilterChainBuilder.stateless().add(new TransportFilter()).add(hook).build());
        port = ((InetSocketAddress) transport.bind("127.0.0.1", 0).getLocalAddress()).getPort();
        transport.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        transport.shutdownNow();
        timers.stop();
        timers.destroy();
        timerThreads.shutdownNow();
    }

    @Test
    void keepAliveConnectionsGetAnAnswerToEveryRequest() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                answered.add(clients.submit(() -> {
                    int count = 0;
                    try (Socket socket = connect()) {
                        for (int i = 0; i < 150; i++) {
                            byte[] body = new byte[i % 3 == 0 ? 0 : 1 + (i * 997) % 20_000];
                            String path = "/c" + client + "/r" + i;
                            Answer answer = exchange(socket, request(i % 3 == 0 ? "GET" : "POST", path, body));
                            assertThat(answer.status()).isEqualTo(200);
                            assertThat(answer.text()).isEqualTo(path + " " + body.length);
                            count++;
                        }
                    }
                    return count;
                }));
            }
            for (Future<Integer> future : answered) {
                assertThat(future.get(60, TimeUnit.SECONDS)).isEqualTo(150);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void cleartextHttp2UpgradeIsIgnoredAndTheConnectionStaysUsable() throws Exception {
        // what java.net.http.HttpClient sends by default with every GET to an http: URI
        byte[] upgrade = ascii("GET /first HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n\r\n");
        try (Socket socket = connect()) {
            Answer first = exchange(socket, upgrade);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.text()).isEqualTo("/first 0");
            assertThat(first.headers()).doesNotContainKey("upgrade");
            assertThat(exchange(socket, request("POST", "/second", new byte[100])).text()).isEqualTo("/second 100");
        }
    }

    @Test
    void malformedContentLengthIsAnsweredWithTheEnvelope() throws Exception {
        try (Socket socket = connect()) {
            assertEnvelope(exchange(socket, ascii("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n")), 400);
        }
    }

    @Test
    void unknownHttpVersionIsAnsweredWithTheEnvelopeAnd505() throws Exception {
        try (Socket socket = connect()) {
            assertEnvelope(exchange(socket, ascii("GET / HTTP/9.9\r\nHost: x\r\n\r\n")), 505);
        }
    }

    @Test
    void headerFieldsOverTheHeaderBufferAreAnsweredWith431() throws Exception {
        try (Socket socket = connect()) {
            assertEnvelope(exchange(socket, ascii("GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(9000)
                    + "\r\n\r\n")), 431);
        }
    }

    @Test
    void requestLineOverTheHeaderBufferIsAnsweredWith414() throws Exception {
        try (Socket socket = connect()) {
            assertEnvelope(exchange(socket, ascii("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")), 414);
        }
    }

    @Test
    void badHeaderInAHeadNearTheLimitIsStill400() throws Exception {
        try (Socket socket = connect()) {
            assertEnvelope(exchange(socket, ascii("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\nX: "
                    + "a".repeat(9000) + "\r\n\r\n")), 400);
        }
    }

    @Test
    void refusalClosesTheConnectionAfterTheEnvelope() throws Exception {
        try (Socket socket = connect()) {
            assertEnvelope(exchange(socket, ascii("GET / HTTP/1.1\r\n\r\n")), 400);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void nulInThePathIsRefusedWithTheEnvelopeBeforeTheHandler() throws Exception {
        try (Socket socket = connect()) {
            Answer answer = exchange(socket, ascii("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertEnvelope(answer, 400);
            assertThat(answer.text()).contains("NUL");
        }
    }

    @Test
    void aGoodRequestAfterARefusedOneOnAnotherConnectionIsServed() throws Exception {
        try (Socket bad = connect()) {
            assertEnvelope(exchange(bad, ascii("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")), 400);
        }
        try (Socket good = connect()) {
            assertThat(exchange(good, request("GET", "/after", new byte[0])).text()).isEqualTo("/after 0");
        }
    }

    @Test
    void idleConnectionIsClosedByTheIdleTimeout() throws Exception {
        // Port unification's own dispatch never shows the accept to the protocol's chain, so its idle
        // timeout never started and a silent connection stayed open for good.
        try (Socket socket = connect()) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(IDLE_SECONDS * 10L));
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    private static void assertEnvelope(Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers()).containsEntry("content-type", "application/json")
                .containsEntry("connection", "close").containsKey("x-request-id");
        assertThat(answer.text()).startsWith("{\"provider_code\":\"049\",\"error_code\":\"GOM.00007256\"");
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] request(String method, String path, byte[] body) {
        byte[] head = ascii(method + " " + path + " HTTP/1.1\r\nHost: x\r\n"
                + (body.length > 0 || method.equals("POST") ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n");
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code request} and reads one response with a {@code Content-Length} body. */
    private static Answer exchange(Socket socket, byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed without a (complete) answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private record Answer(int status, Map<String, String> headers, String text) {
    }

    /** Answers {@code <path> <number of body bytes read>}. */
    private static final class Echo extends HttpHandler {
        @Override
        public void service(Request request, Response response) throws Exception {
            long read = request.getInputStream().transferTo(OutputStream.nullOutputStream());
            byte[] text = ascii(request.getRequestURI() + " " + read);
            response.setContentType("text/plain");
            response.setContentLength(text.length);
            response.getOutputStream().write(text);
        }
    }
}
