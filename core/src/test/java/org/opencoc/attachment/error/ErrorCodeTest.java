package org.opencoc.attachment.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTest {

    @ParameterizedTest(name = "{0} is {1} with HTTP {2}")
    @CsvSource({
            "INVALID_PARAMETER,     GOM.00007256, 400",
            "NOT_FOUND,             GOM.00007257, 404",
            "FILE_TOO_LARGE,        GOM.00007258, 413",
            "UNSUPPORTED_FILE_TYPE, GOM.00007259, 415",
            "UNAUTHENTICATED,       GOM.00007260, 401",
            "ACCESS_DENIED,         GOM.00007261, 403",
            "RANGE_NOT_SATISFIABLE, GOM.00007262, 416",
            "PRECONDITION_FAILED,   GOM.00007263, 412",
            "CHECKSUM_MISMATCH,     GOM.00007264, 400",
            "STORAGE_UNAVAILABLE,   GOM.00007265, 503",
            "INTERNAL_ERROR,        GOM.00007266, 500"})
    void keepsTheDocumentedCodeAndStatus(ErrorCode errorCode, String code, int httpStatus) {
        assertThat(errorCode.code()).isEqualTo(code);
        assertThat(errorCode.httpStatus()).isEqualTo(httpStatus);
    }

    @Test
    void codesAreUnique() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates();
    }

    @Test
    void factoryMethodsCarryTheirCode() {
        assertThat(AttachmentException.notFound().errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(AttachmentException.tooLarge(10).errorCode()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
        assertThat(AttachmentException.storageUnavailable(new RuntimeException("disk")).errorCode())
                .isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    }

    @Test
    void storageUnavailableKeepsTheCauseOffTheMessage() {
        AttachmentException e = AttachmentException.storageUnavailable(new RuntimeException("/srv/secret/path"));

        assertThat(e.getMessage()).doesNotContain("/srv/secret/path");
        assertThat(e.getCause()).hasMessage("/srv/secret/path");
    }
}
