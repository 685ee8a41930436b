package org.opencoc.attachment.storage;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;

/**
 * A storage port that remembers the metadata its backend found, so that a download of an attachment
 * seen before reads no metadata from the backend (no {@code metadata.json} read and parse on the
 * filesystem, no {@code HEAD} request to S3). Everything else goes straight to the backend.
 *
 * <p>Why this is safe on both backends: an attachment's metadata is immutable. It is written once, by
 * {@link #publish}, together with the content, and nothing ever changes or deletes it; any instance
 * that found it once may answer it again. Only what the backend <em>found</em> is remembered:
 * <ul>
 * <li>an unknown id is not remembered as absent, so an attachment published later (by this or any other
 * instance) is found as soon as it exists, and every miss behaves exactly as the backend does (the same
 * empty answer, the same {@code STORAGE_UNAVAILABLE} error, the same time to fail);</li>
 * <li>{@link #publish} remembers nothing, so the metadata of an upload whose publish failed can never be
 * served; the first {@link #find} after a successful publish reads it from the backend, which is the one
 * authority on what was published.</li>
 * </ul>
 *
 * <p>Bounded in entries and in estimated bytes ({@link #estimatedBytes}); when either bound would be
 * exceeded, the entries remembered first are forgotten first. A hit takes no lock; a miss that finds
 * something takes one short lock to remember it.
 */
public final class MetadataCachingStore implements AttachmentStore, AutoCloseable {

    /** What an entry costs besides its strings: the record, the id, the hash, the instant, the map node. */
    private static final int FIXED_BYTES_PER_ENTRY = 320;

    private final AttachmentStore backend;
    private final int maxEntries;
    private final long maxBytes;
    private final ConcurrentHashMap<DocId, AttachmentMetadata> entries = new ConcurrentHashMap<>();
    /** The remembered metadata, oldest first; guarded by itself, as is {@link #bytes}. */
    private final ArrayDeque<AttachmentMetadata> order = new ArrayDeque<>();
    private long bytes;

    /**
     * @param backend    the adapter that stores the attachments
     * @param maxEntries at most this many attachments are remembered (at least 1)
     * @param maxBytes   at most this many estimated bytes of metadata are remembered (at least 1)
     */
    public MetadataCachingStore(AttachmentStore backend, int maxEntries, long maxBytes) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the bounds must be positive, were " + maxEntries + " entries and "
                    + maxBytes + " bytes");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    @Override
    public StagedFile stage(InputStream content, long maxBytes) {
        return backend.stage(content, maxBytes);
    }

    @Override
    public void publish(StagedFile staged, AttachmentMetadata metadata) {
        backend.publish(staged, metadata);
    }

    @Override
    public Optional<AttachmentMetadata> find(DocId docId) {
        AttachmentMetadata remembered = entries.get(docId);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<AttachmentMetadata> found = backend.find(docId);
        found.ifPresent(this::remember);
        return found;
    }

    @Override
    public InputStream open(AttachmentMetadata attachment, long offset, long length) {
        return backend.open(attachment, offset, length);
    }

    @Override
    public boolean isReady() {
        return backend.isReady();
    }

    /** Closes the backend when it is closeable. */
    @Override
    public void close() throws Exception {
        if (backend instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** How many attachments are remembered now. */
    public int size() {
        return entries.size();
    }

    /** The estimated bytes of the metadata remembered now. */
    public long bytes() {
        synchronized (order) {
            return bytes;
        }
    }

    /**
     * The estimated heap size of one entry: its strings at two bytes a character (the worst case of the
     * JVM's compact strings) and a fixed part for the record, the id, the hash and the map's node.
     */
    static long estimatedBytes(AttachmentMetadata metadata) {
        return FIXED_BYTES_PER_ENTRY + 2L * (metadata.docId().value().length() + metadata.fileName().value().length()
                + metadata.contentType().length() + metadata.domainId().length() + metadata.uploader().length());
    }

    private void remember(AttachmentMetadata metadata) {
        long cost = estimatedBytes(metadata);
        if (cost > maxBytes) {
            return;
        }
        synchronized (order) {
            if (entries.putIfAbsent(metadata.docId(), metadata) != null) {
                return;
            }
            order.addLast(metadata);
            bytes += cost;
            while (order.size() > maxEntries || bytes > maxBytes) {
                AttachmentMetadata oldest = order.removeFirst();
                entries.remove(oldest.docId());
                bytes -= estimatedBytes(oldest);
            }
        }
    }

    @Override
    public String toString() {
        return "attachment metadata cache: at most " + maxEntries + " attachments and " + maxBytes + " bytes, over the "
                + backend.getClass().getSimpleName();
    }
}
