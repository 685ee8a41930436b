package org.opencoc.attachment.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "INVALID_PARAMETER,     GOM.00007256",
            "NOT_FOUND,             GOM.00007257",
            "FILE_TOO_LARGE,        GOM.00007258",
            "UNSUPPORTED_FILE_TYPE, GOM.00007259",
            "UNAUTHENTICATED,       GOM.00007260",
            "ACCESS_DENIED,         GOM.00007261",
            "RANGE_NOT_SATISFIABLE, GOM.00007262",
            "PRECONDITION_FAILED,   GOM.00007263",
            "CHECKSUM_MISMATCH,     GOM.00007264",
            "STORAGE_UNAVAILABLE,   GOM.00007265",
            "INTERNAL_ERROR,        GOM.00007266"})
    void keepsTheDocumentedCode(ErrorCode errorCode, String code) {
        assertThat(errorCode.code()).isEqualTo(code);
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
