package org.opencoc.attachment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class AttachmentMetadataTest {

    private static final byte[] SHA256 = HexFormat.of()
            .parseHex("5f16f4c7f149ac4f9510d9cf8cf384038ad348b3bcdc01915f95de12df9d1b02");

    @Test
    void sha256HexIsLowerCase() {
        assertThat(metadata(SHA256).sha256Hex()).isEqualTo("5f16f4c7f149ac4f9510d9cf8cf384038ad348b3bcdc01915f95de12df9d1b02");
    }

    @Test
    void sha256Base64IsStandardBase64() {
        assertThat(metadata(SHA256).sha256Base64()).isEqualTo("Xxb0x/FJrE+VENnPjPOEA4rTSLO83AGRX5XeEt+dGwI=");
    }

    @Test
    void isImmuneToChangesOfTheGivenDigest() {
        byte[] digest = SHA256.clone();
        AttachmentMetadata metadata = metadata(digest);

        digest[0] = 0;

        assertThat(metadata.sha256()).isEqualTo(SHA256);
    }

    @Test
    void isImmuneToChangesOfTheReturnedDigest() {
        AttachmentMetadata metadata = metadata(SHA256);

        metadata.sha256()[0] = 0;

        assertThat(metadata.sha256()).isEqualTo(SHA256);
    }

    @Test
    void equalsComparesDigestContent() {
        assertThat(metadata(SHA256)).isEqualTo(metadata(SHA256.clone())).hasSameHashCodeAs(metadata(SHA256.clone()));
    }

    @Test
    void rejectsDigestOfWrongLength() {
        assertThatThrownBy(() -> metadata(Arrays.copyOf(SHA256, 31))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isOwnedOnlyByItsDomain() {
        assertThat(metadata(SHA256).ownedBy("domain-1")).isTrue();
        assertThat(metadata(SHA256).ownedBy("domain-2")).isFalse();
    }

    private static AttachmentMetadata metadata(byte[] sha256) {
        return new AttachmentMetadata(DocId.parse("3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"), FileName.of("a.txt"),
                TicketType.INCIDENT, 3, "text/plain", sha256, Instant.parse("2025-03-01T10:15:30Z"),
                "domain-1", "iam::domain-1:user:alice");
    }
}
