package org.opencoc.attachment.storage;

import org.opencoc.attachment.upload.SampleFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

class StagingAreaTest {

    private static final int MAX_BYTES = 100_000;

    @TempDir
    Path root;

    private StagingArea staging() {
        StagingArea staging = new StagingArea(root.resolve(".staging"));
        staging.sweep();
        return staging;
    }

    @Test
    void computesSizeAndSha256WhileStaging() throws IOException {
        byte[] content = bytes(300_000);

        try (StagedFile staged = staging().stage(new ByteArrayInputStream(content), 1_000_000)) {
            assertThat(staged.size()).isEqualTo(content.length);
            assertThat(staged.sha256()).isEqualTo(SampleFiles.sha256(content));
            assertThat(Files.readAllBytes(staged.content())).isEqualTo(content);
        }
    }

    @Test
    void stagesEmptyStream() {
        try (StagedFile staged = staging().stage(InputStream.nullInputStream(), MAX_BYTES)) {
            assertThat(staged.size()).isZero();
            assertThat(staged.sha256()).isEqualTo(SampleFiles.sha256(new byte[0]));
        }
    }

    @Test
    void acceptsExactlyMaxBytes() {
        byte[] content = bytes(MAX_BYTES);

        try (StagedFile staged = staging().stage(new ByteArrayInputStream(content), MAX_BYTES)) {
            assertThat(staged.size()).isEqualTo(MAX_BYTES);
        }
    }

    @Test
    void refusesOneByteMoreThanMaxBytes() {
        StagingArea staging = staging();
        InputStream content = new ByteArrayInputStream(bytes(MAX_BYTES + 1));

        assertThatThrownBy(() -> staging.stage(content, MAX_BYTES))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
    }

    @Test
    void leavesNothingBehindWhenTooLarge() throws IOException {
        StagingArea staging = staging();
        InputStream content = new ByteArrayInputStream(bytes(MAX_BYTES + 1));

        assertThatThrownBy(() -> staging.stage(content, MAX_BYTES)).isInstanceOf(AttachmentException.class);

        assertThat(leftovers(staging.root())).isEmpty();
    }

    @Test
    void stopsReadingEndlessStreamSoonAfterTheLimit() {
        StagingArea staging = staging();
        EndlessStream endless = new EndlessStream();

        assertThatThrownBy(() -> staging.stage(endless, MAX_BYTES))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        assertThat(endless.delivered).isLessThanOrEqualTo(MAX_BYTES + 128 * 1024);
    }

    @Test
    void leavesNothingBehindWhenTheClientStreamFails() throws IOException {
        StagingArea staging = staging();
        InputStream failing = new FailingStream(200_000);

        assertThatThrownBy(() -> staging.stage(failing, 1_000_000)).isInstanceOf(UncheckedIOException.class);

        assertThat(leftovers(staging.root())).isEmpty();
    }

    @Test
    void closeDeletesUnpublishedStagedFile() throws IOException {
        StagingArea staging = staging();
        StagedFile staged = staging.stage(new ByteArrayInputStream(bytes(10)), MAX_BYTES);
        assertThat(staged.content()).exists();

        staged.close();

        assertThat(staged.directory()).doesNotExist();
        assertThat(leftovers(staging.root())).isEmpty();
    }

    @Test
    void closeTwiceIsHarmless() {
        StagedFile staged = staging().stage(new ByteArrayInputStream(bytes(10)), MAX_BYTES);
        staged.close();

        staged.close();

        assertThat(staged.directory()).doesNotExist();
    }

    @Test
    void sweepDeletesLeftoversOfEarlierRun() throws IOException {
        Path stagingRoot = root.resolve(".staging");
        Path leftover = Files.createDirectories(stagingRoot.resolve("0b9d0f5e-crashed"));
        Files.write(leftover.resolve(StagingArea.CONTENT), bytes(1000));
        Files.createFile(Files.createDirectories(leftover.resolve("nested")).resolve("x"));

        new StagingArea(stagingRoot).sweep();

        assertThat(leftovers(stagingRoot)).isEmpty();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void sweepCreatesMissingDirectory() {
        Path stagingRoot = root.resolve("a").resolve("b");

        new StagingArea(stagingRoot).sweep();

        assertThat(stagingRoot).isDirectory();
        assertThat(leftovers(stagingRoot)).isEmpty();
    }

    @Test
    void sweepDeletesTheAreaOfAProcessKilledWhileStaging() throws Exception {
        Path stagingRoot = root.resolve(".staging");
        Process child = StagingChild.start(stagingRoot, "halt");
        Path stagedByChild = StagingChild.awaitStaged(child);
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child halted").isTrue();
        assertThat(stagedByChild).exists();

        new StagingArea(stagingRoot).sweep();

        assertThat(stagedByChild).doesNotExist();
        assertThat(leftovers(stagingRoot)).isEmpty();
    }

    @Test
    void sweepKeepsTheUploadsOfALiveProcess() throws Exception {
        Path stagingRoot = root.resolve(".staging");
        Process child = StagingChild.start(stagingRoot, "wait");
        try {
            Path stagedByChild = StagingChild.awaitStaged(child);

            new StagingArea(stagingRoot).sweep();

            assertThat(stagedByChild).exists();
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sweepKeepsTheUploadsOfAnotherAreaInThisJvm() {
        StagingArea first = staging();
        StagedFile staged = first.stage(new ByteArrayInputStream(bytes(10)), MAX_BYTES);

        staging();

        assertThat(staged.content()).exists();
        staged.close();
    }

    @Test
    void closeDeletesTheOwnAreaAndItsLock() {
        StagingArea staging = staging();
        staging.stage(new ByteArrayInputStream(bytes(10)), MAX_BYTES);

        staging.close();

        assertThat(root.resolve(".staging")).isEmptyDirectory();
    }

    @Test
    void stageBeforeSweepIsRefused() {
        StagingArea staging = new StagingArea(root.resolve(".staging"));

        assertThatThrownBy(() -> staging.stage(InputStream.nullInputStream(), MAX_BYTES))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Every regular file under {@code stagingRoot} but the lock files of live areas: what a sweep must leave none of. */
    static List<Path> leftovers(Path stagingRoot) {
        try (Stream<Path> tree = Files.walk(stagingRoot)) {
            return tree.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().endsWith(StagingArea.LOCK_SUFFIX))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }


    /** A client that keeps sending. */
    private static final class EndlessStream extends InputStream {
        long delivered;

        @Override
        public int read() {
            delivered++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            delivered += length;
            return length;
        }
    }

    /** A client whose connection drops after {@code failAfter} bytes. */
    private static final class FailingStream extends InputStream {
        private final long failAfter;
        private long delivered;

        FailingStream(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (delivered >= failAfter) {
                throw new IOException("connection reset by peer");
            }
            int n = (int) Math.min(length, failAfter - delivered);
            delivered += n;
            return n;
        }
    }
}
