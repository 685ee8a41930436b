package org.opencoc.attachment.iam.authentication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The trusted keys and their generation: loaded once at start, then re-read when the key file changes
 * (checked at most once per reload interval, by the request that finds the interval over). A new
 * generation tells the token cache that everything verified before is void. A file that cannot be
 * parsed (for instance caught half-written) keeps the previous keys and is tried again at the next
 * check; a file that parses with fewer keys drops the others at once.
 *
 * <p>Inline keys ({@code mp.jwt.verify.publickey}) and class-path resources never change.
 */
public final class KeySource {

    private static final Logger LOG = Logger.getLogger(KeySource.class.getName());

    /** One loaded key set and the number that tells it from the one before. */
    public record Generation(TrustedKeys keys, long number) {
    }

    private final Path file;
    private final long reloadIntervalNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock reloading = new ReentrantLock();
    private final AtomicLong nextCheck = new AtomicLong();
    private volatile Generation current;
    private FileTime loadedModified;
    private long loadedSize;

    private KeySource(Path file, TrustedKeys keys, Duration reloadInterval, LongSupplier nanoTime) {
        this.file = file;
        this.reloadIntervalNanos = reloadInterval.toNanos();
        this.nanoTime = nanoTime;
        this.current = new Generation(keys, 1);
        this.nextCheck.set(nanoTime.getAsLong() + reloadIntervalNanos);
    }

    /**
     * The keys of the settings: the inline key if set, else the location (a path, a {@code file:} URL,
     * or a class-path resource name).
     *
     * @throws IllegalArgumentException when no trusted key can be read; the deployment then fails
     */
    public static KeySource of(AuthenticationSettings settings, ClassLoader resources, LongSupplier nanoTime) {
        if (settings.publicKey().isPresent()) {
            return fixed(TrustedKeys.parse(settings.publicKey().get(), AuthenticationSettings.PUBLIC_KEY));
        }
        String location = settings.publicKeyLocation().orElseThrow().strip();
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (Files.isRegularFile(path)) {
            KeySource source = new KeySource(path, TrustedKeys.parse(read(path), path.toString()),
                    settings.keysReloadInterval(), nanoTime);
            source.rememberFileState();
            LOG.info(() -> "Trusted token keys " + source.current.keys() + " from " + path
                    + ", checked for changes every " + settings.keysReloadInterval().toSeconds() + " s");
            return source;
        }
        String resource = location.startsWith("/") ? location.substring(1) : location;
        try (InputStream in = resources.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(AuthenticationSettings.PUBLIC_KEY_LOCATION + ": no file or class-path resource "
                        + location);
            }
            return fixed(TrustedKeys.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token keys " + location, e);
        }
    }

    /** Keys that never change. */
    public static KeySource fixed(TrustedKeys keys) {
        return new KeySource(null, keys, Duration.ZERO, () -> 0L);
    }

    /** A key file checked for changes every {@code reloadInterval} of {@code nanoTime}. */
    public static KeySource watching(Path file, Duration reloadInterval, LongSupplier nanoTime) {
        KeySource source = new KeySource(Objects.requireNonNull(file, "file"),
                TrustedKeys.parse(read(file), file.toString()), reloadInterval, nanoTime);
        source.rememberFileState();
        return source;
    }

    /** The current keys; re-reads the file first when the interval is over and it changed. */
    public Generation current() {
        if (file != null) {
            long now = nanoTime.getAsLong();
            long due = nextCheck.get();
            if (now - due >= 0 && nextCheck.compareAndSet(due, now + reloadIntervalNanos)) {
                reloadIfChanged();
            }
        }
        return current;
    }

    private void reloadIfChanged() {
        if (!reloading.tryLock()) {
            return;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(loadedModified) && size == loadedSize) {
                return;
            }
            TrustedKeys keys = TrustedKeys.parse(read(file), file.toString());
            loadedModified = modified;
            loadedSize = size;
            current = new Generation(keys, current.number() + 1);
            LOG.info(() -> "Reloaded trusted token keys " + keys + " from " + file + "; verified tokens forgotten");
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            LOG.warning(() -> "Keeping the previous token keys: cannot reload " + file + ": " + e.getMessage());
        } finally {
            reloading.unlock();
        }
    }

    private void rememberFileState() {
        try {
            loadedModified = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token keys " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token keys " + file, e);
        }
    }
}
