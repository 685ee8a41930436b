package org.opencoc.attachment.web.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.Dependent;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencoc.attachment.config.ConfigNames;
import org.opencoc.attachment.storage.s3.S3Settings;

/**
 * The {@code coc.storage.s3.*} keys, read by MicroProfile Config (so {@code COC_STORAGE_S3_ACCESS_KEY}
 * and the like override them) and turned into core's validated {@link S3Settings} by
 * {@link #toSettings()}. Every key is optional here; a blank value counts as unset. Values stay
 * strings until {@link #toSettings()}, so that a bad number or a missing bucket is reported the same
 * way as any other invalid S3 setting, naming {@code coc.storage.s3.*}, and {@code path-style} and
 * {@code create-bucket} are true only for {@code true} (any case), as {@link Boolean#parseBoolean} says.
 *
 * <p>Keys and defaults (the defaults live in {@link S3Settings}): {@code endpoint} (the AWS endpoint of
 * the region), {@code bucket} (required), {@code region} ({@value S3Settings#DEFAULT_REGION}),
 * {@code access-key} and {@code secret-key} (required), {@code path-style} (false),
 * {@code create-bucket} (false: a missing bucket stops the start), {@code connect-timeout-ms} (500),
 * {@code read-timeout-ms} (1500), {@code staging-dir} ({@link S3Settings#defaultStagingDirectory()}).
 */
@Dependent
@ConfigProperties(prefix = ConfigNames.S3_PREFIX)
public class S3Properties {

    // Every instance field is a key (Payara reads each one, so no other state belongs here); each starts
    // empty, so a key that is not set leaves it empty, never null.

    Optional<String> endpoint = Optional.empty();

    Optional<String> bucket = Optional.empty();

    Optional<String> region = Optional.empty();

    @ConfigProperty(name = "access-key")
    Optional<String> accessKey = Optional.empty();

    @ConfigProperty(name = "secret-key")
    Optional<String> secretKey = Optional.empty();

    @ConfigProperty(name = "path-style")
    Optional<String> pathStyle = Optional.empty();

    @ConfigProperty(name = "create-bucket")
    Optional<String> createBucket = Optional.empty();

    @ConfigProperty(name = "connect-timeout-ms")
    Optional<String> connectTimeoutMs = Optional.empty();

    @ConfigProperty(name = "read-timeout-ms")
    Optional<String> readTimeoutMs = Optional.empty();

    @ConfigProperty(name = "staging-dir")
    Optional<String> stagingDir = Optional.empty();

    /**
     * The settings these keys describe.
     *
     * @throws IllegalStateException when they are invalid (a required key missing, a bad name, number or
     *                               URI); the message starts with {@code coc.storage.s3.*: }
     */
    S3Settings toSettings() {
        try {
            return new S3Settings(
                    set(endpoint, URI::create),
                    set(bucket, Function.identity()),
                    set(region, Function.identity()),
                    set(accessKey, Function.identity()),
                    set(secretKey, Function.identity()),
                    Boolean.TRUE.equals(set(pathStyle, Boolean::parseBoolean)),
                    Boolean.TRUE.equals(set(createBucket, Boolean::parseBoolean)),
                    set(connectTimeoutMs, S3Properties::millis),
                    set(readTimeoutMs, S3Properties::millis),
                    set(stagingDir, Path::of));
        } catch (RuntimeException e) {
            throw new IllegalStateException(ConfigNames.S3_PREFIX + ".*: " + e.getMessage(), e);
        }
    }

    /** The value converted, or {@code null} (the setting's default) when the key is unset or blank. */
    private static <T> T set(Optional<String> value, Function<String, T> convert) {
        return value.filter(v -> !v.isBlank()).map(convert).orElse(null);
    }

    private static Duration millis(String value) {
        return Duration.ofMillis(Long.parseLong(value));
    }
}
