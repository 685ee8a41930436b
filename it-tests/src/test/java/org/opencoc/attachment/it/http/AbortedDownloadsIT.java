package org.opencoc.attachment.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.opencoc.attachment.it.DeployedWar;
import org.opencoc.attachment.it.Service;

/**
 * 200 clients that read half of a download and then reset the connection: the service keeps serving,
 * and the threads it needed come back. Its live thread count is read from outside, from the
 * MicroProfile Metrics gauge {@code thread_count} (scope base) at {@code /metrics}.
 *
 * <p>The baseline is taken after a warm-up of as many complete parallel downloads as the aborting
 * clients use, so that ordinary growth of the HTTP worker pool to its working size is not mistaken
 * for a leak. The three counts are published as a report entry and written to
 * {@code aborted-downloads-threads.txt} in {@code java.io.tmpdir} ({@code it-tests/target/tmp}).
 *
 * <p>While it waits for the threads to come back the test asks for the gauge only every
 * {@value #SETTLE_POLL_SECONDS} seconds. The aborted downloads make Grizzly's worker pool grow well past
 * the clients' 16 (its {@code SyncThreadPool} starts a worker whenever more tasks are queued than
 * workers are idle, and 200 resets arrive in under a second); the extra workers end once idle for the
 * pool's idle timeout (30 s, etc/payara-preboot.asadmin). Each new task wakes the worker that has
 * waited longest ({@code Object.notify}), so a client asking r times a second keeps r x 30 idle
 * workers alive for ever: polled four times a second, 114 of 150 workers stayed, and the count never
 * came back although no thread was busy. Polling every few seconds keeps at most a handful.
 *
 * <p>The server log is not checked here (the Payara output lands in the failsafe report files, whose
 * names the test does not control).
 */
class AbortedDownloadsIT extends DeployedWar {

    private static final int FILE_BYTES = 4 * 1024 * 1024;
    private static final int ABORTED_DOWNLOADS = 200;
    private static final int CLIENT_THREADS = 16;
    /** Threads the server may keep above the baseline (timers, a pool thread finishing its idle timeout). */
    private static final int THREAD_MARGIN = 5;
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(90);
    /** Seconds between two reads of the gauge while waiting: slow enough to let idle workers end (class comment). */
    private static final int SETTLE_POLL_SECONDS = 5;
    private static final Pattern THREAD_COUNT = Pattern.compile(
            "(?m)^(?:base_thread_count|base:thread_count|thread_count\\{mp_scope=\"base\"})(?:\\{[^}]*})?\\s+([0-9.eE+]+)\\s*$");

    String token;

    @BeforeEach
    void connect() {
        token = service.accountToken("domain-aborted");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void abortedDownloadsLeaveTheServiceServingAndItsThreadsReturn(TestReporter report) throws Exception {
        byte[] content = Payloads.text(FILE_BYTES, 21);
        String docId = service.uploadOk(token, "aborted.txt", content);
        URI download = service.attachment(docId);
        runInParallel(CLIENT_THREADS, CLIENT_THREADS, i -> assertWholeDownload(download, content));
        int baseline = threadCount();

        AtomicInteger peak = new AtomicInteger(baseline);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(threadCount(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        try {
            runInParallel(ABORTED_DOWNLOADS, CLIENT_THREADS, i -> readHalfThenReset(download));
        } finally {
            sampler.shutdownNow();
        }

        assertWholeDownload(download, content);
        int after = awaitThreadCountAtMost(baseline + THREAD_MARGIN, SETTLE_DEADLINE);
        String threads = "baseline " + baseline + ", peak " + peak.get() + ", after " + after;
        report.publishEntry("server threads", threads);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "aborted-downloads-threads.txt"), threads);
        assertThat(after).as("live server threads after the aborted downloads (baseline %d, peak %d)",
                baseline, peak.get()).isLessThanOrEqualTo(baseline + THREAD_MARGIN);
    }

    /** GET with the token on a raw socket, read about half of the body, then close with a reset. */
    private void readHalfThenReset(URI download) {
        try (Socket socket = new Socket(download.getHost(), download.getPort())) {
            socket.setSoTimeout(30_000);
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + download.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + download.getHost() + ":" + download.getPort() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            byte[] statusLine = in.readNBytes(12);
            assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            long read = statusLine.length;
            while (read < FILE_BYTES / 2) {
                int n = in.read(buffer);
                assertThat(n).as("the server ended the response after %d bytes", read).isPositive();
                read += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertWholeDownload(URI download, byte[] content) {
        HttpResponse<byte[]> response = service.send(HttpRequest.newBuilder(download)
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
    }

    /** Polls the gauge every {@value #SETTLE_POLL_SECONDS} s until it is at most {@code limit} or the deadline passes; returns the last value. */
    private int awaitThreadCountAtMost(int limit, Duration deadline) throws Exception {
        Instant end = Instant.now().plus(deadline);
        int count = threadCount();
        while (count > limit && Instant.now().isBefore(end)) {
            count = CompletableFuture.supplyAsync(this::threadCount,
                    CompletableFuture.delayedExecutor(SETTLE_POLL_SECONDS, TimeUnit.SECONDS)).get();
        }
        return count;
    }

    private int threadCount() {
        HttpResponse<byte[]> metrics = service.send(HttpRequest.newBuilder(service.base().resolve("metrics"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build());
        assertThat(metrics.statusCode()).as("GET /metrics").isEqualTo(200);
        Matcher gauge = THREAD_COUNT.matcher(new String(metrics.body(), StandardCharsets.UTF_8));
        assertThat(gauge.find()).as("a base thread_count gauge in /metrics").isTrue();
        return (int) Double.parseDouble(gauge.group(1));
    }

    /** Runs {@code task} {@code times} times on {@code threads} threads, within two minutes, rethrowing the first failure. */
    private static void runInParallel(int times, int threads, IntTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                int index = i;
                runs.add(pool.submit(() -> task.run(index)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).as("all %d clients finished in time", times).isTrue();
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IntTask {
        void run(int index);
    }
}
