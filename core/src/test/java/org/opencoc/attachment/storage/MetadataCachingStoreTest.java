package org.opencoc.attachment.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.model.TicketType;
import org.opencoc.attachment.storage.filesystem.FilesystemAttachmentStore;
import org.opencoc.attachment.upload.SampleFiles;

/**
 * The metadata cache over the real filesystem adapter; {@link Counting} only counts the calls that
 * reach the adapter, so a test can tell a hit from a read of the backend.
 */
class MetadataCachingStoreTest {

    private static final byte[] CONTENT = "incident evidence".getBytes(StandardCharsets.US_ASCII);
    private static final long BIG = Long.MAX_VALUE;

    @TempDir
    Path root;

    @Test
    void hitAnswersTheSameMetadataWithoutReadingTheBackend() {
        Counting backend = new Counting(new FilesystemAttachmentStore(root));
        MetadataCachingStore store = new MetadataCachingStore(backend, 10, BIG);
        AttachmentMetadata published = publish(store, DocId.random());

        Optional<AttachmentMetadata> first = store.find(published.docId());
        Optional<AttachmentMetadata> second = store.find(published.docId());

        assertThat(first).contains(published);
        assertThat(second).contains(published);
        assertThat(backend.finds.get()).isEqualTo(1);
    }

    @Test
    void unknownIdIsNotRememberedAsAbsent() {
        Counting backend = new Counting(new FilesystemAttachmentStore(root));
        MetadataCachingStore store = new MetadataCachingStore(backend, 10, BIG);
        DocId id = DocId.random();

        assertThat(store.find(id)).isEmpty();
        AttachmentMetadata publishedLater = publish(store, id);

        assertThat(store.find(id)).contains(publishedLater);
        assertThat(backend.finds.get()).isEqualTo(2);
    }

    @Test
    void failedPublishIsNeverServed() {
        Counting backend = new Counting(new FilesystemAttachmentStore(root));
        MetadataCachingStore store = new MetadataCachingStore(backend, 10, BIG);
        DocId id = DocId.random();
        StagedFile staged = store.stage(new ByteArrayInputStream(CONTENT), 1_000);
        staged.close();

        assertThrows(RuntimeException.class, () -> store.publish(staged, metadata(id, "lost.txt")));

        assertThat(store.find(id)).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void entryBoundHoldsAndTheOldestIsForgottenFirst() {
        Counting backend = new Counting(new FilesystemAttachmentStore(root));
        MetadataCachingStore store = new MetadataCachingStore(backend, 3, BIG);
        List<AttachmentMetadata> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(publish(store, DocId.random()));
        }

        published.forEach(metadata -> store.find(metadata.docId()));
        assertThat(store.size()).isEqualTo(3);
        int afterFilling = backend.finds.get();
        assertThat(store.find(published.get(4).docId())).contains(published.get(4));
        assertThat(backend.finds.get()).as("the newest is still remembered").isEqualTo(afterFilling);
        assertThat(store.find(published.get(0).docId())).contains(published.get(0));
        assertThat(backend.finds.get()).as("the oldest was forgotten and read again").isEqualTo(afterFilling + 1);
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void byteBoundHolds() {
        Counting backend = new Counting(new FilesystemAttachmentStore(root));
        AttachmentMetadata sample = metadata(DocId.random(), "evidence.txt");
        long twoEntries = 2 * MetadataCachingStore.estimatedBytes(sample);
        MetadataCachingStore store = new MetadataCachingStore(backend, 1_000, twoEntries);

        for (int i = 0; i < 10; i++) {
            store.find(publish(store, DocId.random()).docId());
        }

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.bytes()).isLessThanOrEqualTo(twoEntries);
    }

    @Test
    void missesAndContentGoToTheBackend() throws Exception {
        Counting backend = new Counting(new FilesystemAttachmentStore(root));
        MetadataCachingStore store = new MetadataCachingStore(backend, 10, BIG);
        AttachmentMetadata published = publish(store, DocId.random());

        AttachmentMetadata found = store.find(published.docId()).orElseThrow();
        try (InputStream in = store.open(found, 0, CONTENT.length)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
        assertThat(store.isReady()).isTrue();
    }

    @Test
    void refusesBoundsThatAreNotPositive() {
        FilesystemAttachmentStore backend = new FilesystemAttachmentStore(root);

        assertThrows(IllegalArgumentException.class, () -> new MetadataCachingStore(backend, 0, BIG));
        assertThrows(IllegalArgumentException.class, () -> new MetadataCachingStore(backend, 10, 0));
    }

    private static AttachmentMetadata publish(AttachmentStore store, DocId id) {
        try (StagedFile staged = store.stage(new ByteArrayInputStream(CONTENT), 1_000)) {
            AttachmentMetadata metadata = metadata(id, "evidence.txt");
            store.publish(staged, metadata);
            return metadata;
        }
    }

    private static AttachmentMetadata metadata(DocId id, String name) {
        return new AttachmentMetadata(id, FileName.of(name), TicketType.INCIDENT, CONTENT.length, "text/plain",
                SampleFiles.sha256(CONTENT), Instant.parse("2026-12-01T10:15:30Z"), "domain-1",
                "iam::domain-1:user:alice");
    }

    /** The real adapter, with a count of the {@code find} calls that reach it. */
    private static final class Counting implements AttachmentStore {

        private final AttachmentStore delegate;
        private final AtomicInteger finds = new AtomicInteger();

        Counting(AttachmentStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public StagedFile stage(InputStream content, long maxBytes) {
            return delegate.stage(content, maxBytes);
        }

        @Override
        public void publish(StagedFile staged, AttachmentMetadata metadata) {
            delegate.publish(staged, metadata);
        }

        @Override
        public Optional<AttachmentMetadata> find(DocId docId) {
            finds.incrementAndGet();
            return delegate.find(docId);
        }

        @Override
        public InputStream open(AttachmentMetadata attachment, long offset, long length) {
            return delegate.open(attachment, offset, length);
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }
    }
}
