package org.opencoc.attachment.web.conditional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeTest {

    @Test
    void partialGivesContentRangeAndLength() {
        Outcome.Partial partial = new Outcome.Partial(500, 999, 1000);

        assertThat(partial.contentRange()).isEqualTo("bytes 500-999/1000");
        assertThat(partial.contentLength()).isEqualTo(500);
        assertThat(partial.status()).isEqualTo(206);
    }

    @Test
    void rangeNotSatisfiableGivesUnsatisfiedContentRange() {
        assertThat(new Outcome.RangeNotSatisfiable(1000).contentRange()).isEqualTo("bytes */1000");
    }

    @ParameterizedTest
    @CsvSource({"0, 10, 10", "5, 4, 10", "-1, 4, 10", "0, 0, 0"})
    void rejectsPartialOutsideTheRepresentation(long first, long last, long completeLength) {
        assertThatThrownBy(() -> new Outcome.Partial(first, last, completeLength))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharedConstantsCarryTheirStatus() {
        assertThat(Outcome.FULL.status()).isEqualTo(200);
        assertThat(Outcome.NOT_MODIFIED.status()).isEqualTo(304);
        assertThat(Outcome.PRECONDITION_FAILED.status()).isEqualTo(412);
    }
}
