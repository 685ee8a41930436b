package org.opencoc.attachment.storage.filesystem;

import org.opencoc.attachment.upload.SampleFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.StagedFile;
import org.opencoc.attachment.storage.StagingArea;

class FilesystemAttachmentStoreTest {

    private static final int MAX_BYTES = 1_000_000;
    private static final int LENGTH = 200_000;
    private static final byte[] CONTENT = content(LENGTH);
    private static final DocId ID = DocId.parse("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f");

    @TempDir
    Path root;

    @Test
    void stagesWithSizeAndSha256() {
        try (StagedFile staged = new FilesystemAttachmentStore(root).stage(new ByteArrayInputStream(CONTENT), MAX_BYTES)) {
            assertThat(staged.size()).isEqualTo(LENGTH);
            assertThat(staged.sha256()).isEqualTo(SampleFiles.sha256(CONTENT));
        }
    }

    @Test
    void acceptsExactlyMaxBytes() {
        try (StagedFile staged = new FilesystemAttachmentStore(root).stage(new ByteArrayInputStream(CONTENT), LENGTH)) {
            assertThat(staged.size()).isEqualTo(LENGTH);
        }
    }

    @Test
    void refusesMaxBytesPlusOneAndLeavesStagingEmpty() throws IOException {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        InputStream content = new ByteArrayInputStream(CONTENT);

        assertThatThrownBy(() -> store.stage(content, LENGTH - 1))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void publishedAttachmentIsFoundWithEqualMetadata() {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        AttachmentMetadata metadata = publish(store, ID, CONTENT);

        assertThat(store.find(ID)).contains(metadata);
    }

    @Test
    void keepsNonAsciiNameThroughPublish() {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        publish(store, ID, CONTENT);

        assertThat(store.find(ID).orElseThrow().fileName().value()).isEqualTo("Störungsbericht 東京 \"v2\".pdf");
    }

    @Test
    void publishLeavesStagingEmpty() throws IOException {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        publish(store, ID, CONTENT);

        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void opensTheWholeContent() throws IOException {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        AttachmentMetadata metadata = publish(store, ID, CONTENT);

        try (InputStream in = store.open(metadata, 0, LENGTH)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
    }

    @ParameterizedTest(name = "offset {0}, length {1}")
    @CsvSource({
            "0, 1",
            "1, 10",
            "65535, 2",
            "65536, 70000",
            "100000, 100000",
            "199999, 1",
            "12345, 0",
            "200000, 0"})
    void opensExactlyTheRequestedRange(int offset, int length) throws IOException {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        AttachmentMetadata metadata = publish(store, ID, CONTENT);

        try (InputStream in = store.open(metadata, offset, length)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(CONTENT, offset, offset + length));
        }
    }

    @Test
    void opensTheLastByte() throws IOException {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        AttachmentMetadata metadata = publish(store, ID, CONTENT);

        try (InputStream in = store.open(metadata, LENGTH - 1, 1)) {
            assertThat(in.read()).isEqualTo(CONTENT[LENGTH - 1] & 0xff);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void findOfUnknownIdIsEmpty() {
        assertThat(new FilesystemAttachmentStore(root).find(DocId.random())).isEmpty();
    }

    @Test
    void openOfUnpublishedAttachmentIsNotFound() {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);
        AttachmentMetadata never = metadata(ID, CONTENT);

        assertThatThrownBy(() -> store.open(never, 0, 1))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void newStoreSweepsLeftoversOfCrashedUpload() throws IOException {
        Path leftover = Files.createDirectories(root.resolve(".staging").resolve("crashed-upload"));
        Files.write(leftover.resolve(StagingArea.CONTENT), Arrays.copyOf(CONTENT, 1000));

        new FilesystemAttachmentStore(root);

        assertThat(stagedFiles()).isEmpty();
        assertThat(root.resolve("attachments")).isEmptyDirectory();
    }

    @Test
    void crashBeforeRenameLeavesNothingVisible() throws IOException {
        Path leftover = Files.createDirectories(root.resolve(".staging").resolve("crashed-publish"));
        Files.write(leftover.resolve(StagingArea.CONTENT), CONTENT);
        Files.writeString(leftover.resolve("metadata.json"), "{\"doc_id\":\"" + ID.value() + "\"");

        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);

        assertThat(store.find(ID)).isEmpty();
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void crashBetweenStagingAndPublishLeavesNothingVisible() throws IOException {
        // what a process killed after staging leaves: its unlocked lock file and its area
        Path crashedArea = root.resolve(".staging").resolve("p4242-0badc0de");
        Files.createDirectories(crashedArea.resolve("0b9d0f5e-staged"));
        Files.createFile(root.resolve(".staging").resolve("p4242-0badc0de.lock"));
        Files.write(crashedArea.resolve("0b9d0f5e-staged").resolve(StagingArea.CONTENT), CONTENT);

        FilesystemAttachmentStore restarted = new FilesystemAttachmentStore(root);

        assertThat(restarted.find(ID)).isEmpty();
        assertThat(crashedArea).doesNotExist();
        assertThat(stagedFiles()).isEmpty();
        try (Stream<Path> published = Files.walk(root.resolve("attachments"))) {
            assertThat(published).containsExactly(root.resolve("attachments"));
        }
    }

    @Test
    void restartKeepsPublishedAttachments() {
        AttachmentMetadata metadata = publish(new FilesystemAttachmentStore(root), ID, CONTENT);

        assertThat(new FilesystemAttachmentStore(root).find(ID)).contains(metadata);
    }

    @Test
    void stagedButUnpublishedAttachmentIsNotVisible() {
        FilesystemAttachmentStore store = new FilesystemAttachmentStore(root);

        try (StagedFile staged = store.stage(new ByteArrayInputStream(CONTENT), MAX_BYTES)) {
            assertThat(staged.content()).exists();
            assertThat(store.find(ID)).isEmpty();
        }
    }

    @Test
    void isReadyOnWritableRoot() {
        assertThat(new FilesystemAttachmentStore(root).isReady()).isTrue();
    }

    /** The regular files under the staging directory, lock files of live areas aside. */
    private List<Path> stagedFiles() throws IOException {
        try (Stream<Path> tree = Files.walk(root.resolve(".staging"))) {
            return tree.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".lock")).toList();
        }
    }

    private static AttachmentMetadata publish(FilesystemAttachmentStore store, DocId id, byte[] content) {
        try (StagedFile staged = store.stage(new ByteArrayInputStream(content), MAX_BYTES)) {
            AttachmentMetadata metadata = metadata(id, content);
            store.publish(staged, metadata);
            return metadata;
        }
    }

    private static AttachmentMetadata metadata(DocId id, byte[] content) {
        return new AttachmentMetadata(id, FileName.of("Störungsbericht 東京 \"v2\".pdf"), TicketType.INCIDENT,
                content.length, "application/pdf", SampleFiles.sha256(content), Instant.parse("2025-03-01T10:15:30Z"),
                "domain-1", "iam::domain-1:user:alice");
    }

    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

}
