package org.opencoc.attachment.it.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Multipart;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.process.S3ProxyProcess;
import org.opencoc.attachment.it.scaleout.Samples.Sample;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two stateless Payara Micro instances, A and B, on one shared S3 bucket (a real S3Proxy), each with
 * its own staging directory and no cluster membership: any instance serves what the other stored, under
 * concurrency, and a {@code kill -9} of one instance in the middle of uploads never makes the other
 * serve a partial attachment. The crash test restarts A afterwards, so no test depends on another.
 */
class ScaleOutIT {

    private static final Logger LOG = Logger.getLogger(ScaleOutIT.class.getName());

    private static final int CONCURRENT_UPLOADS = 50;
    private static final int UPLOAD_THREADS = 8;
    private static final Duration BATCH_DEADLINE = Duration.ofMinutes(3);
    private static final int CRASH_UPLOADS = 16;
    private static final int CRASH_THREADS = 4;
    private static final int ACKNOWLEDGED_BEFORE_CRASH = 3;
    private static final int IN_FLIGHT_AT_CRASH = 2;
    private static final Duration IN_FLIGHT_FOR = Duration.ofMillis(100);
    private static final int MIB = 1024 * 1024;
    private static final String CRASH_DOMAIN = "domain-crash";

    /** The representation headers a download carries; every instance must answer them alike. */
    private static final List<String> REPRESENTATION_HEADERS = List.of("Content-Type", "Content-Length",
            "Content-Disposition", "ETag", "Last-Modified", "Accept-Ranges", "Repr-Digest",
            "X-Content-Type-Options", "Content-Security-Policy", "Cache-Control");

    private static Path work;
    private static S3ProxyProcess s3;
    private static PayaraMicroProcess a;
    private static PayaraMicroProcess b;
    private static S3Client direct;

    @BeforeAll
    static void startStoreAndTwoInstances() {
        work = Cluster.workDirectory("ScaleOutIT");
        s3 = Cluster.s3Proxy(work).start();
        direct = Cluster.directS3(s3);
        a = Cluster.instance(work, "instance-a", s3);
        b = Cluster.instance(work, "instance-b", s3);
        PayaraMicroProcess.startAll(List.of(a, b));
        LOG.info(() -> String.format("Started A on %s in %d ms and B on %s in %d ms (both at once, process start"
                        + " to first ready answer); S3Proxy on %s", a.baseUri(), startupMillis(a), b.baseUri(),
                startupMillis(b), s3.endpoint()));
    }

    @AfterAll
    static void stopEverything() {
        Cluster.closeAll(direct, a, b, s3);
        Cluster.removeRuntimeCopies(work);
    }

    @AfterEach
    void restartInstanceAIfATestKilledIt() {
        if (!a.isRunning()) {
            a.start();
            LOG.info(() -> "Restarted A after the crash in " + startupMillis(a) + " ms");
        }
    }

