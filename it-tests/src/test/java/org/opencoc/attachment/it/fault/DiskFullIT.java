package org.opencoc.attachment.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Envelopes;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.scaleout.Cluster;
import org.opencoc.attachment.it.scaleout.Samples;

/**
 * The filesystem store on a small tmpfs that fills up: an upload that runs out of space, in its body
 * or in its {@code metadata.json}, answers 503 with {@code Retry-After} and the storage envelope, leaves
 * no partial file and no temporary file, and once space is freed uploads work again without a restart.
 *
 * <p>The store is the shared one of {@link FaultRig#sharedFilesystem()}, whose root is on a tmpfs the
 * test JVM mounts ({@code mount -t tmpfs}, which needs root); where the mount is refused the class is
 * skipped with a message saying so. Each test fills the disk with a filler file and deletes it afterwards.
 */
class DiskFullIT {

    private static final Logger LOG = Logger.getLogger(DiskFullIT.class.getName());
    private static final int PAGE = 4096;
    private static final String STORAGE_UNAVAILABLE = "GOM.00007265";

    private static Path mountPoint;
    private static Path root;
    private static Service service;
    private static String token;

    @BeforeAll
    static void onTheSmallDisk() {
        FaultRig.SharedFilesystem rig = FaultRig.sharedFilesystem();
        if (rig.smallDisk().isEmpty()) {
            LOG.log(Level.WARNING, "DISK-FULL TESTS SKIPPED: no tmpfs ({0}); they need root", rig.mountRefusal());
        }
        Assumptions.assumeTrue(rig.smallDisk().isPresent(), "DISK-FULL TESTS SKIPPED: 'mount -t tmpfs' was refused ("
                + rig.mountRefusal() + "); run as root to test the full-disk behaviour");
        mountPoint = rig.smallDisk().orElseThrow();
        root = rig.root();
        service = Cluster.client(rig.instance());
        token = service.accountToken("domain-disk-full");
    }

    @AfterEach
    void freeTheSpace() throws IOException {
        Files.deleteIfExists(filler());
    }

    @Test
    void uploadThatRunsOutOfSpaceInItsBodyAnswers503WithRetryAfterAndLeavesNothing() throws IOException {
        int published = FaultRig.published(root).size();
        fillLeaving(1024 * 1024);
        long freeBefore = free();

        HttpResponse<byte[]> upload = service.upload(token, "too-big-for-the-disk.txt", Samples.text(1, 3 * 1024 * 1024));

        Envelopes.assertError(upload, 503, STORAGE_UNAVAILABLE);
        assertThat(upload.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(FaultRig.published(root)).as("published attachments").hasSize(published);
        assertThat(FaultRig.stagedFiles(root.resolve(".staging"))).as("temporary files").isEmpty();
        assertThat(free()).as("free bytes after the failed upload").isEqualTo(freeBefore);
        LOG.info(() -> "Out of space in the body: " + upload.statusCode() + " " + upload.headers().firstValue("Retry-After")
                .orElse("") + "; free bytes before and after: " + freeBefore);
    }

    @Test
    void uploadWhoseContentFitsButMetadataDoesNotAnswers503AndLeavesNothing() throws IOException {
        byte[] content = Samples.text(2, 16 * PAGE);
        int published = FaultRig.published(root).size();
        // exactly the pages of the content are free: the content is staged, metadata.json is not
        fillLeaving(content.length);

        HttpResponse<byte[]> upload = service.upload(token, "fits-but-metadata-does-not.txt", content);

        Envelopes.assertError(upload, 503, STORAGE_UNAVAILABLE);
        assertThat(upload.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(FaultRig.published(root)).as("published attachments").hasSize(published);
        assertThat(FaultRig.stagedFiles(root.resolve(".staging"))).as("temporary files").isEmpty();
    }

    @Test
    void uploadsWorkAgainWithoutRestartOnceSpaceIsFreed() throws IOException {
        fillLeaving(0);
        HttpResponse<byte[]> refused = service.upload(token, "while-full.txt", Samples.text(3, 64 * 1024));
        assertThat(refused.statusCode()).as("upload while the disk is full").isEqualTo(503);

        Files.delete(filler());
        byte[] content = Samples.text(4, 2 * 1024 * 1024);
        String docId = service.uploadOk(token, "after-freeing.txt", content);
        HttpResponse<byte[]> download = service.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    private static Path filler() {
        return mountPoint.resolve("filler");
    }

    private static long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Writes a filler file so that exactly {@code bytes} (rounded up to whole pages) stay free. */
    private static void fillLeaving(long bytes) throws IOException {
        long keep = (bytes + PAGE - 1) / PAGE * PAGE;
        long toWrite = free() - keep;
        ByteBuffer block = ByteBuffer.allocate(1024 * 1024);
        try (FileChannel out = FileChannel.open(filler(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (toWrite > 0) {
                block.clear().limit((int) Math.min(block.capacity(), toWrite));
                toWrite -= out.write(block);
            }
        } catch (IOException e) {
            if (keep > 0) {
                throw new UncheckedIOException("Cannot fill the tmpfs to " + keep + " free bytes", e);
            }
        }
        assertThat(free()).as("free bytes after filling").isEqualTo(keep);
    }

}
