package org.opencoc.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.filesystem.FilesystemAttachmentStore;

class AttachmentUploaderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final DocId ID = DocId.parse("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f");
    private static final String DOMAIN = "domain-1";
    private static final String UPLOADER = "iam::domain-1:user:alice";

    @TempDir
    Path root;

    private FilesystemAttachmentStore store;
    private AttachmentUploader uploader;

    @BeforeEach
    void createUploader() {
        store = new FilesystemAttachmentStore(root);
        uploader = new AttachmentUploader(store, UploadRules.defaults(), new ContentTypeVerifier(),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);
    }

    @Test
    void publishesValidPngWithDetectedTypeAndClockTime() {
        byte[] png = SampleFiles.png();

        AttachmentMetadata metadata = upload("screenshot.png", png, Optional.empty());

        assertThat(metadata.docId()).isEqualTo(ID);
        assertThat(metadata.contentType()).isEqualTo("image/png");
        assertThat(metadata.createdAt()).isEqualTo(NOW);
        assertThat(metadata.size()).isEqualTo(png.length);
        assertThat(metadata.sha256()).isEqualTo(SampleFiles.sha256(png));
        assertThat(metadata.ownedBy(DOMAIN)).isTrue();
        assertThat(metadata.uploader()).isEqualTo(UPLOADER);
        assertThat(store.find(ID)).contains(metadata);
    }

    @Test
    void publishedContentIsTheUploadedBytes() throws IOException {
        byte[] png = SampleFiles.png();
        AttachmentMetadata metadata = upload("screenshot.png", png, Optional.empty());

        try (InputStream in = store.open(metadata, 0, metadata.size())) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void publishesWhenTheDigestMatches() {
        byte[] pdf = SampleFiles.pdf();
        Optional<ContentDigest> digest = ContentDigest.parse(
                "sha-256=:" + Base64.getEncoder().encodeToString(SampleFiles.sha256(pdf)) + ":");

        upload("report.pdf", pdf, digest);

        assertThat(store.find(ID)).isPresent();
    }

    @Test
    void publishesWhenTheRequestDigestMatchesAndTheFileHasNone() {
        byte[] pdf = SampleFiles.pdf();

        try (Upload upload = begin(uploader, digestHeaderOf(pdf), -1)) {
            upload.receive(FileName.of("report.pdf"), Optional.empty(), new ByteArrayInputStream(pdf));
            upload.publish();
        }

        assertThat(store.find(ID)).isPresent();
    }

    @Test
    void theDigestSentWithTheFileWinsOverTheRequestDigest() {
        byte[] pdf = SampleFiles.pdf();

        try (Upload upload = begin(uploader, digestHeaderOf(SampleFiles.png()), -1)) {
            upload.receive(FileName.of("report.pdf"), digestOf(pdf), new ByteArrayInputStream(pdf));
            upload.publish();
        }

        assertThat(store.find(ID)).isPresent();
    }

    @Test
    void aMismatchingDigestSentWithTheFileRefusesEvenWhenTheRequestDigestMatches() throws IOException {
        byte[] pdf = SampleFiles.pdf();

        assertThatThrownBy(() -> {
            try (Upload upload = begin(uploader, digestHeaderOf(pdf), -1)) {
                upload.receive(FileName.of("report.pdf"), digestOf(SampleFiles.png()), new ByteArrayInputStream(pdf));
                upload.publish();
            }
        }).isInstanceOfSatisfying(AttachmentException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
        assertNothingStoredOrStaged();
    }

    @Test
    void refusesDeclaredLengthOverTheLimitPlusFramingWhenItBegins() {
        UploadRules rules = UploadRules.of(100, "png");
        AttachmentUploader small = new AttachmentUploader(store, rules, new ContentTypeVerifier(),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);

        assertThatThrownBy(() -> begin(small, null, 100 + UploadRules.FRAMING_ALLOWANCE + 1))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
    }

    @Test
    void answersTooLargeBeforeLookingAtAMalformedRequestDigest() {
        AttachmentUploader small = new AttachmentUploader(store, UploadRules.of(100, "png"), new ContentTypeVerifier(),
                Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);

        assertThatThrownBy(() -> begin(small, "sha-256=not-a-digest", 100 + UploadRules.FRAMING_ALLOWANCE + 1))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
    }

    @Test
    void acceptsDeclaredLengthOfExactlyTheLimitPlusFramingAndAnUndeclaredOne() {
        byte[] png = SampleFiles.png();
        AttachmentUploader exact = new AttachmentUploader(store, UploadRules.of(png.length, "png"),
                new ContentTypeVerifier(), Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);

        try (Upload declared = begin(exact, null, png.length + UploadRules.FRAMING_ALLOWANCE);
             Upload chunked = begin(exact, null, -1)) {
            assertThat(declared.maxBodyBytes()).isEqualTo(png.length + UploadRules.FRAMING_ALLOWANCE);
            assertThat(chunked.maxFileBytes()).isEqualTo(png.length);
        }
    }

    @Test
    void closingAnUnpublishedUploadDeletesWhatWasStaged() throws IOException {
        try (Upload upload = begin(uploader, null, -1)) {
            upload.receive(FileName.of("screenshot.png"), Optional.empty(), new ByteArrayInputStream(SampleFiles.png()));
        }

        assertNothingStoredOrStaged();
    }

    @Test
    void receivesOneFileOnly() {
        try (Upload upload = begin(uploader, null, -1)) {
            upload.receive(FileName.of("a.png"), Optional.empty(), new ByteArrayInputStream(SampleFiles.png()));

            assertThatThrownBy(() -> upload.receive(FileName.of("b.png"), Optional.empty(),
                    new ByteArrayInputStream(SampleFiles.png()))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void publishesNothingBeforeAFileIsReceivedAndOnlyOnce() {
        try (Upload upload = begin(uploader, null, -1)) {
            assertThatThrownBy(upload::publish).isInstanceOf(IllegalStateException.class);

            upload.receive(FileName.of("a.png"), Optional.empty(), new ByteArrayInputStream(SampleFiles.png()));
            upload.publish();

            assertThatThrownBy(upload::publish).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesEmptyFileAndPublishesNothing() throws IOException {
        assertRefused("empty.txt", new byte[0], Optional.empty(), ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void refusesDigestMismatchAndPublishesNothing() throws IOException {
        Optional<ContentDigest> digestOfOtherContent = ContentDigest.parse(
                "sha-256=:" + Base64.getEncoder().encodeToString(SampleFiles.sha256(SampleFiles.jpeg())) + ":");

        assertRefused("screenshot.png", SampleFiles.png(), digestOfOtherContent, ErrorCode.CHECKSUM_MISMATCH);
    }

    @Test
    void refusesTypeMismatchAndPublishesNothing() throws IOException {
        assertRefused("screenshot.pdf", SampleFiles.png(), Optional.empty(), ErrorCode.UNSUPPORTED_FILE_TYPE);
    }

    @Test
    void refusesOversizedFileWhileReceiving() throws IOException {
        AttachmentUploader small = new AttachmentUploader(store, UploadRules.of(100, "png"),
                new ContentTypeVerifier(), Clock.fixed(NOW, ZoneOffset.UTC), () -> ID);
        InputStream png = new ByteArrayInputStream(SampleFiles.png());

        assertThatThrownBy(() -> {
            try (Upload upload = begin(small, null, -1)) {
                upload.receive(FileName.of("screenshot.png"), Optional.empty(), png);
            }
        })
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        assertNothingStoredOrStaged();
    }

    @Test
    void refusesExeBeforeReadingTheStream() throws IOException {
        InputStream mustNotBeRead = new InputStream() {
            @Override
            public int read() {
                return fail("receive() read the body of a refused upload");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return fail("receive() read the body of a refused upload");
            }
        };

        assertThatThrownBy(() -> {
            try (Upload upload = begin(uploader, null, -1)) {
                upload.receive(FileName.of("setup.exe"), Optional.empty(), mustNotBeRead);
            }
        })
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE));
        assertNothingStoredOrStaged();
    }

    /** Uploads {@code content} with {@code digest} on the file and none on the request. */
    private AttachmentMetadata upload(String name, byte[] content, Optional<ContentDigest> digest) {
        try (Upload upload = begin(uploader, null, content.length)) {
            upload.receive(FileName.of(name), digest, new ByteArrayInputStream(content));
            return upload.publish();
        }
    }

    private static Upload begin(AttachmentUploader uploader, String requestDigest, long declaredLength) {
        return uploader.begin(TicketType.INCIDENT, DOMAIN, UPLOADER, requestDigest, declaredLength);
    }

    private static String digestHeaderOf(byte[] content) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(SampleFiles.sha256(content)) + ":";
    }

    private static Optional<ContentDigest> digestOf(byte[] content) {
        return ContentDigest.parse(digestHeaderOf(content));
    }

    private void assertRefused(String name, byte[] content, Optional<ContentDigest> digest, ErrorCode expected)
            throws IOException {
        assertThatThrownBy(() -> upload(name, content, digest))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(expected));
        assertNothingStoredOrStaged();
    }

    private void assertNothingStoredOrStaged() throws IOException {
        assertThat(store.find(ID)).isEmpty();
        try (Stream<Path> staged = Files.walk(root.resolve(".staging"))) {
            assertThat(staged.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".lock")))
                    .as("staged files").isEmpty();
        }
        try (Stream<Path> files = Files.walk(root.resolve("attachments"))) {
            assertThat(files).containsExactly(root.resolve("attachments"));
        }
    }

}
