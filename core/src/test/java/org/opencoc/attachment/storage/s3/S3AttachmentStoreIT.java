package org.opencoc.attachment.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencoc.attachment.upload.SampleFiles;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.StagedFile;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 adapter against a real S3Proxy (filesystem backend, SigV4 on) running in this JVM on a loopback
 * port: the commit protocol, ranged reads, the metadata round trip, the store-side checksum, and
 * behaviour while the store is down. No S3 mocks.
 */
class S3AttachmentStoreIT {

    private static final String BUCKET = "coc-attachments-it";
    private static final Duration REQUIRED_FAILURE_TIME = Duration.ofSeconds(2);
    private static final String NON_ASCII_NAME = "报告 2026 \"final\"; v2.pdf";
    private static final Logger LOG = Logger.getLogger(S3AttachmentStoreIT.class.getName());

    @TempDir
    static Path work;
    private static S3ProxyServer s3proxy;
    private static S3Client direct;

    private S3AttachmentStore store;

    @BeforeAll
    static void startS3Proxy() {
        s3proxy = new S3ProxyServer(work.resolve("s3proxy")).start();
        direct = s3proxy.client();
        // A cold S3Proxy (JIT, loaded CI machine) may miss the 2 s budget of the first calls: the store
        // starts anyway and creates the bucket once the proxy answers, which is what is waited for here.
        try (S3AttachmentStore creator = new S3AttachmentStore(settings(BUCKET, true, "creator-staging"))) {
            awaitTrue(creator::isReady, Duration.ofSeconds(60), "the bucket to be created");
        }
    }

