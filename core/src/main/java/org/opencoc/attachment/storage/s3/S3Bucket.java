package org.opencoc.attachment.storage.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket of {@link S3Settings} and the two clients that reach it, with their deadlines; whether
 * the bucket is usable is decided in one place, {@link #check}, at start and by the readiness probe.
 *
 * <p><b>Start-up.</b> The constructor checks the bucket (HeadBucket). A missing bucket is an
 * {@link IllegalStateException} naming it, unless {@link S3Settings#createBucket()} asks to create it;
 * a bucket the credentials may not use (403, wrong region) is also a start-up error. An unreachable
 * store (or one answering 5xx) is not: the instance comes up, logs a warning and {@link #isReady()}
 * reports {@code false} until the store answers again (with {@code createBucket}, a bucket still
 * missing then is created by the probe).
 *
 * <p><b>Deadlines.</b> A request makes at most {@value S3Settings#MAX_ATTEMPTS} attempts and gives up
 * after {@link S3Settings#callTimeout()} against a dead or hung store: the SDK's own deadline is set
 * slightly shorter ({@link #sdkDeadline}) to leave time for aborting the connection and reporting.
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP clients.
 */
final class S3Bucket implements AutoCloseable {

    /** The longest silence a PutObject waits for its answer once the body is sent (bounded by the call budget). */
    static final Duration PUT_READ_TIMEOUT = Duration.ofSeconds(15);

    /** How long an {@link #isReady()} answer is reused, so a probe storm costs one request per interval. */
    static final Duration READINESS_CACHE = Duration.ofSeconds(1);

    /** Time kept back from the SDK's call deadline for aborting and reporting, so failures arrive in time. */
    static final Duration FAILURE_MARGIN = Duration.ofMillis(300);

    private static final Logger LOG = Logger.getLogger(S3Bucket.class.getName());

    private final S3Settings settings;
    private final S3Client client;
    private final S3Client uploads;
    private final Clock clock;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Readiness readiness;

    /**
     * Builds the clients and checks the bucket once.
     *
     * @throws IllegalStateException when the bucket does not exist (and may not be created) or the
     *                               credentials may not use it; an unreachable store is not an error
     */
    S3Bucket(S3Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = buildClient(settings, settings.readTimeout());
        this.uploads = buildClient(settings, max(settings.readTimeout(), PUT_READ_TIMEOUT));
        try {
            this.readiness = new Readiness(check(this::warnUnavailableAtStart), clock.instant());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The bucket's name. */
    String name() {
        return settings.bucket();
    }

    /** The client for everything but uploads: the configured read timeout. */
    S3Client client() {
        return client;
    }

    /**
     * The client for PutObject, which waits up to {@link #PUT_READ_TIMEOUT} for the answer: after the
     * last body byte left, the store may still be reading megabytes out of the socket buffers, then
     * writes and verifies the object, and on a loaded machine that silence outlasts the read timeout
     * meant to catch a hung store quickly (14 of 16 PUTs of 1-9 MiB timed out after 1.5 s at load 40).
     * The upload's call budget still bounds the whole PUT.
     */
    S3Client uploads() {
        return uploads;
    }

    /**
     * Whether the bucket answers now, within the short timeouts: the same {@link #check} as at start.
     * The answer is reused for {@link #READINESS_CACHE}; while one probe runs, concurrent callers get
     * the previous answer instead of waiting or probing too.
     */
    boolean isReady() {
        Readiness current = readiness;
        if (clock.instant().isBefore(current.checkedAt().plus(READINESS_CACHE))
                || !probing.compareAndSet(false, true)) {
            return current.ready();
        }
        try {
            boolean ready = probe();
            if (ready != current.ready()) {
                LOG.log(ready ? Level.INFO : Level.WARNING, "S3 bucket {0} at {1} is now {2}",
                        new Object[] {name(), endpointName(), ready ? "reachable" : "unavailable"});
            }
            readiness = new Readiness(ready, clock.instant());
            return ready;
        } finally {
            probing.set(false);
        }
    }

    /** Closes both HTTP clients. */
    @Override
    public void close() {
        try {
            uploads.close();
        } finally {
            client.close();
        }
    }

    /**
     * The deadline given to the SDK for a call that must fail within {@code promise}: a quarter less, at
     * most {@link #FAILURE_MARGIN} less, which leaves time to abort the connection and report (the SDK
     * overshoots its own deadline by up to about 100 ms).
     */
    static Duration sdkDeadline(Duration promise) {
        Duration margin = promise.dividedBy(4);
        return promise.minus(margin.compareTo(FAILURE_MARGIN) < 0 ? margin : FAILURE_MARGIN);
    }

    /**
     * One HeadBucket; with {@code createBucket}, a missing bucket is created.
     *
     * @param unavailable told why, when the store is unreachable or answers 5xx
     * @return true when the bucket is there (or was created), false when the store is unavailable
     * @throws IllegalStateException when the bucket cannot be used with these settings (a 4xx answer):
     *                               missing and not to be created, forbidden, or refused to be created
     */
    private boolean check(Consumer<SdkException> unavailable) {
        try {
            client.headBucket(b -> b.bucket(name()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && settings.createBucket()) {
                return create(unavailable);
            }
            if (e.statusCode() == 404) {
                throw new IllegalStateException("The S3 bucket '" + name() + "' does not exist at "
                        + endpointName() + "; create it, or set createBucket for development", e);
            }
            if (e.statusCode() < 500) {
                throw new IllegalStateException("The S3 bucket '" + name() + "' at " + endpointName()
                        + " cannot be used with these credentials and region (HTTP " + e.statusCode() + ")", e);
            }
            unavailable.accept(e);
            return false;
        } catch (SdkException e) {
            unavailable.accept(e);
            return false;
        }
    }

    private boolean create(Consumer<SdkException> unavailable) {
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name());
        if (!settings.region().equals(S3Settings.DEFAULT_REGION)) {
            request.createBucketConfiguration(c -> c.locationConstraint(settings.region()));
        }
        try {
            client.createBucket(request.build());
            LOG.log(Level.INFO, "Created the S3 bucket {0} at {1}", new Object[] {name(), endpointName()});
        } catch (BucketAlreadyOwnedByYouException e) {
            // another instance created it first: just what was wanted
        } catch (S3Exception e) {
            if (e.statusCode() < 500) {
                throw new IllegalStateException("Cannot create the S3 bucket '" + name() + "' at "
                        + endpointName() + " (HTTP " + e.statusCode() + ")", e);
            }
            unavailable.accept(e);
            return false;
        } catch (SdkException e) {
            unavailable.accept(e);
            return false;
        }
        return true;
    }

    /** {@link #check} for the readiness probe: any failure, a 4xx included, is "not ready", logged at FINE. */
    private boolean probe() {
        try {
            return check(e -> LOG.log(Level.FINE, "S3 readiness probe failed", e));
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "S3 readiness probe failed", e);
            return false;
        }
    }

    private void warnUnavailableAtStart(SdkException e) {
        LOG.log(Level.WARNING, "The S3 store at {0} is not reachable at start; starting anyway, not ready "
                + "until bucket {1} answers: {2}", new Object[] {endpointName(), name(), e.toString()});
    }

    private String endpointName() {
        return settings.endpoint() == null ? "AWS " + settings.region() : settings.endpoint().toString();
    }

    private static S3Client buildClient(S3Settings settings, Duration readTimeout) {
        Duration deadline = sdkDeadline(settings.callTimeout());
        S3ClientBuilder builder = S3Client.builder()
                // a plain Content-Length body, never aws-chunked: over http the SDK would otherwise
                // sign the body chunk by chunk, and S3Proxy (Jetty 12) may answer and close before the
                // final zero-length chunk, failing the request on our side after it succeeded on
                // theirs. The SDK signs the whole body instead (one more read of the staged file).
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                // the SHA-256 object checksum is set by publish; no extra trailing checksum
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(readTimeout))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(deadline)
                        .apiCallAttemptTimeout(deadline)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(S3Settings.MAX_ATTEMPTS)
                                .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private record Readiness(boolean ready, Instant checkedAt) {
    }
}
