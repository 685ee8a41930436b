package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencoc.attachment.it.fault.FaultServer.figures;
import static org.opencoc.attachment.it.fault.FaultServer.intProperty;
import static org.opencoc.attachment.it.fault.FaultServer.spread;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;

/**
 * Slow and stalled clients against one Payara Micro process ({@code -Xmx256m}, the project's
 * {@code etc/} options). Round counts and durations come from system properties:
 * <ul>
 * <li>{@code fault.slowReaders} (default 100) clients reading a 10 MiB download at 1 KiB/s for
 * {@code fault.slowReaders.seconds} (15); the full run is 200;</li>
 * <li>{@code fault.writeTimeoutSeconds} (15): the transport write timeout of {@code etc/payara-preboot.asadmin}
 * (a stalled reader is dropped after one to two times it);</li>
 * <li>{@code fault.slowloris} (100) connections sending one header line a second for
 * {@code fault.slowloris.seconds} (6);</li>
 * <li>{@code fault.slowBodies} (20) uploads whose 4 KiB file arrives at 1 KiB/s.</li>
 * </ul>
 * Figures are printed and appended to {@code it-tests/target/fault-figures.txt}.
 */
class SlowClientsIT {

    private static final int BIG = 10 * 1024 * 1024;
    private static final Duration SETTLE = Duration.ofSeconds(90);

    static FaultServer server;
    static Service service;
    static String token;
    static String bigDocId;
    static byte[] big;

