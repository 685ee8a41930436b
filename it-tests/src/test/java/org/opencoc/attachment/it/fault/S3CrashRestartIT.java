package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.scaleout.Cluster;
import org.opencoc.attachment.it.scaleout.Samples;
import org.opencoc.attachment.it.scaleout.Samples.Sample;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Crashes on the S3 store (the shared {@link FaultRig#sharedS3()}): kill -9 of instance A, which uses
 * the default staging directory, during uploads, and kill -9 of S3Proxy itself during uploads. Every
 * acknowledged upload is served byte-exact by the other instance, every object of the test in the
 * bucket is complete, the restarted A's sweep finds what its predecessor (another PID) left, and
 * uploads caught by the store's crash answer 503 within seconds, never 500.
 *
 * <p>{@code it.s3crash.rounds} (default {@value #DEFAULT_ROUNDS}) sets the rounds of each kind,
 * {@code it.crash.seed} the seed of the kill moments (default random, logged).
 */
class S3CrashRestartIT {

    private static final Logger LOG = Logger.getLogger(S3CrashRestartIT.class.getName());

    static final int DEFAULT_ROUNDS = 1;
    private static final int CONCURRENT_UPLOADS = 16;
    private static final String INSTANCE_CRASH = "domain-s3-instance-crash";
    private static final String STORE_CRASH = "domain-s3-store-crash";
    /** "503 within seconds": the bound from the kill to the last answer of an upload caught by it. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(15);
    /** The pace of the one slow upload of each batch. */
    private static final int SLOW_BYTES_PER_SECOND = 256 * 1024;

    @Test
    void killOfAnInstanceLosesNoAcknowledgedUploadAndItsRestartSweepsThePreviousStaging() throws Exception {
        int rounds = Integer.getInteger("it.s3crash.rounds", DEFAULT_ROUNDS);
        long seed = Long.getLong("it.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        FaultRig.SharedS3 rig = FaultRig.sharedS3();
        Map<String, Sample> acknowledged = new java.util.LinkedHashMap<>();
        List<Sample> sent = new ArrayList<>();
        LOG.info(() -> "S3 instance kill -9 rounds: " + rounds + ", seed " + seed);
        for (int round = 0; round < rounds; round++) {
            Service viaA = Cluster.client(rig.a());
            String token = viaA.accountToken(INSTANCE_CRASH);
            int base = 1000 + round * CONCURRENT_UPLOADS;
            List<Sample> batch = batch("s3-crash", base);
            sent.addAll(batch);
            // kill once an upload was acknowledged while others are being staged on A (the slow one
            // surely is), at a random moment within the next 300 ms
            long killAfter = random.nextLong(300);
            List<Uploads> results = uploadAndThen(batch, viaA, token, progress -> {
                // (or once every upload ended, which the assertions below then report)
                Cluster.await("an upload acknowledged and others staged on A", Duration.ofSeconds(180),
                        () -> progress.acknowledged().get() >= 1 && !FaultRig.stagedFiles(rig.stagingOfA()).isEmpty()
                                || progress.pending().get() == 0);
                sleep(killAfter);
                rig.a().kill();
            });
            long leftFiles = FaultRig.stagedFiles(rig.stagingOfA()).size();

            rig.a().start();
            int leftAfterSweep = FaultRig.stagedFiles(rig.stagingOfA()).size();
            results.stream().filter(Uploads::acknowledged).forEach(u -> acknowledged.put(u.docId(), u.sample()));
            Map<Integer, Long> others = results.stream().filter(u -> !u.acknowledged() && !u.cutOff())
                    .collect(Collectors.groupingBy(Uploads::status, Collectors.counting()));
            int roundNumber = round + 1;
            LOG.info(() -> String.format("S3 round %d: A killed %d ms after one upload was acknowledged, during %d uploads: %d acknowledged, %d cut off,"
                            + " other answers %s; A's default staging held %d files after the kill, %d after the"
                            + " restart's sweep", roundNumber, killAfter, CONCURRENT_UPLOADS,
                    results.stream().filter(Uploads::acknowledged).count(),
                    results.stream().filter(Uploads::cutOff).count(), others, leftFiles, leftAfterSweep));
            assertThat(others).as("answers other than 200 or a cut connection").isEmpty();
            assertThat(leftFiles).as("files the kill left in A's default staging").isPositive();
            assertThat(leftAfterSweep).as("temporary files in A's default staging after the restart").isZero();
        }
        assertServedByteExactByB(rig, INSTANCE_CRASH, acknowledged);
        assertObjectsOfTheTestComplete(rig, INSTANCE_CRASH, sent);
    }

    @Test
    void killOfTheStoreDuringUploadsAnswers503WithinSecondsAndLeavesNothingPartial() throws Exception {
        int rounds = Integer.getInteger("it.s3crash.rounds", DEFAULT_ROUNDS);
        FaultRig.SharedS3 rig = FaultRig.sharedS3();
        Map<String, Sample> acknowledged = new java.util.LinkedHashMap<>();
        List<Sample> sent = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Service viaB = Cluster.client(rig.b());
            String token = viaB.accountToken(STORE_CRASH);
            int base = 2000 + round * CONCURRENT_UPLOADS;
            List<Sample> batch = batch("s3-store-crash", base);
            sent.addAll(batch);
            long[] killedAt = new long[1];
            List<Uploads> results = uploadAndThen(batch, viaB, token, progress -> {
                // once a few uploads are acknowledged, so that there is something to find afterwards
                Cluster.await("2 uploads acknowledged", Duration.ofSeconds(180),
                        () -> progress.acknowledged().get() >= 2 || progress.pending().get() == 0);
                rig.s3().kill();
                killedAt[0] = System.nanoTime();
            });
            Map<Integer, Long> statuses = results.stream()
                    .collect(Collectors.groupingBy(Uploads::status, Collectors.counting()));
            long lastAnswerMillis = results.stream().mapToLong(u -> (u.endedAtNanos() - killedAt[0]) / 1_000_000)
                    .max().orElse(0);
            results.stream().filter(Uploads::acknowledged).forEach(u -> acknowledged.put(u.docId(), u.sample()));
            LOG.info(() -> String.format("S3Proxy killed after 2 of %d uploads through B were acknowledged: answers by status %s;"
                    + " the last answer came %d ms after the kill", CONCURRENT_UPLOADS, statuses, lastAnswerMillis));
            assertThat(statuses.keySet()).as("statuses: acknowledged, or storage unavailable").isSubsetOf(200, 503);
            assertThat(statuses).as("uploads in flight at the kill answered 503").containsKey(503);
            assertThat(Duration.ofMillis(lastAnswerMillis)).as("time from the kill to the last answer")
                    .isLessThan(ANSWER_BOUND);
            rig.s3().start();
            Cluster.await("B ready again", Cluster.READINESS_DEADLINE,
                    () -> Cluster.readiness(Cluster.client(rig.b())) == 200);
        }
        assertServedByteExactByB(rig, STORE_CRASH, acknowledged);
        assertObjectsOfTheTestComplete(rig, STORE_CRASH, sent);
    }

    /**
     * Starts the uploads of {@code batch} at once through {@code via}, then runs {@code crash} (given the
     * counts of uploads acknowledged so far and still pending), and collects the ends.
     */
    private static List<Uploads> uploadAndThen(List<Sample> batch, Service via, String token,
                                               Consumer<Progress> crash) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(batch.size());
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger pending = new AtomicInteger(batch.size());
        try {
            List<Future<Uploads>> futures = batch.stream().map(s -> pool.submit(() -> {
                // the last upload of the batch is sent slowly, so that it is surely in flight at the crash
                Uploads upload = s == batch.get(batch.size() - 1) ? Uploads.sendSlowly(via, token, s, SLOW_BYTES_PER_SECOND)
                        : Uploads.send(via, token, s);
                if (upload.acknowledged()) {
                    acknowledged.incrementAndGet();
                }
                pending.decrementAndGet();
                return upload;
            })).toList();
            crash.accept(new Progress(acknowledged, pending));
            List<Uploads> results = new ArrayList<>();
            for (Future<Uploads> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** How far a batch of uploads got: acknowledged so far, and not yet ended. */
    private record Progress(AtomicInteger acknowledged, AtomicInteger pending) {
    }

    /** 15 texts of 1-9 MiB and, last, the one sent slowly: 1.2 MB, about 5 s at the slow pace. */
    private static List<Sample> batch(String prefix, int base) {
        List<Sample> batch = new ArrayList<>(IntStream.range(base, base + CONCURRENT_UPLOADS - 1)
                .mapToObj(i -> Uploads.largeText(prefix, i)).toList());
        int last = base + CONCURRENT_UPLOADS - 1;
        batch.add(new Sample(prefix + "-slow-" + last + ".txt", Samples.text(last, 1_200_000)));
        return batch;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertServedByteExactByB(FaultRig.SharedS3 rig, String domain, Map<String, Sample> acknowledged) {
        Service viaB = Cluster.client(rig.b());
        String token = viaB.accountToken(domain);
        for (Map.Entry<String, Sample> upload : acknowledged.entrySet()) {
            HttpResponse<byte[]> download = viaB.download(token, upload.getKey());
            assertThat(download.statusCode()).as("B serves acknowledged %s", upload.getValue()).isEqualTo(200);
            assertThat(Samples.sha256Hex(download.body())).as("content of %s", upload.getValue())
                    .isEqualTo(upload.getValue().sha256());
        }
        LOG.info(() -> acknowledged.size() + " acknowledged uploads served byte-exact by B");
    }

    /** Every object of this test's domain: its length is its metadata's size, its content one of the sent files. */
    private static void assertObjectsOfTheTestComplete(FaultRig.SharedS3 rig, String domain, List<Sample> sent) {
        Map<String, Sample> sentBySha = sent.stream().collect(Collectors.toMap(Sample::sha256, Function.identity(),
                (x, y) -> x));
        int objects = 0;
        for (S3Object object : rig.direct().listObjectsV2Paginator(r -> r.bucket(Cluster.BUCKET)).contents()) {
            HeadObjectResponse head;
            try {
                head = rig.direct().headObject(r -> r.bucket(Cluster.BUCKET).key(object.key()));
            } catch (NoSuchKeyException e) {
                continue; // the object of a failed PUT, deleted in the meantime by the instance's orphan remover
            }
            Map<String, String> metadata = head.metadata().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
            if (!domain.equals(metadata.get("domain-id"))) {
                continue;
            }
            objects++;
            String sha = HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(metadata.get("sha256")));
            assertThat(object.size()).as("length of %s", object.key()).isEqualTo(Long.parseLong(metadata.get("size")));
            assertThat(sentBySha).as("%s is one of the sent files", object.key()).containsKey(sha);
            byte[] stored;
            try {
                stored = rig.direct().getObjectAsBytes(r -> r.bucket(Cluster.BUCKET).key(object.key())).asByteArray();
            } catch (NoSuchKeyException e) {
                continue; // the object of a failed PUT, deleted in the meantime by the instance's orphan remover
            }
            assertThat(Samples.sha256Hex(stored)).as("content of %s", object.key()).isEqualTo(sha);
        }
        int count = objects;
        LOG.info(() -> count + " objects of the test in the bucket, each complete");
    }
}
