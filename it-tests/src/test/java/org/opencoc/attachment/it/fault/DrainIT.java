package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencoc.attachment.it.fault.FaultServer.figures;
import static org.opencoc.attachment.it.fault.FaultServer.intProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.json.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencoc.attachment.it.Envelopes;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;

/**
 * SIGTERM with transfers in flight: readiness goes down, new requests get the 503 envelope, the
 * downloads and uploads in flight finish within the grace period, an upload that cannot finish in it
 * leaves nothing visible, and the process exits. The instance allows as many downloads at once as the
 * test starts, so one more is refused with 503 before the signal. System properties:
 * {@code fault.drain.downloads} (default 3) paced downloads of 10 MiB, {@code fault.drain.uploads} (2) paced uploads,
 * {@code fault.drain.graceSeconds} (15) given to the server as {@code coc.shutdown.grace-seconds}.
 */
class DrainIT {

    private static final int BIG = 10 * 1024 * 1024;
    /** How fast the downloads in flight read: a 10 MiB download takes about 7 s. */
    private static final long DOWNLOAD_BYTES_PER_SECOND = 3 * 512 * 1024;

    FaultServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.process().kill();
            server.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sigtermLetsTransfersInFlightFinishThenExits() throws Exception {
        int downloads = intProperty("fault.drain.downloads", 3);
        int uploads = intProperty("fault.drain.uploads", 2);
        int graceSeconds = intProperty("fault.drain.graceSeconds", 15);
        server = FaultServer.start("drain", "coc.shutdown.grace-seconds", Integer.toString(graceSeconds),
                "coc.download.max-concurrent", Integer.toString(downloads));
        Service service = server.service();
        String token = service.accountToken("domain-fault-drain");
        byte[] big = Traffic.text(BIG, 11);
        String bigDocId = service.uploadOk(token, "big.txt", big);

        ExecutorService pool = Executors.newFixedThreadPool(downloads + uploads + 1);
        CountDownLatch started = new CountDownLatch(downloads + uploads + 1);
        List<Future<byte[]>> downloading = new ArrayList<>();
        for (int i = 0; i < downloads; i++) {
            downloading.add(pool.submit(() -> download(service, token, bigDocId, started)));
        }
        List<byte[]> contents = new ArrayList<>();
        List<Future<Optional<String>>> uploading = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            byte[] content = Traffic.text(64 * 1024, 20 + i);
            contents.add(content);
            uploading.add(pool.submit(() -> upload(service, token, content, Duration.ofSeconds(6), started)));
        }
        byte[] endless = Traffic.text(64 * 1024, 30);
        Future<Optional<String>> neverEnding = pool.submit(() -> upload(service, token, endless,
                Duration.ofSeconds(graceSeconds + 60L), started));
        assertThat(started.await(30, TimeUnit.SECONDS)).as("all transfers started").isTrue();
        assertThat(FaultServer.await(Duration.ofSeconds(10),
                () -> server.transfersInFlight() == downloads + uploads + 1)).as("transfers in flight").isTrue();

        HttpResponse<byte[]> busy = service.download(token, bigDocId);
        Envelopes.assertError(busy, 503, "GOM.00007265");
        assertThat(busy.headers().firstValue("Retry-After")).as("a download beyond the cap").isPresent();

        long pid = server.process().pid().orElseThrow();
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
        CompletableFuture<ProcessHandle> exited = handle.onExit();
        long signalled = System.nanoTime();
        assertThat(handle.destroy()).as("SIGTERM sent").isTrue();

