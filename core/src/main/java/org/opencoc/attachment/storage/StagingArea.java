package org.opencoc.attachment.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.opencoc.attachment.error.AttachmentException;

/**
 * A local directory of in-flight uploads. Each upload gets its own sub-directory holding one file,
 * {@value #CONTENT}, written while the SHA-256 and the length are computed and the size limit is
 * enforced byte by byte, then fsync'ed.
 *
 * <p>The directory is private to one process: {@link #sweep()} (called at start) deletes whatever a
 * crash left behind.
 */
public final class StagingArea {

    /** The name of the content file inside a staged upload's directory. */
    public static final String CONTENT = "content";

    private static final Logger LOG = Logger.getLogger(StagingArea.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path root;

    public StagingArea(Path root) {
        this.root = root;
    }

    /** The directory that holds the in-flight uploads. */
    public Path root() {
        return root;
    }

    /** Creates the directory if needed and deletes every leftover upload in it. */
    public void sweep() {
        try {
            Files.createDirectories(root);
            try (var leftovers = Files.list(root)) {
                for (Path leftover : (Iterable<Path>) leftovers::iterator) {
                    deleteTree(leftover);
                    LOG.log(Level.INFO, "Swept an unfinished upload left by an earlier run: {0}", leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the staging directory " + root, e);
        }
    }

    /**
     * Streams {@code in} into a new staged file; see {@link AttachmentStore#stage}. I/O failures of the
     * local disk are {@code STORAGE_UNAVAILABLE}; a failure while reading {@code in} (the client went
     * away) propagates as the {@link UncheckedIOException} it is, and nothing is left behind.
     */
    public StagedFile stage(InputStream in, long maxBytes) {
        Path directory = root.resolve(UUID.randomUUID().toString());
        Path content = directory.resolve(CONTENT);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw AttachmentException.storageUnavailable(e);
        }
        MessageDigest sha256 = sha256();
        long size = 0;
        boolean complete = false;
        try (FileChannel out = FileChannel.open(content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            ByteBuffer wrapper = ByteBuffer.wrap(buffer);
            int n;
            while ((n = readFromClient(in, buffer)) >= 0) {
                size += n;
                if (size > maxBytes) {
                    throw AttachmentException.tooLarge(maxBytes);
                }
                sha256.update(buffer, 0, n);
                wrapper.clear().limit(n);
                while (wrapper.hasRemaining()) {
                    out.write(wrapper);
                }
            }
            out.force(true);
            complete = true;
        } catch (IOException e) {
            throw AttachmentException.storageUnavailable(e);
        } finally {
            if (!complete) {
                new StagedFile(directory, content, 0, new byte[32]).close();
            }
        }
        return new StagedFile(directory, content, size, sha256.digest());
    }

    private static int readFromClient(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (var children = Files.list(path)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
