package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.scaleout.Cluster;
import org.opencoc.attachment.it.scaleout.Samples;
import org.opencoc.attachment.it.scaleout.Samples.Sample;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Many uploads through two instances on one healthy S3Proxy (the shared {@link FaultRig#sharedS3()}): none fails, each is served byte-exact by
 * the other instance, and the bucket holds no object without an acknowledged id (an upload answered
 * with an error leaves nothing reachable behind).
 *
 * <p>Round count and concurrency are system properties: {@code it.soak.uploads} (default
 * {@value #DEFAULT_UPLOADS}, small for CI; the figure is 2,000) and {@code it.soak.concurrency}
 * (default {@value #DEFAULT_CONCURRENCY}). The figures (answers by status, latencies) go to the log.
 */
class S3UploadSoakIT {

    private static final Logger LOG = Logger.getLogger(S3UploadSoakIT.class.getName());

    static final int DEFAULT_UPLOADS = 160;
    static final int DEFAULT_CONCURRENCY = 16;
    private static final Duration DEADLINE = Duration.ofMinutes(30);
    private static final String DOMAIN = "domain-soak";

    private static FaultRig.SharedS3 rig;

    @BeforeAll
    static void startStoreAndTwoInstances() {
        rig = FaultRig.sharedS3();
    }

    @Test
    void everyUploadSucceedsIsServedByTheOtherInstanceAndLeavesNoOrphan() throws InterruptedException {
        int uploads = Integer.getInteger("it.soak.uploads", DEFAULT_UPLOADS);
        int concurrency = Integer.getInteger("it.soak.concurrency", DEFAULT_CONCURRENCY);
        Service viaA = Cluster.client(rig.a());
        Service viaB = Cluster.client(rig.b());
        String token = viaA.accountToken(DOMAIN);
        Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        Map<Integer, String> failures = new ConcurrentHashMap<>();
        Map<Integer, String> mismatches = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < uploads; i++) {
            int index = i;
            pool.execute(() -> {
                Sample sample = sample(index);
                Service via = index % 2 == 0 ? viaA : viaB;
                Service other = index % 2 == 0 ? viaB : viaA;
                long sent = System.nanoTime();
                HttpResponse<byte[]> answer;
                try {
                    answer = via.upload(token, sample.name(), sample.content());
                } catch (UncheckedIOException e) {
                    failures.put(index, e.toString());
                    return;
                }
                latencies.add((System.nanoTime() - sent) / 1_000_000);
                if (answer.statusCode() != 200) {
                    failures.put(index, answer.statusCode() + " " + new String(answer.body(), StandardCharsets.UTF_8));
                    return;
                }
                String docId = Service.json(answer).getString("id");
                acknowledged.put(index, docId);
                HttpResponse<byte[]> download = other.download(token, docId);
                if (download.statusCode() != 200 || !Samples.sha256Hex(download.body()).equals(sample.sha256())) {
                    mismatches.put(index, docId + ": " + download.statusCode());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("the soak ends").isTrue();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        Set<String> acknowledgedIds = Set.copyOf(acknowledged.values());
        List<String> orphans = new ArrayList<>();
        int objects = 0;
        S3Client direct = rig.direct();
        for (S3Object object : direct.listObjectsV2Paginator(r -> r.bucket(Cluster.BUCKET)).contents()) {
            Map<String, String> metadata = direct.headObject(r -> r.bucket(Cluster.BUCKET).key(object.key())).metadata();
            if (!DOMAIN.equals(URLDecoder.decode(metadata.getOrDefault("domain-id", ""), StandardCharsets.UTF_8))) {
                continue; // another fault test's object
            }
            objects++;
            String docId = URLDecoder.decode(metadata.getOrDefault("doc-id", "?"), StandardCharsets.UTF_8);
            if (!acknowledgedIds.contains(docId)) {
                orphans.add(object.key());
            }
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        Map<String, Long> failuresByKind = failures.values().stream()
                .collect(Collectors.groupingBy(f -> f.length() > 120 ? f.substring(0, 120) : f, TreeMap::new,
                        Collectors.counting()));
        int objectCount = objects;
        LOG.info(() -> String.format("S3 upload soak: %d uploads at concurrency %d through A and B in %d s:"
                        + " %d acknowledged, %d failed %s, %d not served byte-exact by the other instance;"
                        + " %d objects of the soak in the bucket, %d without an acknowledged id; latency ms p50 %d, p99 %d, max %d",
                uploads, concurrency, elapsed.toSeconds(), acknowledged.size(), failures.size(), failuresByKind,
                mismatches.size(), objectCount, orphans.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 1.0)));
        assertThat(failures).as("uploads that failed on a healthy store").isEmpty();
        assertThat(mismatches).as("uploads not served byte-exact by the other instance").isEmpty();
        assertThat(orphans).as("objects in the bucket without an acknowledged id").isEmpty();
    }

    /**
     * Upload {@code i}: the mixed types of the scale-out tests, every fourth a larger text (256 KiB to
     * 2 MiB); with {@code -Dit.soak.profile=large} every upload is a text of 1 to 9 MiB.
     */
    private static Sample sample(int i) {
        if ("large".equals(System.getProperty("it.soak.profile"))) {
            return new Sample("soak-" + i + ".txt", Samples.text(i, (1 + i * 7919 % 8) * 1024 * 1024 + i % 4096));
        }
        if (i % 4 == 3) {
            return new Sample("soak-" + i + ".txt", Samples.text(i, 256 * 1024 + (i * 7919 % 1792) * 1024));
        }
        return Samples.mixed(i);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }
}