        boolean readinessDown = FaultServer.await(Duration.ofSeconds(5),
                () -> server.health("ready").map(HttpResponse::statusCode).orElse(-1) == 503);
        long readinessMillis = (System.nanoTime() - signalled) / 1_000_000;
        HttpResponse<byte[]> refused = service.download(token, bigDocId);
        Envelopes.assertError(refused, 503, "GOM.00007265");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        List<Long> downloaded = new ArrayList<>();
        for (Future<byte[]> download : downloading) {
            byte[] body = download.get(graceSeconds + 30L, TimeUnit.SECONDS);
            assertThat(body).as("a download in flight at SIGTERM finished byte-exact").isEqualTo(big);
            downloaded.add((long) body.length);
        }
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            Optional<String> id = uploading.get(i).get(graceSeconds + 30L, TimeUnit.SECONDS);
            assertThat(id).as("an upload in flight at SIGTERM was acknowledged").isPresent();
            acknowledged.add(id.get());
        }
        exited.get(graceSeconds + 30L, TimeUnit.SECONDS);
        long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
        Optional<String> cut = neverEnding.get(30, TimeUnit.SECONDS);
        pool.shutdownNow();
        long published = server.publishedAttachments();

        figures("drain", "SIGTERM with " + downloads + " downloads of 10 MiB, " + uploads
                + " paced uploads and 1 endless upload in flight: readiness DOWN after " + readinessMillis
                + " ms; downloads finished " + downloaded.size() + "/" + downloads + ", uploads acknowledged "
                + acknowledged.size() + "/" + uploads + ", endless upload " + (cut.isPresent() ? "stored?!" : "cut")
                + "; process exited " + exitMillis + " ms after the signal (grace " + graceSeconds + " s); "
                + published + " attachments published");

        assertThat(readinessDown).as("readiness DOWN while draining").isTrue();
        assertThat(cut).as("the upload that could not finish in the grace period").isEmpty();
        assertThat(published).as("published attachments: the big one and the acknowledged uploads, nothing else")
                .isEqualTo(1 + uploads);
        assertThat(exitMillis).as("exit within the grace period plus Payara's own stop")
                .isLessThan(TimeUnit.SECONDS.toMillis(graceSeconds + 30L));
    }

    /** A download read at {@link #DOWNLOAD_BYTES_PER_SECOND} through a small receive window, so it is in flight for seconds. */
    private byte[] download(Service service, String token, String docId, CountDownLatch started) throws IOException {
        try (Socket socket = RawHttp.connect(server.base(), 16 * 1024, 60_000)) {
            RawHttp.sendHead(socket, "GET", service.attachment(docId).getRawPath(), token, "");
            InputStream in = socket.getInputStream();
            RawHttp.Head head = RawHttp.readHead(in);
            assertThat(head.status()).isEqualTo(200);
            started.countDown();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long next = System.nanoTime();
            while (body.size() < head.contentLength()) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
                next += n * TimeUnit.SECONDS.toNanos(1) / DOWNLOAD_BYTES_PER_SECOND;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            return body.toByteArray();
        }
    }

    /**
     * An upload whose body is spread over {@code spread}; the id if it was acknowledged with 200, empty
     * if the connection was cut or it was refused.
     */
    private Optional<String> upload(Service service, String token, byte[] content, Duration spread,
                                    CountDownLatch started) throws IOException {
        Multipart multipart = new Multipart().file("file", "drain-" + content.length + "-" + content[0] + ".txt", content);
        byte[] body = multipart.build();
        int pieces = 40;
        int piece = (body.length + pieces - 1) / pieces;
        try (Socket socket = RawHttp.connect(server.base(), 65536, 120_000)) {
            RawHttp.sendHead(socket, "POST", service.attachments("incident").getRawPath(), token,
                    "Content-Type: " + multipart.contentType() + "\r\nContent-Length: " + body.length + "\r\n");
            OutputStream out = socket.getOutputStream();
            boolean first = true;
            for (int offset = 0; offset < body.length; offset += piece) {
                out.write(body, offset, Math.min(piece, body.length - offset));
                out.flush();
                if (first) {
                    started.countDown();
                    first = false;
                }
                LockSupport.parkNanos(spread.toNanos() / pieces);
            }
            InputStream in = socket.getInputStream();
            RawHttp.Head head = RawHttp.readHead(in);
            byte[] json = in.readNBytes((int) head.contentLength());
            if (head.status() != 200) {
                return Optional.empty();
            }
            return Optional.of(Json.createReader(new ByteArrayInputStream(json)).readObject().getString("id"));
        } catch (IOException cut) {
            return Optional.empty();
        }
    }
}
