package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.scaleout.Cluster;
import org.opencoc.attachment.it.scaleout.Samples.Sample;
import org.opencoc.attachment.it.scaleout.Samples;

/**
 * Sustained mixed traffic on the filesystem-store instance: many clients at once, each in a loop of
 * whole downloads, single ranges, uploads of every allowed type with varied content, and bad requests
 * (unknown and malformed ids, a forbidden type, a type that does not match its name, an empty file, no
 * token). Every answer must be the right one: 0 errors (5xx, cut connections), 0 wrong refusals (a good
 * request refused, or a bad one answered with another status), 0 byte mismatches; and the server's
 * heap (after a full GC) must not grow from the middle of the load to its end by more than a bound, and
 * its threads and open files must stay within bounds of where they were before it.
 *
 * <p>{@code it.load.clients} (default {@value #DEFAULT_CLIENTS}) and {@code it.load.seconds} (default
 * {@value #DEFAULT_SECONDS}; the figure is 60) set the load. Figures (requests, rate, latency
 * percentiles per kind, heap, threads, descriptors) go to the log.
 */
class MixedLoadIT {

    private static final Logger LOG = Logger.getLogger(MixedLoadIT.class.getName());

    static final int DEFAULT_CLIENTS = 100;
    static final int DEFAULT_SECONDS = 20;
    private static final int SEED_FILES = 25;
    private static final String DOMAIN = "domain-mixed-load";
    /**
     * Bound of "no leak": heap after a full GC at the end against the middle of the load. Not zero:
     * a full GC keeps softly referenced caches of the runtime while the heap has room.
     */
    private static final long HEAP_GROWTH_BOUND_KIB = 64 * 1024;
    /** Bound of "no leak" for threads and descriptors, against the figures before the load. */
    private static final long THREAD_GROWTH_BOUND = 60;
    /** The maximum of the HTTP worker pool (max-thread-pool-size in etc/payara-preboot.asadmin). */
    private static final long HTTP_POOL_MAX = 512;

    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final List<String> storedIds = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder requests = new LongAdder();
    private final AtomicInteger uploadCounter = new AtomicInteger(50_000);
    /** What the client thread asked and got last: a cut connection is reported with what came before it. */
    private final ThreadLocal<String> lastAnswer = ThreadLocal.withInitial(() -> "no request");

    @Test
    void sustainedMixedTrafficGetsOnlyRightAnswersAndLeaksNothing() throws Exception {
        int clients = Integer.getInteger("it.load.clients", DEFAULT_CLIENTS);
        int seconds = Integer.getInteger("it.load.seconds", DEFAULT_SECONDS);
        PayaraMicroProcess instance = FaultRig.sharedFilesystem().instance();
        long pid = instance.pid().orElseThrow();
        Service seeder = Cluster.client(instance);
        String token = seeder.accountToken(DOMAIN);
        for (int i = 0; i < SEED_FILES; i++) {
            Sample sample = i % 5 == 4 ? new Sample("seed-" + i + ".txt", Samples.text(i, 256 * 1024 + i * 40_000))
                    : Samples.mixed(40_000 + i);
            String docId = seeder.uploadOk(token, sample.name(), sample.content());
            stored.put(docId, sample.content());
            storedIds.add(docId);
        }
        long heapBefore = FaultRig.heapUsedAfterGcKiB(pid);
        long threadsBefore = FaultRig.threads(pid);
        long filesBefore = FaultRig.openFiles(pid);

        // Two halves: the first fills what is meant to fill once (worker threads and their buffers, lazily
        // built parsers and caches); a leak is what the second half adds on top of the first.
        long start = System.nanoTime();
        load(instance, token, clients, seconds / 2, 0);
        long heapMiddle = FaultRig.heapUsedAfterGcKiB(pid);
        load(instance, token, clients, seconds - seconds / 2, clients);
        double elapsed = (System.nanoTime() - start) / 1e9;

        long threadsAfterLoad = FaultRig.threads(pid);
        long heapAfter = FaultRig.heapUsedAfterGcKiB(pid);
        long threadsAfter = FaultRig.threads(pid);
        long filesAfter = FaultRig.openFiles(pid);
        StringBuilder figures = new StringBuilder(String.format("mixed load: %d clients for %d s: %d requests,"
                        + " %.0f req/s; %d errors, %d wrong answers, %d mismatches; server heap after GC %d -> %d -> %d KiB,"
                        + " threads %d -> %d (%d right after the load), open files %d -> %d",
                clients, seconds, requests.sum(), requests.sum() / elapsed, errors.size(), wrongAnswers.size(),
                mismatches.size(), heapBefore, heapMiddle, heapAfter, threadsBefore, threadsAfter, threadsAfterLoad, filesBefore,
                filesAfter));
        List<Long> all = new ArrayList<>();
        latencies.forEach((kind, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            all.addAll(sorted);
            figures.append(String.format("; %s %d (p50 %d ms, p99 %d ms)", kind, sorted.size(),
                    FaultRig.percentile(sorted, 0.5), FaultRig.percentile(sorted, 0.99)));
        });
        List<Long> sortedAll = all.stream().sorted().toList();
        figures.append(String.format("; all p50 %d ms, p99 %d ms, max %d ms", FaultRig.percentile(sortedAll, 0.5),
                FaultRig.percentile(sortedAll, 0.99), FaultRig.percentile(sortedAll, 1.0)));
        LOG.info(figures::toString);

        assertThat(errors).as("errors (5xx, cut connections)").isEmpty();
        assertThat(wrongAnswers).as("wrong answers or refusals").isEmpty();
        assertThat(mismatches).as("byte mismatches").isEmpty();
        if (heapMiddle > 0 && heapAfter > 0) {
            assertThat(heapAfter).as("heap after GC at the end, KiB, against the middle of the load")
                    .isLessThan(heapMiddle + HEAP_GROWTH_BOUND_KIB);
        }
        // the HTTP worker pool may grow to its maximum and shrinks only after its idle timeout; a leak
        // would grow with the requests, which outnumber that many times over
        assertThat(threadsAfter).as("server threads").isLessThan(threadsBefore + HTTP_POOL_MAX + THREAD_GROWTH_BOUND);
        // each client may keep one idle keep-alive connection open
        assertThat(filesAfter).as("server open files").isLessThan(filesBefore + 2L * clients + 50);
    }

