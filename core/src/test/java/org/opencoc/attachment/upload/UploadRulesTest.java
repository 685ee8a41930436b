package org.opencoc.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.model.FileName;

class UploadRulesTest {

    @Test
    void defaultsToTenMebibytes() {
        assertThat(UploadRules.defaults().maxBytes()).isEqualTo(10_485_760L);
    }

    @Test
    void defaultsToDocumentedTypes() {
        assertThat(UploadRules.defaults().allowedExtensions())
                .containsExactlyInAnyOrder("jpg", "jpeg", "png", "docx", "txt", "pdf");
    }

    @Test
    void parsesListWithSpacesDotsAndUpperCase() {
        UploadRules rules = UploadRules.of(1024, " jpg, .PNG ,pdf");

        assertThat(rules.maxBytes()).isEqualTo(1024);
        assertThat(rules.allowedExtensions()).containsExactlyInAnyOrder("jpg", "png", "pdf");
    }

    @Test
    void ignoresEmptyListEntries() {
        assertThat(UploadRules.of(1024, "pdf,,txt,").allowedExtensions()).containsExactlyInAnyOrder("pdf", "txt");
    }

    @Test
    void rejectsUnknownExtensionAtConstruction() {
        assertThatThrownBy(() -> UploadRules.of(1024, "pdf,exe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEmptyExtensionList() {
        assertThatThrownBy(() -> UploadRules.of(1024, " , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroMaxBytes() {
        assertThatThrownBy(() -> new UploadRules(0, Set.of("pdf"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkNameRefusesExe() {
        assertThatThrownBy(() -> UploadRules.defaults().checkName(FileName.of("setup.exe")))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE));
    }

    @Test
    void checkNameRefusesNameWithoutExtension() {
        assertThatThrownBy(() -> UploadRules.defaults().checkName(FileName.of("README")))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE));
    }

    @Test
    void checkNameRefusesSupportedTypeThatIsNotConfigured() {
        UploadRules rules = UploadRules.of(1024, "pdf");

        assertThatThrownBy(() -> rules.checkName(FileName.of("photo.png")))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE));
    }

    @Test
    void checkNameAcceptsAllowedExtensionInAnyCase() {
        assertThatCode(() -> UploadRules.defaults().checkName(FileName.of("Report.PDF")))
                .doesNotThrowAnyException();
    }
}
