package org.opencoc.attachment.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to reach the bucket that holds the attachments. Validated on construction, so a store is never
 * built from a half-configured setting; {@code null} for an optional component selects its default.
 *
 * <p>Time budget: a request against a dead or hung store fails within {@link #callTimeout()}
 * ({@code connectTimeout + readTimeout}, 2 s by default), retries included: the client makes at most
 * {@value #MAX_ATTEMPTS} attempts. Only an upload gets more time, in proportion to its size (see
 * {@link S3AttachmentStore}).
 *
 * @param endpoint         the store's base URI ({@code http} or {@code https}, no query), e.g.
 *                         {@code http://127.0.0.1:9000}; {@code null} for the AWS endpoint of {@code region}
 * @param bucket           the bucket, an S3 bucket name (3 to 63 characters: lower-case letters, digits,
 *                         {@code .} and {@code -}, starting and ending with a letter or digit); required
 * @param region           the signing region; {@code null} or blank for {@value #DEFAULT_REGION} (what
 *                         S3-compatible stores usually expect)
 * @param accessKey        the access key id (static credentials); required
 * @param secretKey        the secret access key; required, and never shown by {@link #toString()}
 * @param pathStyle        {@code true} for path-style URLs ({@code endpoint/bucket/key}), which most
 *                         S3-compatible stores need; {@code false} for virtual-hosted style
 * @param createBucket     create the bucket at start when it does not exist (development);
 *                         {@code false} makes a missing bucket a start-up error (production)
 * @param connectTimeout   the TCP connect timeout per attempt; {@code null} for 500 ms
 * @param readTimeout      the socket read timeout (longest silence while waiting for bytes);
 *                         {@code null} for 1500 ms
 * @param stagingDirectory the local directory for uploads in flight; {@code null} for
 *                         {@link #defaultStagingDirectory()}. Processes may share it: each works in an
 *                         area of its own, and the areas of dead processes are swept at start (see
 *                         {@link org.opencoc.attachment.storage.StagingArea})
 */
public record S3Settings(URI endpoint, String bucket, String region, String accessKey, String secretKey,
                         boolean pathStyle, boolean createBucket, Duration connectTimeout,
                         Duration readTimeout, Path stagingDirectory) {

    /** The region used when none is configured. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** The connect timeout used when none is configured: 500 ms. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);

    /** The read timeout used when none is configured: 1500 ms. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMillis(1500);

    /** The most attempts one request makes (the first try and one retry); never unbounded. */
    public static final int MAX_ATTEMPTS = 2;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    public S3Settings {
        if (endpoint != null) {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
                    || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "The S3 endpoint must be an http or https URI with a host and no query: " + endpoint);
            }
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("Not a valid S3 bucket name: '" + bucket + "'");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("Not a valid region name: '" + region + "'");
        }
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("The S3 access key is required");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("The S3 secret key is required");
        }
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
        if (stagingDirectory == null) {
            stagingDirectory = defaultStagingDirectory();
        }
    }

    /**
     * The staging directory used when none is configured: {@code <java.io.tmpdir>/coc-attachments-staging},
     * the same for every start, so a restarted instance finds (and sweeps) what a crashed one left.
     */
    public static Path defaultStagingDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "coc-attachments-staging");
    }

    /**
     * The time within which a request against a dead or hung store has failed, retries included:
     * {@code connectTimeout + readTimeout} (2 s by default). Uploads get more, see {@link S3AttachmentStore}.
     */
    public Duration callTimeout() {
        return connectTimeout.plus(readTimeout);
    }

    /** Shows everything but the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", accessKey=" + accessKey + ", secretKey=****, pathStyle=" + pathStyle
                + ", createBucket=" + createBucket + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", stagingDirectory=" + stagingDirectory + "]";
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
