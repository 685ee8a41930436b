package org.opencoc.attachment.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencoc.attachment.api.UploadResponse;
import org.opencoc.attachment.error.ErrorCode;

class HttpStatusesTest {

    /** DESIGN §2, "Errors": the status of every code, as documented. */
    private static final Map<ErrorCode, Integer> DOCUMENTED = Map.ofEntries(
            Map.entry(ErrorCode.INVALID_PARAMETER, 400),
            Map.entry(ErrorCode.NOT_FOUND, 404),
            Map.entry(ErrorCode.FILE_TOO_LARGE, 413),
            Map.entry(ErrorCode.UNSUPPORTED_FILE_TYPE, 415),
            Map.entry(ErrorCode.UNAUTHENTICATED, 401),
            Map.entry(ErrorCode.ACCESS_DENIED, 403),
            Map.entry(ErrorCode.RANGE_NOT_SATISFIABLE, 416),
            Map.entry(ErrorCode.PRECONDITION_FAILED, 412),
            Map.entry(ErrorCode.CHECKSUM_MISMATCH, 400),
            Map.entry(ErrorCode.STORAGE_UNAVAILABLE, 503),
            Map.entry(ErrorCode.INTERNAL_ERROR, 500));

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void answersEveryCodeWithItsDocumentedStatus(ErrorCode code) {
        assertThat(DOCUMENTED).as("the documented status of %s", code).containsKey(code);
        assertThat(HttpStatuses.of(code)).isEqualTo(DOCUMENTED.get(code));
    }

    @Test
    void answersEveryCodeWithAnErrorStatus() {
        assertThat(Arrays.stream(ErrorCode.values()).map(HttpStatuses::of)).allMatch(status -> status >= 400);
    }

    @Test
    void noErrorCodeIsTheSuccessCode() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotContain(UploadResponse.SUCCESS);
    }
}