    /** {@code clients} clients in a loop for {@code seconds}, each with its own seeded random choices. */
    private void load(PayaraMicroProcess instance, String token, int clients, int seconds, int seedOffset)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int seed = seedOffset + c;
            pool.execute(() -> runClient(Cluster.client(instance), token, new Random(seed), deadline));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)).as("the clients finish").isTrue();
    }

    private void runClient(Service service, String token, Random random, long deadline) {
        while (System.nanoTime() < deadline) {
            int dice = random.nextInt(100);
            String kind = dice < 40 ? "download" : dice < 60 ? "range" : dice < 80 ? "upload" : "bad request";
            try {
                if (dice < 40) {
                    download(service, token, random);
                } else if (dice < 60) {
                    range(service, token, random);
                } else if (dice < 80) {
                    upload(service, token, random);
                } else {
                    badRequest(service, token, random);
                }
            } catch (UncheckedIOException e) {
                errors.add(kind + " after " + lastAnswer.get() + ": " + e);
            }
        }
    }

    private void download(Service service, String token, Random random) {
        String docId = storedIds.get(random.nextInt(storedIds.size()));
        HttpResponse<byte[]> answer = timed("download", () -> service.download(token, docId));
        if (expect(answer, 200, "download " + docId) && !Arrays.equals(answer.body(), stored.get(docId))) {
            mismatches.add("download " + docId);
        }
    }

    private void range(Service service, String token, Random random) {
        String docId = storedIds.get(random.nextInt(storedIds.size()));
        byte[] content = stored.get(docId);
        int first = random.nextInt(content.length);
        int last = first + random.nextInt(Math.min(content.length - first, 256 * 1024));
        HttpResponse<byte[]> answer = timed("range", () -> service.send(HttpRequest.newBuilder(service.attachment(docId))
                .header("Authorization", "Bearer " + token).header("Range", "bytes=" + first + "-" + last).GET().build()));
        if (expect(answer, 206, "range " + first + "-" + last + " of " + docId)
                && !Arrays.equals(answer.body(), Arrays.copyOfRange(content, first, last + 1))) {
            mismatches.add("range " + first + "-" + last + " of " + docId);
        }
    }

    private void upload(Service service, String token, Random random) {
        int i = uploadCounter.incrementAndGet();
        Sample sample = switch (i % 5) {
            case 0 -> new Sample("load-" + i + ".png", Samples.image(i, "png"));
            case 1 -> new Sample("load-" + i + ".jpg", Samples.image(i, "jpeg"));
            case 2 -> new Sample("load-" + i + ".pdf", Samples.pdf(i));
            case 3 -> new Sample("load-" + i + ".docx", Samples.docx(i));
            default -> new Sample("load-" + i + ".txt", Samples.text(i, 1 + random.nextInt(512 * 1024)));
        };
        HttpResponse<byte[]> answer = timed("upload", () -> service.upload(token, sample.name(), sample.content()));
        if (expect(answer, 200, "upload " + sample)) {
            String docId = Service.json(answer).getString("id");
            stored.put(docId, sample.content());
            storedIds.add(docId);
        }
    }

    private void badRequest(Service service, String token, Random random) {
        switch (random.nextInt(6)) {
            case 0 -> expect(timed("bad", () -> service.download(token, UUID.randomUUID().toString())), 404, "unknown id");
            case 1 -> expect(timed("bad", () -> service.download(token, "not-a-doc-id")), 400, "malformed id");
            case 2 -> expect(timed("bad", () -> service.upload(token, "tool.exe", Samples.text(1, 2048))), 415, ".exe");
            case 3 -> expect(timed("bad", () -> service.upload(token, "scan.pdf", Samples.image(random.nextInt(99), "png"))),
                    415, "PNG named .pdf");
            case 4 -> expect(timed("bad", () -> service.upload("incident", token,
                    new Multipart().file("file", "empty.txt", new byte[0]))), 400, "empty file");
            default -> {
                URI uri = service.attachment(storedIds.get(random.nextInt(storedIds.size())));
                expect(timed("bad", () -> service.send(HttpRequest.newBuilder(uri).GET().build())), 401, "no token");
            }
        }
    }

    private boolean expect(HttpResponse<byte[]> answer, int status, String what) {
        lastAnswer.set(what + " (" + answer.statusCode() + ")");
        if (answer.statusCode() >= 500) {
            errors.add(what + ": " + answer.statusCode() + " " + new String(answer.body()));
            return false;
        }
        if (answer.statusCode() != status) {
            wrongAnswers.add(what + ": expected " + status + ", got " + answer.statusCode() + " " + new String(answer.body()));
            return false;
        }
        return true;
    }

    private HttpResponse<byte[]> timed(String kind, java.util.function.Supplier<HttpResponse<byte[]>> call) {
        long start = System.nanoTime();
        HttpResponse<byte[]> answer = call.get();
        latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                .add((System.nanoTime() - start) / 1_000_000);
        requests.increment();
        return answer;
    }

}
