package org.opencoc.attachment.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.storage.s3.S3Settings;

class S3PropertiesTest {

    @Test
    void mapsEveryKey() {
        S3Properties properties = required();
        properties.endpoint = Optional.of("http://127.0.0.1:9000");
        properties.region = Optional.of("eu-west-1");
        properties.pathStyle = Optional.of("TRUE");
        properties.createBucket = Optional.of("true");
        properties.connectTimeoutMs = Optional.of("250");
        properties.readTimeoutMs = Optional.of("4000");
        properties.stagingDir = Optional.of("/var/tmp/staging");

        S3Settings settings = properties.toSettings();

        assertThat(settings).isEqualTo(new S3Settings(URI.create("http://127.0.0.1:9000"), "coc-attachments",
                "eu-west-1", "access", "secret", true, true, Duration.ofMillis(250), Duration.ofMillis(4000),
                Path.of("/var/tmp/staging")));
    }

    @Test
    void unsetAndBlankKeysTakeTheDefaults() {
        S3Properties properties = required();
        properties.region = Optional.of("  ");
        properties.connectTimeoutMs = Optional.of("");
        properties.pathStyle = Optional.of(" ");

        S3Settings settings = properties.toSettings();

        assertThat(settings.endpoint()).isNull();
        assertThat(settings.region()).isEqualTo(S3Settings.DEFAULT_REGION);
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.createBucket()).isFalse();
        assertThat(settings.connectTimeout()).isEqualTo(S3Settings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.readTimeout()).isEqualTo(S3Settings.DEFAULT_READ_TIMEOUT);
        assertThat(settings.stagingDirectory()).isEqualTo(S3Settings.defaultStagingDirectory());
    }

    @Test
    void onlyTrueSwitchesAFlagOn() {
        S3Properties properties = required();
        properties.pathStyle = Optional.of("yes");
        properties.createBucket = Optional.of("1");

        S3Settings settings = properties.toSettings();

        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.createBucket()).isFalse();
    }

    @Test
    void aMissingBucketNamesThePrefix() {
        S3Properties properties = required();
        properties.bucket = Optional.of(" ");

        assertThatThrownBy(properties::toSettings)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("coc.storage.s3.*: ")
                .hasMessageContaining("bucket");
    }

    @Test
    void aBadNumberNamesThePrefix() {
        S3Properties properties = required();
        properties.readTimeoutMs = Optional.of("1.5s");

        assertThatThrownBy(properties::toSettings)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("coc.storage.s3.*: ")
                .hasCauseInstanceOf(NumberFormatException.class);
    }

    private static S3Properties required() {
        S3Properties properties = new S3Properties();
        properties.bucket = Optional.of("coc-attachments");
        properties.accessKey = Optional.of("access");
        properties.secretKey = Optional.of("secret");
        return properties;
    }
}
