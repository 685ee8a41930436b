package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.scaleout.Cluster;
import org.opencoc.attachment.it.scaleout.Samples.Sample;
import org.opencoc.attachment.it.scaleout.Samples;

/**
 * kill -9 of the filesystem-store instance at a random moment during 16 concurrent uploads of 1 to
 * 9 MiB (within 300 ms of the first acknowledgement, while others are staged; one upload is sent
 * slowly so that something is surely in flight), then a restart on the same data directory, for a number of rounds: every acknowledged upload
 * downloads byte-exact, every attachment on disk is complete (and is one of the sent files), and the
 * sweep at start leaves no temporary file.
 *
 * <p>{@code it.crash.rounds} (default {@value #DEFAULT_ROUNDS}) sets the rounds, {@code it.crash.seed} the
 * seed of the kill moments (default: random, logged so that a failure can be replayed).
 */
class CrashRestartIT {

    private static final Logger LOG = Logger.getLogger(CrashRestartIT.class.getName());

    static final int DEFAULT_ROUNDS = 1;
    static final int CONCURRENT_UPLOADS = 16;
    /** The kill comes up to this long after the first acknowledged upload of a round. */
    private static final long KILL_AFTER_MAX_MILLIS = 300;
    /** The pace of the one slow upload of each round (1.2 MB: about 5 s). */
    private static final int SLOW_BYTES_PER_SECOND = 256 * 1024;
    private static final String DOMAIN = "domain-crash-restart";

    @Test
    void everyAcknowledgedUploadSurvivesKill9AndNothingPartialIsServed() throws Exception {
        int rounds = Integer.getInteger("it.crash.rounds", DEFAULT_ROUNDS);
        long seed = Long.getLong("it.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        FaultRig.SharedFilesystem rig = FaultRig.sharedFilesystem();
        PayaraMicroProcess instance = rig.instance();
        Path staging = rig.root().resolve(".staging");
        Map<String, Sample> acknowledged = new java.util.LinkedHashMap<>();
        List<Sample> sent = new ArrayList<>();
        int cutOffTotal = 0;
        LOG.info(() -> "kill -9 rounds: " + rounds + " (-Dit.crash.rounds), seed " + seed + " (-Dit.crash.seed)");

        for (int round = 0; round < rounds; round++) {
            Service service = Cluster.client(instance);
            String token = service.accountToken(DOMAIN);
            int base = round * CONCURRENT_UPLOADS;
            // 15 texts of 1-9 MiB and one sent slowly, so that something is surely in flight at the kill
            List<Sample> batch = new ArrayList<>(Stream.iterate(base, i -> i + 1).limit(CONCURRENT_UPLOADS - 1)
                    .map(i -> Uploads.largeText("crash", i)).toList());
            int slow = base + CONCURRENT_UPLOADS - 1;
            batch.add(new Sample("crash-slow-" + slow + ".txt", Samples.text(slow, 1_200_000)));
            sent.addAll(batch);
            long killAfter = random.nextLong(KILL_AFTER_MAX_MILLIS);

            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_UPLOADS);
            AtomicInteger acknowledgedSoFar = new AtomicInteger();
            AtomicInteger pending = new AtomicInteger(batch.size());
            List<Future<Uploads>> futures = batch.stream().map(sample -> pool.submit(() -> {
                Uploads upload = sample == batch.get(batch.size() - 1)
                        ? Uploads.sendSlowly(service, token, sample, SLOW_BYTES_PER_SECOND)
                        : Uploads.send(service, token, sample);
                if (upload.acknowledged()) {
                    acknowledgedSoFar.incrementAndGet();
                }
                pending.decrementAndGet();
                return upload;
            })).toList();
            // a random moment after the first acknowledgement, while uploads are staged (or once all ended)
            Cluster.await("an upload acknowledged while others are staged", Duration.ofSeconds(180),
                    () -> acknowledgedSoFar.get() >= 1 && !FaultRig.stagedFiles(staging).isEmpty()
                            || pending.get() == 0);
            Thread.sleep(killAfter);
            instance.kill();
            List<Uploads> results = collect(futures);
            pool.shutdownNow();
            long stagedBytesLeft = bytes(FaultRig.stagedFiles(staging));
            int stagedFilesLeft = FaultRig.stagedFiles(staging).size();

            instance.start();
            List<Path> leftAfterSweep = FaultRig.stagedFiles(staging);

            List<Uploads> ok = results.stream().filter(Uploads::acknowledged).toList();
            ok.forEach(upload -> acknowledged.put(upload.docId(), upload.sample()));
            long cutOff = results.stream().filter(Uploads::cutOff).count();
            cutOffTotal += (int) cutOff;
            Map<Integer, Long> others = results.stream().filter(u -> !u.acknowledged() && !u.cutOff())
                    .collect(Collectors.groupingBy(Uploads::status, Collectors.counting()));
            int roundNumber = round + 1;
            LOG.info(() -> String.format("round %d: killed %d ms after the first acknowledgement, during %d uploads: %d acknowledged,"
                            + " %d cut off, other answers %s; the kill left %d staged files (%d KiB); after the"
                            + " restart (%d ms) the sweep left %d",
                    roundNumber, killAfter, CONCURRENT_UPLOADS, ok.size(), cutOff, others, stagedFilesLeft,
                    stagedBytesLeft / 1024, instance.startupDuration().map(d -> d.toMillis()).orElse(-1L),
                    leftAfterSweep.size()));
            assertThat(others).as("answers other than 200 or a cut connection").isEmpty();
            assertThat(leftAfterSweep).as("temporary files after the restart's sweep").isEmpty();
        }

        Service service = Cluster.client(instance);
        String token = service.accountToken(DOMAIN);
        for (Map.Entry<String, Sample> upload : acknowledged.entrySet()) {
            HttpResponse<byte[]> download = service.download(token, upload.getKey());
            assertThat(download.statusCode()).as("download of acknowledged %s", upload.getValue()).isEqualTo(200);
            assertThat(Samples.sha256Hex(download.body())).as("content of %s", upload.getValue())
                    .isEqualTo(upload.getValue().sha256());
        }
        Map<String, Sample> sentBySha = sent.stream().collect(Collectors.toMap(Sample::sha256, Function.identity()));
        int onDisk = 0;
        for (Path attachment : FaultRig.published(rig.root())) {
            assertThat(attachment.resolve("metadata.json")).as("metadata of %s", attachment).isRegularFile();
            assertThat(attachment.resolve("content")).as("content of %s", attachment).isRegularFile();
            HttpResponse<byte[]> download = service.download(token, attachment.getFileName().toString());
            if (download.statusCode() == 404) {
                continue; // another test's attachment, of another domain
            }
            onDisk++;
            assertThat(download.statusCode()).as("download of %s", attachment).isEqualTo(200);
            assertThat(sentBySha).as("%s is one of the sent files, complete", attachment)
                    .containsKey(Samples.sha256Hex(download.body()));
        }
        int attachments = onDisk;
        int cut = cutOffTotal;
        LOG.info(() -> String.format("kill -9 rounds done: %d uploads sent, %d acknowledged and all byte-exact,"
                        + " %d cut off; %d attachments of the test on disk, each complete",
                sent.size(), acknowledged.size(), cut, attachments));
        assertThat(attachments).as("attachments on disk").isGreaterThanOrEqualTo(acknowledged.size());
    }

    private static List<Uploads> collect(List<Future<Uploads>> futures)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Uploads> results = new ArrayList<>();
        for (Future<Uploads> future : futures) {
            results.add(future.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    private static long bytes(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
