package org.opencoc.attachment.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The partial file of a download, {@code <target>.part}, and the entity tag of what it holds,
 * {@code <target>.part.etag}. Bytes that no entity tag vouches for are never continued (that could
 * splice two versions); the file becomes {@code target} only when its SHA-256 matches
 * {@code Repr-Digest}, and is deleted when it does not.
 */
final class PartialFile {

    private final Path target;
    private final Path part;
    private final Path etagFile;

    PartialFile(Path target) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.etagFile = target.resolveSibling(target.getFileName() + ".part.etag");
    }

    /** {@code <target>.part}. */
    Path path() {
        return part;
    }

    /** The bytes to continue from: 0 when there are none, or none that an entity tag vouches for (then both files go). */
    long resumable() {
        long size = size();
        if (size > 0 && etag().isEmpty()) {
            // a partial file we cannot validate would risk splicing two versions: start over
            discard();
            return 0;
        }
        return size;
    }

    /** The length of the partial file, 0 when there is none. */
    long size() {
        try {
            return Files.size(part);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The strong entity tag of the bytes in the partial file, empty when none is recorded. */
    Optional<String> etag() {
        try {
            String tag = Files.readString(etagFile, StandardCharsets.UTF_8).strip();
            return tag.startsWith("\"") && tag.endsWith("\"") && tag.length() >= 2 ? Optional.of(tag) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records the entity tag of a whole answer about to be written; none deletes the record. */
    void recordEtag(Optional<String> etag) throws IOException {
        if (etag.isPresent()) {
            Files.writeString(etagFile, etag.get() + "\n", StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(etagFile);
        }
    }

    /** Deletes both files, quietly: what is left behind is started over anyway. */
    void discard() {
        for (Path file : new Path[] {part, etagFile}) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left behind; the next download starts over anyway
            }
        }
    }

    /** The partial file cut to {@code offset} bytes, open for writing at its end. */
    FileChannel openAt(long offset) throws LocalWriteException {
        try {
            FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(offset);
            channel.position(offset);
            return channel;
        } catch (IOException e) {
            throw new LocalWriteException(e);
        }
    }

    /** Moves the complete partial file to {@code target} when its SHA-256 is the announced one. */
    void verifyAndPublish(RemoteAttachment remote) throws ClientException {
        try {
            if (remote.sha256().isPresent()) {
                byte[] actual = FileDigest.sha256(part);
                if (!MessageDigest.isEqual(actual, remote.sha256().get())) {
                    discard();
                    throw ClientException.of(ClientException.Kind.INTEGRITY, "The downloaded bytes have SHA-256 "
                            + RemoteAttachment.hex(actual) + " but the service announced " + remote.sha256Hex().get()
                            + " (Repr-Digest); nothing was kept", null);
                }
            }
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(etagFile);
        } catch (IOException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A failure to write the local file, told apart from a broken connection. */
    static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(IOException cause) {
            super(cause);
        }
    }
}
