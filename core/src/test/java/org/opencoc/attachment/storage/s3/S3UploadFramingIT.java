package org.opencoc.attachment.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.StagedFile;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 adapter's PutObject against a real S3Proxy through a {@link TamperingRelay}, which reproduces
 * the two races of issue 9 (finding 2) deterministically:
 * <ul>
 * <li>the last bytes of a body arrive late. With the SDK's signed {@code aws-chunked} body over http,
 * S3Proxy 4.1.0 (Jetty 12) answered 200 before the final zero-length chunk and closed the connection;
 * in a measurement with 20 PUTs and the tail held for 200 ms, 11 answers came early and 9 PUTs failed
 * on the client with "Error writing request body to server". With a plain Content-Length body the store
 * cannot answer before it has the whole body, and every PUT succeeds;</li>
 * <li>the answer to a PUT the store completed is lost: the upload fails (503), and the object it left
 * is deleted afterwards, so no object without an acknowledged id stays in the bucket.</li>
 * </ul>
 */
class S3UploadFramingIT {

    private static final Logger LOG = Logger.getLogger(S3UploadFramingIT.class.getName());
    private static final String BUCKET = "coc-framing";
    private static final Duration HOLD = Duration.ofMillis(200);
    private static final int LATE_TAIL_UPLOADS = 8;

    @TempDir
    static Path work;
    private static S3ProxyServer s3;
    private static S3Client direct;

    @BeforeAll
    static void startStore() {
        s3 = new S3ProxyServer(work.resolve("s3proxy")).start();
        direct = s3.client();
        direct.createBucket(request -> request.bucket(BUCKET));
    }

    @AfterAll
    static void stopStore() {
        if (direct != null) {
            direct.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void everyPutSucceedsAndTheStoreNeverAnswersEarlyWhenTheBodyTailArrivesLate() throws IOException {
        List<String> failures = new ArrayList<>();
        try (TamperingRelay relay = new TamperingRelay(s3.port(), TamperingRelay.Mode.LATE_BODY_TAIL, HOLD);
             S3AttachmentStore store = new S3AttachmentStore(settings(relay, "late-tail-staging"))) {
            for (int i = 0; i < LATE_TAIL_UPLOADS; i++) {
                byte[] content = randomBytes(300_000 + i);
                try {
                    AttachmentMetadata metadata = publish(store, content);
                    assertThat(direct.headObject(r -> r.bucket(BUCKET).key("attachments/" + metadata.docId().value()))
                            .contentLength()).isEqualTo(content.length);
                } catch (AttachmentException e) {
                    failures.add(e.getMessage());
                }
            }
            LOG.info(() -> String.format("Body tail held back %d ms: %d PUTs, %d failed, %d answers before the"
                    + " whole body was sent", HOLD.toMillis(), LATE_TAIL_UPLOADS, failures.size(), relay.earlyAnswers()));
            assertThat(failures).as("PUTs that failed").isEmpty();
            assertThat(relay.earlyAnswers()).as("answers before the whole body was sent").isZero();
        }
    }

    @Test
    void putWhoseAnswerIsLostFailsAndLeavesNoObject() throws IOException {
        try (TamperingRelay relay = new TamperingRelay(s3.port(), TamperingRelay.Mode.CUT_PUT_ANSWERS, HOLD);
             S3AttachmentStore store = new S3AttachmentStore(settings(relay, "cut-answer-staging"))) {
            byte[] content = randomBytes(50_000);
            DocId docId = DocId.random();

            assertThatThrownBy(() -> publish(store, content, docId))
                    .isInstanceOfSatisfying(AttachmentException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));

            long start = System.nanoTime();
            S3AttachmentStoreIT.awaitTrue(() -> !exists("attachments/" + docId.value()), Duration.ofSeconds(30),
                    "the object of the failed upload to be deleted");
            LOG.info(() -> String.format("PUT answers cut: %d; the object of the failed upload was gone %d ms"
                    + " after the 503", relay.cutAnswers(), (System.nanoTime() - start) / 1_000_000));
            assertThat(relay.cutAnswers()).as("PUTs the store completed without the client hearing").isPositive();
        }
    }

    private static boolean exists(String key) {
        try {
            direct.headObject(r -> r.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static AttachmentMetadata publish(S3AttachmentStore store, byte[] content) {
        return publish(store, content, DocId.random());
    }

    private static AttachmentMetadata publish(S3AttachmentStore store, byte[] content, DocId docId) {
        try (StagedFile staged = store.stage(new ByteArrayInputStream(content), 10_000_000)) {
            AttachmentMetadata metadata = new AttachmentMetadata(docId, FileName.of("framing.bin"),
                    TicketType.INCIDENT, staged.size(), "application/octet-stream", staged.sha256(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), "d-framing", "iam::d-framing:user:tester");
            store.publish(staged, metadata);
            return metadata;
        }
    }

    private static S3Settings settings(TamperingRelay relay, String staging) {
        return new S3Settings(relay.endpoint(), BUCKET, null, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true, false,
                null, null, work.resolve(staging));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
