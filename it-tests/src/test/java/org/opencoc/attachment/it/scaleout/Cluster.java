package org.opencoc.attachment.it.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.process.S3ProxyProcess;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the scale-out tests start: one S3Proxy and Payara Micro instances configured like a production
 * scale-out (S3 store, one shared bucket, a private staging directory each, no cluster membership,
 * {@code -Xmx256m}), all on loopback under one work directory in {@code target/scaleout}.
 */
public final class Cluster {

    /** The bucket every instance shares. */
    public static final String BUCKET = "coc-scaleout";

    /** How long to wait for readiness to change after the store went away or came back. */
    public static final Duration READINESS_DEADLINE = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Cluster() {
    }

    /** A fresh directory {@code target/scaleout/<name>-<uuid>} for one test class. */
    public static Path workDirectory(String name) {
        Path target = Path.of(System.getProperty("it.deps", "target/it-deps")).toAbsolutePath().getParent();
        try {
            return Files.createDirectories(target.resolve("scaleout").resolve(name + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An S3Proxy (not started) keeping its data under {@code work/s3proxy/data}. */
    public static S3ProxyProcess s3Proxy(Path work) {
        return new S3ProxyProcess(work.resolve("s3proxy"));
    }

    /**
     * A Payara Micro instance (not started) named {@code name} on the S3 store of {@code s3}, with its
     * staging directory at {@code work/<name>/staging}.
     */
    public static PayaraMicroProcess instance(Path work, String name, S3ProxyProcess s3) {
        Path home = work.resolve(name);
        return PayaraMicroProcess.builder(home)
                .heap("256m")
                .systemProperty("mp.jwt.verify.publickey.location",
                        "file:" + Path.of(System.getProperty("it.keys"), "jwks-public.json").toAbsolutePath())
                .systemProperty("coc.storage.type", "s3")
                .systemProperty("coc.storage.s3.endpoint", s3.endpoint().toString())
                .systemProperty("coc.storage.s3.bucket", BUCKET)
                .systemProperty("coc.storage.s3.region", s3.region())
                .systemProperty("coc.storage.s3.access-key", s3.accessKey())
                .systemProperty("coc.storage.s3.secret-key", s3.secretKey())
                .systemProperty("coc.storage.s3.path-style", "true")
                .systemProperty("coc.storage.s3.create-bucket", "true")
                .systemProperty("coc.storage.s3.staging-dir", stagingDirectory(home).toString())
                .build();
    }

    /** Where {@link #instance} puts the uploads in flight of the instance whose work directory is {@code home}. */
    public static Path stagingDirectory(Path home) {
        return home.resolve("staging");
    }

    /** A client of the service behind {@code instance}, with tokens from the test key set. */
    public static Service client(PayaraMicroProcess instance) {
        try {
            return new Service(instance.baseUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An S3 client talking straight to the store, for looking at the bucket behind the service's back. */
    public static S3Client directS3(S3ProxyProcess s3) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .build();
    }

    /** The status of {@code GET /health/ready} on {@code service}, -1 when nothing answers. */
    public static int readiness(Service service) {
        return readinessAnswer(service).map(HttpResponse::statusCode).orElse(-1);
    }

    /** The answer to {@code GET /health/ready} on {@code service}, empty when nothing answers. */
    public static Optional<HttpResponse<byte[]>> readinessAnswer(Service service) {
        try {
            return Optional.of(service.send(HttpRequest.newBuilder(service.base().resolve("health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build()));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** A HEAD of {@code uri} with {@code token}. */
    public static HttpResponse<byte[]> head(Service service, String token, URI uri) {
        return service.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * Polls {@code condition} until it holds and returns how long that took, failing with {@code what}
     * once {@code timeout} has passed.
     */
    public static Duration await(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Polls {@code probe} until it gives a value and returns it, failing with {@code what} once
     * {@code timeout} has passed.
     */
    public static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Optional<T> value = probe.get(); ; value = probe.get()) {
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    /**
     * Deletes the unpacked Payara Micro runtimes ({@code payara-root}, about 90 MB each) under
     * {@code work} once the instances are stopped; logs, staging directories and the store's data stay
     * for a look after a failure.
     */
    public static void removeRuntimeCopies(Path work) {
        if (work == null || !Files.isDirectory(work)) {
            return;
        }
        try (Stream<Path> roots = Files.find(work, 2, (path, attributes) ->
                attributes.isDirectory() && path.getFileName().toString().equals("payara-root"))) {
            for (Path root : roots.toList()) {
                try (Stream<Path> tree = Files.walk(root)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean up " + work, e);
        }
    }

    /** Closes everything given, in order, even when some fail; rethrows the first failure. */
    public static void closeAll(AutoCloseable... resources) {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Cannot stop every process of the test");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