    @BeforeAll
    static void startServer() {
        server = FaultServer.start("slow-clients");
        service = server.service();
        token = service.accountToken("domain-fault-slow");
        big = Traffic.text(BIG, 9);
        bigDocId = service.uploadOk(token, "big.txt", big);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void noTransferInFlight() {
        assertThat(FaultServer.await(SETTLE, () -> server.transfersInFlight() == 0))
                .as("transfers of the previous scenario finished").isTrue();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void slowReadersKeepTheHeapBoundedAndTheServiceAnswering() throws Exception {
        int clients = intProperty("fault.slowReaders", 100);
        Duration window = Duration.ofSeconds(intProperty("fault.slowReaders.seconds", 15));
        Traffic.roundTrip(service, token, 1);
        assertThat(service.download(token, bigDocId).body()).isEqualTo(big);
        long baseline = server.heapAfterGcMiB();

        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger cutShort = new AtomicInteger();
        AtomicLong bytesRead = new AtomicLong();
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> readers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            readers.add(pool.submit(() -> {
                readSlowly(stop, sockets, statuses, cutShort, bytesRead);
                return null;
            }));
        }
        List<Long> heap = new ArrayList<>();
        List<Long> uploads = new ArrayList<>();
        List<Long> downloads = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        int round = 0;
        while (System.nanoTime() - end < 0) {
            LockSupport.parkNanos(Duration.ofSeconds(4).toNanos());
            heap.add(server.heapAfterGcMiB());
            Traffic.RoundTrip trip = Traffic.roundTrip(service, token, 100 + round++);
            uploads.add(trip.uploadMillis());
            downloads.add(trip.downloadMillis());
        }
        int open = statuses.getOrDefault(200, 0) - cutShort.get();
        stop.set(true);
        closeAll(sockets);
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).as("slow readers stopped").isTrue();
        for (Future<?> reader : readers) {
            reader.get();
        }
        boolean settled = FaultServer.await(SETTLE, () -> server.transfersInFlight() == 0);
        long peak = heap.stream().mapToLong(Long::longValue).max().orElse(-1);
        long oom = server.outOfMemoryErrors();
        Traffic.RoundTrip after = Traffic.roundTrip(service, token, 99);

        figures("slow readers", clients + " clients x 10 MiB at 1 KiB/s for " + window.toSeconds() + " s: statuses "
                + statuses + ", still streaming at the end " + open + ", cut short " + cutShort.get()
                + ", read " + bytesRead.get() / 1024 + " KiB in all; heap after GC baseline " + baseline
                + " MiB, during " + heap + " MiB (peak " + peak + ", -Xmx" + FaultServer.HEAP + "); OutOfMemoryError "
                + oom + "; ordinary upload " + spread(uploads) + ", download " + spread(downloads)
                + "; after: upload " + after.uploadMillis() + " ms, download " + after.downloadMillis()
                + " ms, transfers settled " + settled);

        assertThat(oom).as("OutOfMemoryError in the server log").isZero();
        assertThat(statuses.keySet()).as("answers to the slow readers").containsOnly(200);
        assertThat(cutShort.get()).as("slow but steady readers cut short").isZero();
        assertThat(peak).as("live heap (MiB) with %d slow readers; baseline %d MiB", clients, baseline)
                .isLessThanOrEqualTo(baseline + 32 + clients / 2);
        assertThat(settled).as("every download thread was released once the slow readers left").isTrue();
        assertThat(server.health("live").map(r -> r.statusCode())).hasValue(200);
        assertThat(server.health("ready").map(r -> r.statusCode())).hasValue(200);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void readerThatStopsReadingIsDroppedAfterTheWriteTimeout() throws Exception {
        Duration writeTimeout = Duration.ofSeconds(intProperty("fault.writeTimeoutSeconds", 15));
        try (Socket socket = RawHttp.connect(server.base(), 4096, 120_000)) {
            RawHttp.sendHead(socket, "GET", service.attachment(bigDocId).getRawPath(), token, "");
            InputStream in = socket.getInputStream();
            RawHttp.Head head = RawHttp.readHead(in);
            assertThat(head.status()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(FaultServer.await(Duration.ofSeconds(10), () -> server.transfersInFlight() == 1))
                    .as("the download is in flight").isTrue();
            boolean released = FaultServer.await(writeTimeout.multipliedBy(2).plusSeconds(30),
                    () -> server.transfersInFlight() == 0);
            long heldMillis = (System.nanoTime() - start) / 1_000_000;
            long received = in.transferTo(OutputStream.nullOutputStream());
            figures("stalled reader", "the server let go after " + heldMillis + " ms (write timeout "
                    + writeTimeout.toSeconds() + " s); the client then received " + received + " of "
                    + head.contentLength() + " bytes before the connection closed");
            assertThat(released).as("the server dropped a client that stopped reading").isTrue();
            assertThat(heldMillis).as("held at least the write timeout").isGreaterThanOrEqualTo(writeTimeout.toMillis());
            assertThat(received).as("the cut response is shorter than Content-Length").isLessThan(head.contentLength());
        }
        Traffic.roundTrip(service, token, 7);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void slowlorisHeadsDoNotStarveOtherRequests() throws Exception {
        int connections = intProperty("fault.slowloris", 100);
        Duration window = Duration.ofSeconds(intProperty("fault.slowloris.seconds", 6));
        List<Socket> sockets = new ArrayList<>();
        String path = service.attachment(bigDocId).getRawPath();
        for (int i = 0; i < connections; i++) {
            Socket socket = RawHttp.connect(server.base(), 8192, 50);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        List<Long> trips = new ArrayList<>();
        int closedByServer = 0;
        long end = System.nanoTime() + window.toNanos();
        for (int line = 0; System.nanoTime() - end < 0; line++) {
            for (Socket socket : sockets) {
                if (!socket.isClosed() && !trickle(socket, "X-Slow-" + line + ": a\r\n")) {
                    socket.close();
                    closedByServer++;
                }
            }
            long start = System.nanoTime();
            Traffic.roundTrip(service, token, 200 + line);
            trips.add((System.nanoTime() - start) / 1_000_000);
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        closeAll(sockets);
        figures("slowloris", connections + " connections sending one header line a second for "
                + window.toSeconds() + " s: closed by the server " + closedByServer
                + "; ordinary upload+download " + spread(trips));
        assertThat(server.health("live").map(r -> r.statusCode())).hasValue(200);
        Traffic.roundTrip(service, token, 8);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void slowBodiesAreStoredWhileOtherRequestsAreServed() throws Exception {
        int uploads = intProperty("fault.slowBodies", 20);
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        List<Future<Long>> slow = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            long seed = 300 + i;
            slow.add(pool.submit(() -> uploadSlowly(seed)));
        }
        List<Long> trips = new ArrayList<>();
        int round = 0;
        while (!slow.stream().allMatch(Future::isDone)) {
            long start = System.nanoTime();
            Traffic.roundTrip(service, token, 400 + round++);
            trips.add((System.nanoTime() - start) / 1_000_000);
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        pool.shutdown();
        List<Long> durations = new ArrayList<>();
        for (Future<Long> upload : slow) {
            durations.add(upload.get());
        }
        figures("slow bodies", uploads + " uploads of 4 KiB at 1 KiB/s: all stored byte-exact, each took "
                + spread(durations) + "; ordinary upload+download meanwhile " + spread(trips));
    }

    /** One slow reader: 1 KiB a second until told to stop; records the status and whether it was cut. */
    private void readSlowly(AtomicBoolean stop, List<Socket> sockets, Map<Integer, Integer> statuses,
                            AtomicInteger cutShort, AtomicLong bytesRead) throws IOException {
        Socket socket = RawHttp.connect(server.base(), 8192, 60_000);
        sockets.add(socket);
        try {
            RawHttp.sendHead(socket, "GET", service.attachment(bigDocId).getRawPath(), token, "");
            InputStream in = socket.getInputStream();
            RawHttp.Head head = RawHttp.readHead(in);
            statuses.merge(head.status(), 1, Integer::sum);
            byte[] buffer = new byte[1024];
            long next = System.nanoTime();
            while (!stop.get()) {
                int n = in.read(buffer);
                if (n < 0) {
                    cutShort.incrementAndGet();
                    return;
                }
                bytesRead.addAndGet(n);
                next += TimeUnit.SECONDS.toNanos(1);
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (SocketException closedByUs) {
            if (!stop.get()) {
                throw closedByUs;
            }
        }
    }

    /** Uploads a 4 KiB text file whose body is sent 512 bytes every half second; returns the milliseconds. */
    private long uploadSlowly(long seed) throws IOException {
        byte[] content = Traffic.text(4 * 1024, seed);
        Multipart multipart = new Multipart().file("file", "slow-" + seed + ".txt", content);
        byte[] body = multipart.build();
        long start = System.nanoTime();
        String docId;
        try (Socket socket = RawHttp.connect(server.base(), 65536, 60_000)) {
            RawHttp.sendHead(socket, "POST", service.attachments("incident").getRawPath(), token,
                    "Content-Type: " + multipart.contentType() + "\r\nContent-Length: " + body.length + "\r\n");
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < body.length; offset += 512) {
                out.write(body, offset, Math.min(512, body.length - offset));
                out.flush();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
            InputStream in = socket.getInputStream();
            RawHttp.Head head = RawHttp.readHead(in);
            byte[] json = in.readNBytes((int) head.contentLength());
            assertThat(head.status()).as("slow upload: %s", new String(json, StandardCharsets.UTF_8)).isEqualTo(200);
            docId = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(json)).readObject().getString("id");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(service.download(token, docId).body()).as("slow upload stored byte-exact").isEqualTo(content);
        return millis;
    }

    /**
     * Writes one more header line; true while the server still waits for the rest of the head (a read
     * times out), false once it has answered or closed the connection.
     */
    private static boolean trickle(Socket socket, String line) {
        try {
            socket.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static void closeAll(List<Socket> sockets) {
        synchronized (sockets) {
            for (Socket socket : sockets) {
                if (socket.isClosed()) {
                    continue;
                }
                try {
                    socket.setSoLinger(true, 0);
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
