package org.opencoc.attachment.it.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Envelopes;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.process.S3ProxyProcess;

/**
 * One instance on S3 while the store goes away and comes back (S3Proxy stopped, then started again on
 * the same port with the same data): requests fail fast with the storage-unavailable envelope and
 * {@code Retry-After}, readiness goes down and up again, and the same instance works again without a
 * restart. Each test stops the store itself; the store runs again after every test.
 */
class StorageOutageIT {

    private static final Logger LOG = Logger.getLogger(StorageOutageIT.class.getName());

    /** DESIGN §4 / the S3 adapter: a request against a dead store fails within 2 s. */
    private static final Duration FAILURE_BOUND = Duration.ofSeconds(2);
    private static final String STORAGE_UNAVAILABLE = "GOM.00007265";

    private static Path work;
    private static S3ProxyProcess s3;
    private static PayaraMicroProcess instance;
    private static Service service;
    private static String token;
    private static String storedDocId;
    private static final byte[] STORED = Samples.pdf(2024);

    @BeforeAll
    static void startStoreAndInstance() {
        work = Cluster.workDirectory("StorageOutageIT");
        s3 = Cluster.s3Proxy(work).start();
        instance = Cluster.instance(work, "instance", s3).start();
        LOG.info(() -> "Started the instance on " + instance.baseUri() + " in "
                + instance.startupDuration().map(Duration::toMillis).orElse(-1L) + " ms");
        service = Cluster.client(instance);
        token = service.accountToken("domain-outage");
        storedDocId = service.uploadOk(token, "before-outage.pdf", STORED);
    }

    @AfterAll
    static void stopEverything() {
        Cluster.closeAll(instance, s3);
        Cluster.removeRuntimeCopies(work);
    }

    @BeforeEach
    void storeIsUpAndInstanceReady() {
        s3.start();
        Cluster.await("readiness UP", Cluster.READINESS_DEADLINE, () -> Cluster.readiness(service) == 200);
    }

    @AfterEach
    void storeRunsAgain() {
        s3.start();
    }

    @Test
    void downloadAnswersStorageUnavailableEnvelopeWhileStoreIsDown() {
        s3.stop();

        HttpResponse<byte[]> download = service.download(token, storedDocId);

        Envelopes.assertError(download, 503, STORAGE_UNAVAILABLE);
    }

    @Test
    void downloadAnswersRetryAfterWhileStoreIsDown() {
        s3.stop();

        HttpResponse<byte[]> download = service.download(token, storedDocId);

        assertThat(download.statusCode()).isEqualTo(503);
        assertThat(download.headers().firstValue("Retry-After")).hasValueSatisfying(
                value -> assertThat(Integer.parseInt(value)).as("Retry-After seconds").isPositive());
    }

    @Test
    void downloadFailsWithinTwoSecondsWhileStoreIsDown() {
        s3.stop();

        long start = System.nanoTime();
        HttpResponse<byte[]> download = service.download(token, storedDocId);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        LOG.info(() -> "Store down: the download answered " + download.statusCode() + " in " + elapsed.toMillis() + " ms");
        assertThat(download.statusCode()).isEqualTo(503);
        assertThat(elapsed).isLessThan(FAILURE_BOUND);
    }

    @Test
    void uploadAnswersStorageUnavailableEnvelopeWhileStoreIsDown() {
        s3.stop();

        HttpResponse<byte[]> upload = service.upload(token, "during-outage.txt", Samples.text(1, 2048));

        Envelopes.assertError(upload, 503, STORAGE_UNAVAILABLE);
        assertThat(upload.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void uploadFailsWithinTwoSecondsWhileStoreIsDown() {
        s3.stop();

        long start = System.nanoTime();
        HttpResponse<byte[]> upload = service.upload(token, "during-outage.txt", Samples.text(2, 2048));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        LOG.info(() -> "Store down: a 2 KiB upload answered " + upload.statusCode() + " in " + elapsed.toMillis() + " ms");
        assertThat(upload.statusCode()).isEqualTo(503);
        assertThat(elapsed).isLessThan(FAILURE_BOUND);
    }

    @Test
    void readinessReportsDownWhileStoreIsDown() {
        s3.stop();

        long start = System.nanoTime();
        HttpResponse<byte[]> down = Cluster.awaitValue("readiness DOWN (503)", Cluster.READINESS_DEADLINE,
                () -> Cluster.readinessAnswer(service).filter(answer -> answer.statusCode() == 503));
        Duration untilDown = Duration.ofNanos(System.nanoTime() - start);

        LOG.info(() -> "Store down: readiness reported DOWN after " + untilDown.toMillis() + " ms");
        assertThat(new String(down.body(), StandardCharsets.UTF_8)).contains("attachment-storage").contains("DOWN");
    }

    @Test
    void readinessReportsUpOnceStoreIsBack() {
        s3.stop();
        Cluster.await("readiness DOWN (503)", Cluster.READINESS_DEADLINE, () -> Cluster.readiness(service) == 503);

        long restart = System.nanoTime();
        s3.start();
        Duration s3Start = Duration.ofNanos(System.nanoTime() - restart);
        long started = System.nanoTime();
        HttpResponse<byte[]> up = Cluster.awaitValue("readiness UP (200)", Cluster.READINESS_DEADLINE,
                () -> Cluster.readinessAnswer(service).filter(answer -> answer.statusCode() == 200));
        Duration untilUp = Duration.ofNanos(System.nanoTime() - started);

        LOG.info(() -> "Store back: S3Proxy took " + s3Start.toMillis() + " ms to open its port, readiness reported UP "
                + untilUp.toMillis() + " ms later");
        assertThat(new String(up.body(), StandardCharsets.UTF_8)).contains("attachment-storage").contains("UP");
    }

    @Test
    void uploadsAndDownloadsWorkAgainOnTheSameInstanceOnceStoreIsBack() {
        long pid = instance.pid().orElseThrow();
        s3.stop();
        Cluster.await("readiness DOWN (503)", Cluster.READINESS_DEADLINE, () -> Cluster.readiness(service) == 503);
        s3.start();
        Cluster.await("readiness UP (200)", Cluster.READINESS_DEADLINE, () -> Cluster.readiness(service) == 200);
        byte[] content = Samples.text(3, 100_000);

        HttpResponse<byte[]> upload = service.upload(token, "after-outage.txt", content);
        assertThat(upload.statusCode()).as("upload after the store came back").isEqualTo(200);
        HttpResponse<byte[]> fresh = service.download(token, Service.json(upload).getString("id"));
        HttpResponse<byte[]> old = service.download(token, storedDocId);

        assertThat(instance.pid()).as("the same process, not restarted").contains(pid);
        assertThat(List.of(fresh.statusCode(), old.statusCode())).containsExactly(200, 200);
        assertThat(fresh.body()).isEqualTo(content);
        assertThat(old.body()).isEqualTo(STORED);
    }
}
