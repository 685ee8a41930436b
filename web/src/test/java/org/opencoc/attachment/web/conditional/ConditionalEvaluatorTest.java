package org.opencoc.attachment.web.conditional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ConditionalEvaluatorTest {

    private static final String ETAG = "\"sha256-2c26b4\"";
    private static final Instant LAST_MODIFIED = Instant.parse("2024-03-01T12:00:00.750Z");
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/conditional-cases.csv", numLinesToSkip = 1, delimiter = '|', quoteCharacter = '\'')
    void answersPerRfc9110(
            String behaviour,
            ConditionalRequest.Method method,
            long length,
            String ifMatch,
            String ifNoneMatch,
            String ifModifiedSince,
            String ifUnmodifiedSince,
            String range,
            String ifRange,
            int expectedStatus,
            String expectedContentRange) {
        ConditionalRequest request = new ConditionalRequest(
                method, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, range, ifRange);

        Outcome outcome = ConditionalEvaluator.evaluate(request, new Representation(ETAG, LAST_MODIFIED, length), NOW);

        assertThat(outcome.status()).as(behaviour).isEqualTo(expectedStatus);
        assertThat(contentRange(outcome)).as(behaviour).isEqualTo(expectedContentRange);
    }

    @Test
    void partialOutcomeGivesContentLengthOfTheRange() {
        ConditionalRequest request = new ConditionalRequest(
                ConditionalRequest.Method.GET, null, null, null, null, "bytes=10-19", null);

        Outcome outcome = ConditionalEvaluator.evaluate(request, new Representation(ETAG, LAST_MODIFIED, 1000), NOW);

        assertThat(outcome).isEqualTo(new Outcome.Partial(10, 19, 1000));
        assertThat(((Outcome.Partial) outcome).contentLength()).isEqualTo(10);
    }

    @Test
    void servesRangeOfRepresentationLargerThanIntRange() {
        long length = 5L * 1024 * 1024 * 1024;
        ConditionalRequest request = new ConditionalRequest(
                ConditionalRequest.Method.GET, null, null, null, null, "bytes=4294967296-", null);

        Outcome outcome = ConditionalEvaluator.evaluate(request, new Representation(ETAG, LAST_MODIFIED, length), NOW);

        assertThat(outcome).isEqualTo(new Outcome.Partial(4294967296L, length - 1, length));
    }

    @Test
    void rejectsRequestWithoutMethod() {
        assertThatThrownBy(() -> new ConditionalRequest(null, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    private static String contentRange(Outcome outcome) {
        if (outcome instanceof Outcome.Partial partial) {
            return partial.contentRange();
        }
        if (outcome instanceof Outcome.RangeNotSatisfiable unsatisfiable) {
            return unsatisfiable.contentRange();
        }
        return null;
    }
}