    @AfterAll
    static void stopS3Proxy() {
        if (direct != null) {
            direct.close();
        }
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    @BeforeEach
    void openStore() {
        store = new S3AttachmentStore(settings(BUCKET, false, "store-staging"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findsPublishedAttachmentWithEqualMetadataIncludingNonAsciiName() {
        byte[] content = randomBytes(10_000);
        AttachmentMetadata published = publish(content, NON_ASCII_NAME, "iam::d-1:user:José Ñúñez");

        assertThat(store.find(published.docId())).contains(published);
        assertThat(store.find(published.docId()).orElseThrow().fileName().value()).isEqualTo(NON_ASCII_NAME);
    }

    @Test
    void keepsUserMetadataAsciiOnTheWire() {
        AttachmentMetadata published = publish(randomBytes(100), NON_ASCII_NAME, "iam::d-1:user:José");

        HeadObjectResponse head = direct.headObject(b -> b.bucket(BUCKET).key("attachments/" + published.docId()));

        assertThat(head.metadata()).containsKeys("doc-id", "doc-name", "sha256", "domain-id", "uploader");
        assertThat(String.join("", head.metadata().values())).matches("\\p{ASCII}*");
        assertThat(head.contentType()).isEqualTo("application/octet-stream");
        assertThat(head.contentLength()).isEqualTo(100);
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({
            "0, 200000",      // the whole attachment
            "0, 1",           // the first byte
            "199999, 1",      // the last byte
            "65535, 70000",   // across buffer-sized boundaries, in the middle
            "123456, 76544",  // up to and including the last byte
            "5000, 0",        // nothing
            "200000, 0"})     // nothing, at the very end
    void opensExactlyTheRequestedBytes(long offset, long length) throws IOException {
        byte[] content = randomBytes(200_000);
        AttachmentMetadata published = publish(content, "evidence.bin", "iam::d-1:user:alice");

        byte[] read;
        try (InputStream in = store.open(published, offset, length)) {
            read = in.readAllBytes();
        }

        assertThat(read).isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) (offset + length)));
    }

    @Test
    void closingARangeStreamEarlyLeavesTheStoreUsable() throws IOException {
        byte[] content = randomBytes(300_000);
        AttachmentMetadata published = publish(content, "big.bin", "iam::d-1:user:alice");

        try (InputStream in = store.open(published, 0, content.length)) {
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOf(content, 10));
        }
        try (InputStream in = store.open(published, 1, 3)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1, 4));
        }
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(store.find(DocId.random())).isEmpty();
    }

    @Test
    void refusesToStartWhenTheBucketIsMissingAndMayNotBeCreated() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new S3AttachmentStore(settings("no-such-bucket-here", false, "missing-staging")));

        assertThat(failure).hasMessageContaining("no-such-bucket-here");
    }

    @Test
    void createsAMissingBucketWhenAskedTo() {
        String bucket = "created-" + UUID.randomUUID();
        try (S3AttachmentStore created = new S3AttachmentStore(settings(bucket, true, "created-staging"))) {
            assertThat(created.isReady()).isTrue();
        }
        direct.headBucket(b -> b.bucket(bucket));
    }

    @Test
    void storesTheSha256AsTheObjectChecksum() {
        byte[] content = randomBytes(50_000);
        AttachmentMetadata published = publish(content, "report.pdf", "iam::d-1:user:alice");
        String key = "attachments/" + published.docId();

        HeadObjectResponse head = direct.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        GetObjectAttributesResponse attributes = direct.getObjectAttributes(
                b -> b.bucket(BUCKET).key(key).objectAttributes(ObjectAttributes.CHECKSUM, ObjectAttributes.OBJECT_SIZE));

        assertThat(head.checksumSHA256()).isEqualTo(sha256Base64(content));
        assertThat(attributes.checksum().checksumSHA256()).isEqualTo(sha256Base64(content));
        assertThat(attributes.objectSize()).isEqualTo(content.length);
    }

    @Test
    void storeRejectsContentThatDoesNotMatchTheSentChecksum() {
        String key = "attachments/" + UUID.randomUUID();

        S3Exception rejected = assertThrows(S3Exception.class, () -> direct.putObject(
                b -> b.bucket(BUCKET).key(key).checksumSHA256(sha256Base64("other".getBytes(StandardCharsets.UTF_8))),
                RequestBody.fromBytes("content".getBytes(StandardCharsets.UTF_8))));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(objectKeys()).doesNotContain(key);
    }

    @Test
    void stagedUploadThatIsNeverPublishedLeavesNoObject() throws IOException {
        List<String> before = objectKeys();

        try (StagedFile staged = store.stage(new ByteArrayInputStream(randomBytes(5_000)), 1_000_000)) {
            assertThat(staged.content()).exists();
            assertThat(objectKeys()).isEqualTo(before);
        }

        assertThat(objectKeys()).isEqualTo(before);
        try (var staged = Files.walk(work.resolve("store-staging"))) {
            assertThat(staged.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".lock")))
                    .as("staged files besides the lock of the live store").isEmpty();
        }
    }

    @Test
    void failsFastWhileS3ProxyIsDownAndRecoversWithoutANewStore() throws IOException {
        byte[] content = randomBytes(20_000);
        AttachmentMetadata existing = publish(content, "before-outage.txt", "iam::d-1:user:alice");
        assertThat(store.isReady()).isTrue();

        s3proxy.stop();
        try {
            log("find while down", failureTime(() -> store.find(existing.docId())).toString());
            log("open while down", failureTime(() -> store.open(existing, 0, 10)).toString());
            try (StagedFile staged = store.stage(new ByteArrayInputStream(content), 1_000_000)) {
                AttachmentMetadata next = metadataFor(staged, "during-outage.txt", "iam::d-1:user:alice");
                log("publish while down", failureTime(() -> store.publish(staged, next)).toString());
            }
            awaitTrue(() -> !store.isReady(), Duration.ofSeconds(5), "isReady() to turn false");

            S3AttachmentStore startedDuringOutage = timed("start-up while down",
                    () -> new S3AttachmentStore(settings(BUCKET, false, "outage-staging")));
            try (startedDuringOutage) {
                assertThat(startedDuringOutage.isReady()).isFalse();
                s3proxy.start();
                awaitTrue(startedDuringOutage::isReady, Duration.ofSeconds(10), "the store started during the outage to become ready");
            }
        } finally {
            s3proxy.start();
        }

        awaitTrue(store::isReady, Duration.ofSeconds(10), "isReady() to turn true again");
        assertThat(store.find(existing.docId())).contains(existing);
        try (InputStream in = store.open(existing, 0, content.length)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        AttachmentMetadata after = publish(content, "after-outage.txt", "iam::d-1:user:alice");
        assertThat(store.find(after.docId())).contains(after);
    }

    @Test
    void givesUpOnAHungStoreWithinTheCallTimeout() throws IOException {
        // a listening socket nobody accepts from: connections succeed, no response ever comes
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            S3Settings hungSettings = new S3Settings(java.net.URI.create("http://127.0.0.1:" + hung.getLocalPort()),
                    BUCKET, null, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true, false, null, null,
                    work.resolve("hung-staging"));

            S3AttachmentStore hungStore = timed("start-up against a hung store",
                    () -> new S3AttachmentStore(hungSettings));
            try (hungStore) {
                Duration took = failureTime(() -> hungStore.find(DocId.random()));
                log("find against a hung store", took.toString());
                assertThat(hungStore.isReady()).isFalse();
                assertThat(took).isLessThan(hungSettings.callTimeout());
            }
        }
    }

    private AttachmentMetadata publish(byte[] content, String name, String uploader) {
        try (StagedFile staged = store.stage(new ByteArrayInputStream(content), 1_000_000)) {
            AttachmentMetadata metadata = metadataFor(staged, name, uploader);
            store.publish(staged, metadata);
            return metadata;
        }
    }

    private static AttachmentMetadata metadataFor(StagedFile staged, String name, String uploader) {
        return new AttachmentMetadata(DocId.random(), FileName.of(name), TicketType.INCIDENT, staged.size(),
                "application/octet-stream", staged.sha256(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "d-1", uploader);
    }

    /** Runs {@code action}, which must fail with STORAGE_UNAVAILABLE in under 2 s, and returns how long it took. */
    private static Duration failureTime(Executable action) {
        long start = System.nanoTime();
        AttachmentException failure = assertThrows(AttachmentException.class, action);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.errorCode()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(took).isLessThan(REQUIRED_FAILURE_TIME);
        return took;
    }

    private static <T> T timed(String what, Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        log(what, Duration.ofNanos(System.nanoTime() - start).toString());
        return result;
    }

    /** Records a measured time in the test output (failsafe's {@code *-output.txt}). */
    private static void log(String what, String took) {
        LOG.info(() -> what + " took " + took);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static List<String> objectKeys() {
        return direct.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    private static S3Settings settings(String bucket, boolean createBucket, String staging) {
        return new S3Settings(s3proxy.endpoint(), bucket, null, S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, true, createBucket, null, null, work.resolve(staging));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256Base64(byte[] content) {
        return Base64.getEncoder().encodeToString(SampleFiles.sha256(content));
    }
}
