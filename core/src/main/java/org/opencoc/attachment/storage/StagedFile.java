package org.opencoc.attachment.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Uploaded content written to a private local file, complete and durable (fsync'ed), with its size and
 * SHA-256. It is not visible to downloads until a store publishes it. Closing deletes whatever is still
 * there, so a failed or refused upload leaves nothing behind.
 */
public final class StagedFile implements AutoCloseable {

    private final Path directory;
    private final Path content;
    private final long size;
    private final byte[] sha256;

    StagedFile(Path directory, Path content, long size, byte[] sha256) {
        this.directory = Objects.requireNonNull(directory);
        this.content = Objects.requireNonNull(content);
        this.size = size;
        this.sha256 = sha256.clone();
    }

    /** The private directory that holds the content; adapters may add files to it before publishing. */
    public Path directory() {
        return directory;
    }

    /** The staged content, readable for inspection (type detection) before publishing. */
    public Path content() {
        return content;
    }

    /** The content length in bytes. */
    public long size() {
        return size;
    }

    /** The SHA-256 of the content. */
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Deletes the staged files if they are still there (after a publish by rename, nothing is). */
    @Override
    public void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try (var entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete staged upload " + directory, e);
        }
    }
}
