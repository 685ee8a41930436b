package org.opencoc.attachment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

class DocIdTest {

    private static final String CANONICAL = "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f";

    @Test
    void acceptsCanonicalLowerCaseUuid() {
        assertThat(DocId.parse(CANONICAL).value()).isEqualTo(CANONICAL);
    }

    @Test
    void shardIsTheFirstTwoHexDigits() {
        assertThat(DocId.parse(CANONICAL).shard()).isEqualTo("3f");
    }

    @Test
    void rejectsUpperCase() {
        assertInvalid(CANONICAL.toUpperCase());
    }

    @Test
    void rejectsBraces() {
        assertInvalid("{" + CANONICAL + "}");
    }

    @Test
    void rejectsUuidWithoutDashes() {
        assertInvalid(CANONICAL.replace("-", ""));
    }

    @Test
    void rejectsPathTraversal() {
        assertInvalid("../etc/passwd");
    }

    @Test
    void rejectsPercentEncodedTraversal() {
        assertInvalid("%2e%2e%2f%2e%2e%2fetc%2fpasswd");
    }

    @Test
    void rejectsEmpty() {
        assertInvalid("");
    }

    @Test
    void rejectsNull() {
        assertInvalid(null);
    }

    @Test
    void rejectsThirtySevenCharacters() {
        assertInvalid(CANONICAL + "0");
    }

    @Test
    void rejectsTrailingLineFeed() {
        assertInvalid(CANONICAL + "\n");
    }

    /** Thirty-six characters each, one of them wrong. */
    @ParameterizedTest
    @ValueSource(strings = {"3f2a9c1e7-b4d-4e8a-9c2f-1a2b3c4d5e6f", "3f2a9c1g-7b4d-4e8a-9c2f-1a2b3c4d5e6f",
        "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6/", "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6０",
        "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e-f", "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6F"})
    void rejectsAnyCharacterOutOfItsPlace(String value) {
        assertInvalid(value);
    }

    @Test
    void randomIdIsCanonical() {
        String value = DocId.random().value();

        assertThat(value).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(DocId.parse(value).value()).isEqualTo(value);
    }

    @Test
    void randomIdsDiffer() {
        assertThat(DocId.random()).isNotEqualTo(DocId.random());
    }

    private static void assertInvalid(String value) {
        assertThatThrownBy(() -> DocId.parse(value))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}