    @Test
    void uploadThroughOneInstanceDownloadsByteExactThroughTheOther() {
        Service viaA = Cluster.client(a);
        Service viaB = Cluster.client(b);
        String token = viaA.accountToken("domain-scaleout");
        byte[] content = Samples.pdf(4711);
        String docId = viaA.uploadOk(token, "handover.pdf", content);

        HttpResponse<byte[]> download = viaB.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void headAnswersTheSameRepresentationHeadersOnBothInstances() {
        Service viaA = Cluster.client(a);
        Service viaB = Cluster.client(b);
        String token = viaB.accountToken("domain-scaleout");
        String docId = viaB.uploadOk(token, "Grüße aus Zürich.docx", Samples.docx(4712));

        HttpResponse<byte[]> headA = Cluster.head(viaA, token, viaA.attachment(docId));
        HttpResponse<byte[]> headB = Cluster.head(viaB, token, viaB.attachment(docId));

        assertThat(headA.statusCode()).isEqualTo(200);
        assertThat(headB.statusCode()).isEqualTo(200);
        for (String name : REPRESENTATION_HEADERS) {
            assertThat(headA.headers().allValues(name)).as("%s through A", name).isNotEmpty()
                    .isEqualTo(headB.headers().allValues(name));
        }
    }

    @Test
    void concurrentUploadsToBothInstancesDownloadByteExactThroughTheOther() throws InterruptedException {
        String token = Cluster.client(a).accountToken("domain-scaleout");
        List<Sample> samples = IntStream.range(0, CONCURRENT_UPLOADS).mapToObj(Samples::mixed).toList();
        assertThat(samples.stream().map(Sample::sha256).distinct()).hasSize(CONCURRENT_UPLOADS);
        Map<Integer, Upload> uploads = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
        long batchStart = System.nanoTime();
        for (int i = 0; i < CONCURRENT_UPLOADS; i++) {
            int index = i;
            PayaraMicroProcess target = index % 2 == 0 ? a : b;
            pool.execute(() -> uploads.put(index, Upload.send(index, target, token, samples.get(index),
                    new ConcurrentHashMap<>())));
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(BATCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        Duration batch = Duration.ofNanos(System.nanoTime() - batchStart);
        pool.shutdownNow();
        assertThat(finished).as("%d uploads finish within %s", CONCURRENT_UPLOADS, BATCH_DEADLINE).isTrue();
        logBatch(uploads.values(), batch);
        assertThat(uploads).as("every upload got an answer").hasSize(CONCURRENT_UPLOADS);
        assertThat(uploads.values()).as("every upload answered 200").allSatisfy(
                upload -> assertThat(upload.status()).as(upload.toString()).isEqualTo(200));

        for (Upload upload : uploads.values()) {
            Service other = Cluster.client(upload.via() == a ? b : a);
            HttpResponse<byte[]> download = other.download(token, upload.docId());
            assertThat(download.statusCode()).as("download of %s through the other instance", upload).isEqualTo(200);
            assertThat(Samples.sha256Hex(download.body())).as("SHA-256 of %s", upload).isEqualTo(upload.sample().sha256());
        }
    }

    @Test
    void crashOfAnInstanceDuringUploadsLeavesOnlyCompleteAttachments() throws InterruptedException {
        Service viaA = Cluster.client(a);
        Service viaB = Cluster.client(b);
        String token = viaA.accountToken(CRASH_DOMAIN);
        List<Sample> batch = IntStream.range(0, CRASH_UPLOADS)
                .mapToObj(i -> new Sample("crash-" + i + ".txt", Samples.text(i, 5 * MIB + (i * 613 % 4096) * 1024)))
                .toList();
        Map<Integer, Upload> answered = new ConcurrentHashMap<>();
        Map<Integer, RuntimeException> failed = new ConcurrentHashMap<>();
        Map<Integer, Long> sendingSince = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CRASH_THREADS);
        for (int i = 0; i < CRASH_UPLOADS; i++) {
            int index = i;
            pool.execute(() -> {
                try {
                    answered.put(index, Upload.send(index, a, token, batch.get(index), sendingSince));
                } catch (UncheckedIOException e) {
                    failed.put(index, e);
                }
            });
        }
        // kill while bodies are on the wire or being published, not between two uploads
        Cluster.await(ACKNOWLEDGED_BEFORE_CRASH + " uploads acknowledged and " + IN_FLIGHT_AT_CRASH
                + " in flight for at least " + IN_FLIGHT_FOR.toMillis() + " ms", BATCH_DEADLINE, () -> {
                    long now = System.nanoTime();
                    return answered.values().stream().filter(upload -> upload.status() == 200).count()
                            >= ACKNOWLEDGED_BEFORE_CRASH
                            && sendingSince.values().stream().filter(since -> now - since >= IN_FLIGHT_FOR.toNanos())
                            .count() >= IN_FLIGHT_AT_CRASH;
                });
        a.kill();
        long killedAt = System.nanoTime();
        pool.shutdown();
        assertThat(pool.awaitTermination(BATCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .as("uploads to the dead instance end").isTrue();
        List<Upload> acknowledgedUploads = answered.values().stream().filter(upload -> upload.status() == 200)
                .sorted(Comparator.comparingInt(Upload::index)).toList();
        long cutOff = failed.values().stream().filter(e -> !refused(e)).count();
        LOG.info(() -> String.format("kill -9 of A: %d of %d uploads acknowledged (200), %d other answers %s, "
                        + "%d cut off in flight, %d refused after the crash (uploads ended %d ms after the kill); "
                        + "files left in A's staging directory: %d",
                acknowledgedUploads.size(), CRASH_UPLOADS, answered.size() - acknowledgedUploads.size(),
                answered.values().stream().filter(u -> u.status() != 200).map(Upload::status).toList(), cutOff,
                failed.size() - cutOff, (System.nanoTime() - killedAt) / 1_000_000,
                countFiles(Cluster.stagingDirectory(a.workDirectory()))));
        assertThat(cutOff).as("the kill hit uploads in flight").isPositive();

        for (Upload upload : acknowledgedUploads) {
            HttpResponse<byte[]> download = viaB.download(token, upload.docId());
            assertThat(download.statusCode()).as("download of acknowledged %s through B", upload).isEqualTo(200);
            assertThat(download.body().length).as("length of %s", upload).isEqualTo(upload.sample().content().length);
            assertThat(Samples.sha256Hex(download.body())).as("SHA-256 of %s", upload).isEqualTo(upload.sample().sha256());
        }
        Map<String, Sample> sentBySha = batch.stream().collect(Collectors.toMap(Sample::sha256, sample -> sample));
        List<StoredObject> crashObjects = storedObjects().stream().filter(o -> CRASH_DOMAIN.equals(o.domainId())).toList();
        assertThat(crashObjects.stream().map(StoredObject::docId))
                .as("objects of the crash batch").containsAll(acknowledgedUploads.stream().map(Upload::docId).toList());
        for (StoredObject object : crashObjects) {
            assertThat(sentBySha).as("%s is the SHA-256 of a sent upload", object).containsKey(object.sha256Hex());
            assertThat(object.size()).as("size of %s", object).isEqualTo(sentBySha.get(object.sha256Hex()).content().length);
            HttpResponse<byte[]> download = viaB.download(token, object.docId());
            assertThat(download.statusCode()).as("B serves %s", object).isEqualTo(200);
            assertThat(Samples.sha256Hex(download.body())).as("B serves all of %s", object).isEqualTo(object.sha256Hex());
        }
        LOG.info(() -> "The bucket holds " + crashObjects.size() + " complete objects of the crash batch ("
                + acknowledgedUploads.size() + " acknowledged); B served each byte-exact");
    }

    /**
     * Every object in the bucket, described by its user metadata; fails for an object whose metadata is
     * missing or names another doc_id, or whose length differs from the size its metadata states.
     */
    private static List<StoredObject> storedObjects() {
        List<StoredObject> objects = new ArrayList<>();
        for (S3Object object : direct.listObjectsV2Paginator(request -> request.bucket(Cluster.BUCKET)).contents()) {
            assertThat(object.key()).as("object key").startsWith("attachments/");
            HeadObjectResponse head = direct.headObject(request -> request.bucket(Cluster.BUCKET).key(object.key()));
            Map<String, String> metadata = head.metadata().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, entry -> URLDecoder.decode(entry.getValue(), StandardCharsets.UTF_8)));
            assertThat(metadata).as("user metadata of %s", object.key())
                    .containsKeys("doc-id", "size", "sha256", "domain-id");
            StoredObject stored = new StoredObject(metadata.get("doc-id"), object.size(),
                    HexFormat.of().formatHex(Base64.getDecoder().decode(metadata.get("sha256"))),
                    metadata.get("domain-id"));
            assertThat(object.key()).as("key of %s", stored).isEqualTo("attachments/" + stored.docId());
            assertThat(Long.parseLong(metadata.get("size"))).as("metadata size of %s", stored).isEqualTo(object.size());
            objects.add(stored);
        }
        return objects;
    }

    private static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static long countFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long startupMillis(PayaraMicroProcess instance) {
        return instance.startupDuration().map(Duration::toMillis).orElse(-1L);
    }

    private static void logBatch(Collection<Upload> uploads, Duration batch) {
        List<Long> latencies = uploads.stream().map(upload -> upload.latency().toMillis()).sorted().toList();
        if (latencies.isEmpty()) {
            return;
        }
        long bytes = uploads.stream().mapToLong(upload -> upload.sample().content().length).sum();
        LOG.info(String.format("%d concurrent uploads (%d threads, %d KiB) to A and B in %d ms: %.1f uploads/s;"
                        + " latency ms min %d, median %d, p95 %d, max %d",
                uploads.size(), UPLOAD_THREADS, bytes / 1024, batch.toMillis(),
                uploads.size() / (batch.toNanos() / 1e9), latencies.get(0), latencies.get(latencies.size() / 2),
                latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1), latencies.get(latencies.size() - 1)));
        LOG.info(() -> "Per upload: " + uploads.stream().sorted(Comparator.comparingInt(Upload::index))
                .map(upload -> upload + " " + upload.latency().toMillis() + " ms")
                .collect(Collectors.joining("; ")));
    }

    /** One upload and its answer: status, doc_id (when 200) and latency. */
    private record Upload(int index, Sample sample, PayaraMicroProcess via, int status, String docId, Duration latency) {

        /**
         * Sends {@code sample} to {@code via}; while the request is on its way (body built, answer not yet
         * read) {@code sendingSince} maps {@code index} to the {@link System#nanoTime()} it was sent at.
         */
        static Upload send(int index, PayaraMicroProcess via, String token, Sample sample, Map<Integer, Long> sendingSince) {
            Service service = Cluster.client(via);
            Multipart body = new Multipart().file("file", sample.name(), sample.content());
            HttpRequest request = HttpRequest.newBuilder(service.attachments("incident"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.build()))
                    .build();
            long start = System.nanoTime();
            sendingSince.put(index, start);
            HttpResponse<byte[]> response;
            try {
                response = service.send(request);
            } finally {
                sendingSince.remove(index);
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            String docId = response.statusCode() == 200 ? Service.json(response).getString("id") : null;
            return new Upload(index, sample, via, response.statusCode(), docId, latency);
        }

        @Override
        public String toString() {
            return "#" + index + " " + sample + " via " + (via == a ? "A" : "B") + (docId == null ? "" : " as " + docId);
        }
    }

    /** An object in the bucket, as its user metadata describes it, and its stored length. */
    private record StoredObject(String docId, long size, String sha256Hex, String domainId) {
    }
}
