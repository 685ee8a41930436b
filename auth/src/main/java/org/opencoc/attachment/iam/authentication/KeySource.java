package org.opencoc.attachment.iam.authentication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The trusted keys and their generation: loaded once at start, then re-read when the key file (or the
 * JWK set at an {@code https:} URL) changes, checked at most once per reload interval, by the request
 * that finds the interval over (a URL is fetched in the background; that request goes on with the
 * current keys). A new generation tells the token cache that everything verified before is void. Keys
 * that cannot be read or parsed (a file caught half-written, a failed fetch) keep the previous keys and
 * are tried again at the next check; keys that parse with fewer entries drop the others at once.
 *
 * <p>Inline keys ({@code mp.jwt.verify.publickey}) and class-path resources never change.
 */
public final class KeySource {

    private static final Logger LOG = Logger.getLogger(KeySource.class.getName());
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    /** One loaded key set and the number that tells it from the one before. */
    public record Generation(TrustedKeys keys, long number) {
    }

    /** Where keys come from: the text, when it differs from what was read last. */
    private interface Origin {
        /** The text if it changed since the last call (the first call always returns it). */
        Optional<String> readIfChanged() throws IOException;

        boolean background();
    }

    private final Origin origin;
    private final String name;
    private final long reloadIntervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private final AtomicLong nextCheck = new AtomicLong();
    private volatile Generation current;

    private KeySource(Origin origin, String name, Duration reloadInterval, LongSupplier nanoTime) {
        this.origin = origin;
        this.name = name;
        this.reloadIntervalNanos = reloadInterval.toNanos();
        this.nanoTime = nanoTime;
        String text;
        try {
            text = origin == null ? null : origin.readIfChanged().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token keys " + name, e);
        }
        this.current = text == null ? null : new Generation(TrustedKeys.parse(text, name), 1);
        this.nextCheck.set(nanoTime.getAsLong() + reloadIntervalNanos);
    }

    /**
     * The keys of the settings: the inline key if set, else the location (a path, a {@code file:} URL,
     * an {@code https:} URL of a JWK set, or a class-path resource name).
     *
     * @throws IllegalArgumentException when no key can be read; the deployment then fails
     */
    public static KeySource of(AuthenticationSettings settings, ClassLoader resources, LongSupplier nanoTime) {
        if (settings.publicKey().isPresent()) {
            return fixed(TrustedKeys.parse(settings.publicKey().get(), AuthenticationSettings.PUBLIC_KEY));
        }
        String location = settings.publicKeyLocation().orElseThrow().strip();
        KeySource source;
        if (location.startsWith("https:") || location.startsWith("http:")) {
            source = new KeySource(new UrlOrigin(URI.create(location)), location, settings.keysReloadInterval(), nanoTime);
        } else {
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            if (!Files.isRegularFile(path)) {
                return fixed(TrustedKeys.parse(resource(resources, location), location));
            }
            source = watching(path, settings.keysReloadInterval(), nanoTime);
        }
        LOG.info(() -> "Trusted token keys " + source.current.keys() + " from " + location
                + ", checked for changes every " + settings.keysReloadInterval().toSeconds() + " s");
        return source;
    }

    /** Keys that never change. */
    public static KeySource fixed(TrustedKeys keys) {
        KeySource source = new KeySource(null, "fixed keys", Duration.ZERO, () -> 0L);
        source.current = new Generation(Objects.requireNonNull(keys, "keys"), 1);
        return source;
    }

    /** A key file checked for changes every {@code reloadInterval} of {@code nanoTime}. */
    public static KeySource watching(Path file, Duration reloadInterval, LongSupplier nanoTime) {
        return new KeySource(new FileOrigin(Objects.requireNonNull(file, "file")), file.toString(), reloadInterval, nanoTime);
    }

    /** The current keys; first starts a re-read when the interval is over. */
    public Generation current() {
        if (origin != null) {
            long now = nanoTime.getAsLong();
            long due = nextCheck.get();
            if (now - due >= 0 && nextCheck.compareAndSet(due, now + reloadIntervalNanos)
                    && reloading.compareAndSet(false, true)) {
                if (origin.background()) {
                    CompletableFuture.runAsync(this::reloadIfChanged);
                } else {
                    reloadIfChanged();
                }
            }
        }
        return current;
    }

    private void reloadIfChanged() {
        try {
            Optional<String> text = origin.readIfChanged();
            if (text.isPresent()) {
                TrustedKeys keys = TrustedKeys.parse(text.get(), name);
                current = new Generation(keys, current.number() + 1);
                LOG.info(() -> "Reloaded trusted token keys " + keys + " from " + name + "; verified tokens forgotten");
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            LOG.warning(() -> "Keeping the previous token keys: cannot reload " + name + ": " + e.getMessage());
        } finally {
            reloading.set(false);
        }
    }

    private static String resource(ClassLoader resources, String location) {
        String resource = location.startsWith("/") ? location.substring(1) : location;
        try (InputStream in = resources.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(AuthenticationSettings.PUBLIC_KEY_LOCATION
                        + ": no file, URL or class-path resource " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token keys " + location, e);
        }
    }

    /** A file: changed when its modification time or size differs. */
    private static final class FileOrigin implements Origin {
        private final Path file;
        private FileTime modified;
        private long size = -1;

        FileOrigin(Path file) {
            this.file = file;
        }

        @Override
        public Optional<String> readIfChanged() throws IOException {
            FileTime nowModified = Files.getLastModifiedTime(file);
            long nowSize = Files.size(file);
            if (nowModified.equals(modified) && nowSize == size) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            TrustedKeys.parse(text, file.toString());
            modified = nowModified;
            size = nowSize;
            return Optional.of(text);
        }

        @Override
        public boolean background() {
            return false;
        }
    }

    /** A JWK set at a URL: fetched each time, changed when the text differs. */
    private static final class UrlOrigin implements Origin {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final URI uri;
        private String last;

        UrlOrigin(URI uri) {
            this.uri = uri;
        }

        @Override
        public Optional<String> readIfChanged() throws IOException {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            if (response.body().equals(last)) {
                return Optional.empty();
            }
            TrustedKeys.parse(response.body(), uri.toString());
            last = response.body();
            return Optional.of(last);
        }

        @Override
        public boolean background() {
            return true;
        }
    }
}
