package org.opencoc.attachment.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.opencoc.attachment.error.AttachmentException;

/**
 * A local directory of in-flight uploads, shared safely by any number of processes and swept of what
 * dead ones left. Layout:
 * <pre>
 * root/&lt;owner&gt;.lock                 locked (an OS file lock) by the live process that owns &lt;owner&gt;
 * root/&lt;owner&gt;/&lt;upload&gt;/content      an upload in flight of that process
 * </pre>
 * Each upload gets its own sub-directory holding one file, {@value #CONTENT}, written while the SHA-256
 * and the length are computed and the size limit is enforced byte by byte, then fsync'ed.
 *
 * <p><b>Ownership and sweep.</b> {@link #sweep()} (called at start) first claims an owner directory for
 * this process: it creates and locks {@code <owner>.lock}, then creates {@code <owner>/}. It then deletes
 * every other owner directory whose lock file it can lock, because the operating system drops a lock
 * when its process dies, however it died (kill -9 included), and every directory without a lock file
 * (left by a sweep cut short, or by an older layout). So a restarted process finds its predecessor's
 * leftovers whatever its PID, and a live neighbour's uploads are never touched. Within one JVM, areas
 * still held by another {@code StagingArea} are left alone too.
 *
 * <p>Thread-safe. {@link #close()} deletes this process's area and releases its lock.
 */
public final class StagingArea implements AutoCloseable {

    /** The name of the content file inside a staged upload's directory. */
    public static final String CONTENT = "content";

    /** The suffix of an owner's lock file, next to its directory. */
    static final String LOCK_SUFFIX = ".lock";

    private static final Logger LOG = Logger.getLogger(StagingArea.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int CLAIM_ATTEMPTS = 10;

    /**
     * The lock files held in this JVM. POSIX drops all of a process's locks on a file when it closes
     * any channel to it, so a sweep must not even open these.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path root;
    private Owner owner;

    public StagingArea(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The directory that holds the in-flight uploads of every process sharing it. */
    public Path root() {
        return root;
    }

    /**
     * Creates the directory if needed, claims this process's area in it (once), and deletes every area
     * whose owner is gone, with the uploads they left.
     *
     * @throws UncheckedIOException when the directory cannot be prepared
     */
    public synchronized void sweep() {
        try {
            Files.createDirectories(root);
            if (owner == null) {
                owner = claim();
            }
            try (var entries = Files.list(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    sweepIfAbandoned(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the staging directory " + root, e);
        }
    }

    /** Deletes this process's area (uploads still in flight fail) and releases its lock. */
    @Override
    public synchronized void close() {
        if (owner == null) {
            return;
        }
        try {
            deleteTree(owner.directory());
            Files.deleteIfExists(owner.lockFile());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete the staging area " + owner.directory(), e);
        } finally {
            release(owner);
            owner = null;
        }
    }

    private Owner claim() throws IOException {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            String name = "p" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path lockFile = root.resolve(name + LOCK_SUFFIX);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            // a sweep of another process may have locked and deleted the new file before we locked it;
            // nobody else ever creates this random name, so if it is still there, it is ours
            if (lock != null && Files.exists(lockFile)) {
                HELD_IN_THIS_JVM.add(lockFile);
                Path directory = Files.createDirectories(root.resolve(name));
                return new Owner(directory, lockFile, channel);
            }
            channel.close();
        }
        throw new IOException("Cannot claim an area in the staging directory " + root);
    }

    private void sweepIfAbandoned(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        if (owner.lockFile().equals(entry) || owner.directory().equals(entry) || HELD_IN_THIS_JVM.contains(entry)) {
            return;
        }
        if (name.endsWith(LOCK_SUFFIX)) {
            Path directory = root.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length()));
            try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(channel)) {
                if (lock == null) {
                    return;
                }
                long bytes = deleteTree(directory);
                Files.deleteIfExists(entry);
                LOG.log(Level.INFO, "Swept the staging area of a process that is gone: {0} ({1} bytes)",
                        new Object[] {directory, bytes});
            } catch (NoSuchFileException e) {
                // another process swept it first
            }
        } else if (!Files.exists(root.resolve(name + LOCK_SUFFIX))) {
            // the lock file is created before the directory and deleted after it: this owner is gone
            long bytes = deleteTree(entry);
            LOG.log(Level.INFO, "Swept an unfinished upload left by an earlier run: {0} ({1} bytes)",
                    new Object[] {entry, bytes});
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void release(Owner owner) {
        HELD_IN_THIS_JVM.remove(owner.lockFile());
        try {
            owner.channel().close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Cannot close the staging lock " + owner.lockFile(), e);
        }
    }

    private synchronized Path ownDirectory() {
        if (owner == null) {
            throw new IllegalStateException("The staging area " + root + " was not opened: call sweep() first");
        }
        return owner.directory();
    }

    /**
     * Streams {@code in} into a new staged file; see {@link AttachmentStore#stage}. I/O failures of the
     * local disk are {@code STORAGE_UNAVAILABLE}; a failure while reading {@code in} (the client went
     * away) propagates as the {@link UncheckedIOException} it is, and nothing is left behind.
     */
    public StagedFile stage(InputStream in, long maxBytes) {
        Path directory = ownDirectory().resolve(UUID.randomUUID().toString());
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

    /** Deletes {@code path} and everything under it; returns the bytes of the regular files deleted. */
    private static long deleteTree(Path path) throws IOException {
        long bytes = 0;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(path)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    bytes += deleteTree(child);
                }
            }
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            bytes = Files.size(path);
        }
        Files.deleteIfExists(path);
        return bytes;
    }

    /** This process's area: its directory and the lock file it holds, open through {@code channel}. */
    private record Owner(Path directory, Path lockFile, FileChannel channel) {
    }
}
