package org.opencoc.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

class ContentDigestTest {

    private static final byte[] CONTENT = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
    /** RFC 9530 appendix example: sha-256 of {"hello": "world"}. */
    private static final String CONTENT_SHA256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";
    private static final String SHA512 =
            Base64.getEncoder().encodeToString(digest("SHA-512", CONTENT));

    @Test
    void parsesSha256ByteSequence() {
        assertThat(ContentDigest.parse("sha-256=:" + CONTENT_SHA256 + ":")).isPresent();
    }

    @Test
    void verifyPassesForMatchingContent() {
        ContentDigest digest = ContentDigest.parse("sha-256=:" + CONTENT_SHA256 + ":").orElseThrow();

        assertThatCode(() -> digest.verify(digest("SHA-256", CONTENT))).doesNotThrowAnyException();
    }

    @Test
    void verifyFailsWithChecksumMismatchForOtherContent() {
        ContentDigest digest = ContentDigest.parse("sha-256=:" + CONTENT_SHA256 + ":").orElseThrow();
        byte[] other = digest("SHA-256", "{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> digest.verify(other))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH));
    }

    @Test
    void yieldsNothingWhenOnlyOtherAlgorithmsAreGiven() {
        assertThat(ContentDigest.parse("sha-512=:" + SHA512 + ":")).isEmpty();
    }

    @Test
    void picksSha256AmongSeveralAlgorithms() {
        Optional<ContentDigest> digest =
                ContentDigest.parse("sha-512=:" + SHA512 + ":, sha-256=:" + CONTENT_SHA256 + ":");

        assertThat(digest).isPresent();
        assertThatCode(() -> digest.orElseThrow().verify(digest("SHA-256", CONTENT))).doesNotThrowAnyException();
    }

    @Test
    void acceptsParametersAfterTheByteSequence() {
        Optional<ContentDigest> digest = ContentDigest.parse("sha-256=:" + CONTENT_SHA256 + ":;note=1");

        assertThat(digest).isPresent();
        assertThatCode(() -> digest.orElseThrow().verify(digest("SHA-256", CONTENT))).doesNotThrowAnyException();
    }

    @Test
    void toleratesWhitespaceAroundMembers() {
        assertThat(ContentDigest.parse("  sha-256 = :" + CONTENT_SHA256 + ":  ")).isPresent();
    }

    @Test
    void rejectsDigestOfWrongLength() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertInvalid("sha-256=:" + sixteenBytes + ":");
    }

    @Test
    void rejectsSha512ValueLabelledSha256() {
        assertInvalid("sha-256=:" + SHA512 + ":");
    }

    @Test
    void rejectsBadBase64() {
        assertInvalid("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=X:");
    }

    @Test
    void rejectsBareBase64WithoutColons() {
        assertInvalid("sha-256=" + CONTENT_SHA256);
    }

    @Test
    void rejectsHexDigest() {
        assertInvalid("sha-256=\"" + "ab".repeat(32) + "\"");
    }

    @Test
    void rejectsSha256WithoutValue() {
        assertInvalid("sha-256");
    }

    @Test
    void rejectsMalformedDictionary() {
        assertInvalid("SHA-256=:" + CONTENT_SHA256 + ":");
    }

    @Test
    void yieldsNothingForNull() {
        assertThat(ContentDigest.parse(null)).isEmpty();
    }

    @Test
    void yieldsNothingForBlank() {
        assertThat(ContentDigest.parse("   ")).isEmpty();
    }

    private static void assertInvalid(String header) {
        assertThatThrownBy(() -> ContentDigest.parse(header))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    private static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
