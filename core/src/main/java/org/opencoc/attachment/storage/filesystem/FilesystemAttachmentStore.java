package org.opencoc.attachment.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.apache.commons.io.input.BoundedInputStream;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.AttachmentMetadata;
import org.opencoc.attachment.model.DocId;
import org.opencoc.attachment.storage.AttachmentStore;
import org.opencoc.attachment.storage.MetadataCodec;
import org.opencoc.attachment.storage.StagedFile;
import org.opencoc.attachment.storage.StagingArea;

/**
 * Attachments on the local filesystem, under one root directory:
 * <pre>
 * root/.staging/&lt;random&gt;/content              an upload in flight (private)
 * root/attachments/&lt;ab&gt;/&lt;doc_id&gt;/content        a published attachment ...
 * root/attachments/&lt;ab&gt;/&lt;doc_id&gt;/metadata.json  ... and its metadata
 * </pre>
 * Publishing writes {@code metadata.json} next to the staged content, fsyncs it and the directory,
 * then renames the whole directory into place with one atomic rename, so content and metadata appear
 * together or not at all. Staging lives under the same root so the rename never crosses filesystems.
 *
 * <p>One process owns a root: the store sweeps the staging area when it starts. For several instances
 * use the S3 adapter.
 */
public final class FilesystemAttachmentStore implements AttachmentStore {

    private static final String METADATA = "metadata.json";

    private final Path attachments;
    private final StagingArea staging;

    /** Opens (creating if needed) the store under {@code root} and sweeps leftovers of an earlier crash. */
    public FilesystemAttachmentStore(Path root) {
        this.attachments = root.resolve("attachments");
        this.staging = new StagingArea(root.resolve(".staging"));
        try {
            Files.createDirectories(attachments);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the attachment directory " + attachments, e);
        }
        staging.sweep();
    }

    @Override
    public StagedFile stage(InputStream content, long maxBytes) {
        return staging.stage(content, maxBytes);
    }

    @Override
    public void publish(StagedFile staged, AttachmentMetadata metadata) {
        Path target = directoryOf(metadata.docId());
        try {
            Path metadataFile = staged.directory().resolve(METADATA);
            try (FileChannel channel = FileChannel.open(metadataFile, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                MetadataCodec.write(metadata, out);
                out.flush();
                channel.force(true);
            }
            fsyncDirectory(staged.directory());
            Files.createDirectories(target.getParent());
            Files.move(staged.directory(), target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(target.getParent());
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("Cannot publish " + metadata.docId() + " atomically", e);
        } catch (IOException e) {
            throw AttachmentException.storageUnavailable(e);
        }
    }

    @Override
    public Optional<AttachmentMetadata> find(DocId docId) {
        Path metadataFile = directoryOf(docId).resolve(METADATA);
        try (InputStream in = Files.newInputStream(metadataFile)) {
            return Optional.of(MetadataCodec.read(in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw AttachmentException.storageUnavailable(e);
        }
    }

    @Override
    public InputStream open(AttachmentMetadata attachment, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > attachment.size()) {
            throw new IllegalArgumentException("Range " + offset + "+" + length + " outside " + attachment.size() + " bytes");
        }
        Path content = directoryOf(attachment.docId()).resolve(StagingArea.CONTENT);
        try {
            FileChannel channel = FileChannel.open(content, StandardOpenOption.READ);
            try {
                channel.position(offset);
                return BoundedInputStream.builder()
                        .setInputStream(Channels.newInputStream(channel))
                        .setMaxCount(length)
                        .get();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw AttachmentException.notFound();
        } catch (IOException e) {
            throw AttachmentException.storageUnavailable(e);
        }
    }

    @Override
    public boolean isReady() {
        return Files.isDirectory(attachments) && Files.isWritable(attachments)
                && Files.isDirectory(staging.root()) && Files.isWritable(staging.root());
    }

    private Path directoryOf(DocId docId) {
        return attachments.resolve(docId.shard()).resolve(docId.value());
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
