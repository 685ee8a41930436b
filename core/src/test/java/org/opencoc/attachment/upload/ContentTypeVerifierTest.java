package org.opencoc.attachment.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.model.FileName;

class ContentTypeVerifierTest {

    private static final String DOCX =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final ContentTypeVerifier verifier = new ContentTypeVerifier();

    @TempDir
    Path dir;

    @Test
    void acceptsPngNamedPng() throws IOException {
        assertThat(verify("screenshot.png", SampleFiles.png())).isEqualTo("image/png");
    }

    @Test
    void acceptsPngNamedWithUpperCaseExtension() throws IOException {
        assertThat(verify("SCREENSHOT.PNG", SampleFiles.png())).isEqualTo("image/png");
    }

    @Test
    void acceptsJpegNamedJpg() throws IOException {
        assertThat(verify("photo.jpg", SampleFiles.jpeg())).isEqualTo("image/jpeg");
    }

    @Test
    void acceptsJpegNamedJpeg() throws IOException {
        assertThat(verify("photo.jpeg", SampleFiles.jpeg())).isEqualTo("image/jpeg");
    }

    @Test
    void acceptsPdfNamedPdf() throws IOException {
        assertThat(verify("report.pdf", SampleFiles.pdf())).isEqualTo("application/pdf");
    }

    @Test
    void acceptsDocxNamedDocx() throws IOException {
        assertThat(verify("postmortem.docx", SampleFiles.docx())).isEqualTo(DOCX);
    }

    @Test
    void acceptsUtf8TextNamedTxt() throws IOException {
        assertThat(verify("notes.txt", SampleFiles.utf8Text())).isEqualTo("text/plain");
    }

    @Test
    void acceptsNonAsciiFileName() throws IOException {
        assertThat(verify("Störungsbericht 東京.pdf", SampleFiles.pdf())).isEqualTo("application/pdf");
    }

    @Test
    void acceptsDocxWhoseNameContainsHash() throws IOException {
        assertThat(verify("incident#42.docx", SampleFiles.docx())).isEqualTo(DOCX);
    }

    @Test
    void acceptsDocxWhoseNameContainsQuestionMark() throws IOException {
        assertThat(verify("why?.docx", SampleFiles.docx())).isEqualTo(DOCX);
    }

    @Test
    void acceptsDocxWhoseNameLooksLikeUriScheme() throws IOException {
        assertThat(verify("ticket:4711.docx", SampleFiles.docx())).isEqualTo(DOCX);
    }

    @Test
    void rejectsPngNamedPdf() throws IOException {
        assertUnsupported("screenshot.pdf", SampleFiles.png());
    }

    @Test
    void rejectsPdfNamedPng() throws IOException {
        assertUnsupported("report.png", SampleFiles.pdf());
    }

    @Test
    void rejectsJpegNamedPng() throws IOException {
        assertUnsupported("photo.png", SampleFiles.jpeg());
    }

    @Test
    void rejectsTextNamedPng() throws IOException {
        assertUnsupported("notes.png", SampleFiles.utf8Text());
    }

    @Test
    void rejectsBinaryNoiseNamedTxt() throws IOException {
        assertUnsupported("noise.txt", SampleFiles.binaryNoise());
    }

    @Test
    void rejectsPlainZipNamedDocx() throws IOException {
        assertUnsupported("archive.docx", SampleFiles.plainZip());
    }

    @Test
    void rejectsDocxNamedPdf() throws IOException {
        assertUnsupported("postmortem.pdf", SampleFiles.docx());
    }

    @Test
    void rejectsPdfNamedDocx() throws IOException {
        assertUnsupported("report.docx", SampleFiles.pdf());
    }

    @Test
    void rejectsUnknownExtension() throws IOException {
        assertUnsupported("tool.exe", SampleFiles.binaryNoise());
    }

    /** Finding 6 of issue 9: an 11 KB log refused as audio/x-mod because its bytes 1080-1083 spelt a MOD signature. */
    @ParameterizedTest
    @ValueSource(strings = {"M.K.", "M!K!", "FLT4", "FLT8", "4CHN", "6CHN", "8CHN", "CD81", "OKTA", "16CN", "32CN"})
    void acceptsLogTextWhoseBytesAt1080SpellAModSignature(String signature) throws IOException {
        byte[] log = logText(11 * 1024);
        System.arraycopy(signature.getBytes(StandardCharsets.US_ASCII), 0, log, 1080, 4);

        assertThat(verify("server.log.txt", log)).isEqualTo("text/plain");
    }

    @Test
    void acceptsTextStartingWithAModuleHeaderLine() throws IOException {
        byte[] log = ("Extended Module: none, see below\n" + new String(logText(4096), StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(verify("notes.txt", log)).isEqualTo("text/plain");
    }

    @Test
    void rejectsModModuleNamedTxt() throws IOException {
        byte[] module = new byte[4096];
        new java.util.Random(7).nextBytes(module);
        System.arraycopy("M.K.".getBytes(StandardCharsets.US_ASCII), 0, module, 1080, 4);

        assertUnsupported("song.txt", module);
    }

    @Test
    void rejectsTextWithModSignatureAndOneControlCharacterNamedTxt() throws IOException {
        byte[] log = logText(11 * 1024);
        System.arraycopy("M.K.".getBytes(StandardCharsets.US_ASCII), 0, log, 1080, 4);
        log[5000] = 0x01;

        assertUnsupported("server.txt", log);
    }

    @Test
    void rejectsPdfNamedTxt() throws IOException {
        assertUnsupported("report.txt", SampleFiles.pdf());
    }

    @Test
    void supportsTheDocumentedExtensions() {
        assertThat(ContentTypeVerifier.supportedExtensions())
                .containsExactlyInAnyOrder("jpg", "jpeg", "png", "docx", "txt", "pdf");
    }

    private String verify(String name, byte[] content) throws IOException {
        return verifier.verify(FileName.of(name), write(content));
    }

    private void assertUnsupported(String name, byte[] content) throws IOException {
        Path file = write(content);
        FileName fileName = FileName.of(name);

        assertThatThrownBy(() -> verifier.verify(fileName, file))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_FILE_TYPE));
    }

    /** ASCII log lines, exactly {@code size} bytes. */
    private static byte[] logText(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        for (int line = 0; text.length() < size; line++) {
            text.append(String.format("2026-12-01T10:%02d:%02dZ INFO request %d served in %d ms%n",
                    line / 60 % 60, line % 60, line, line * 7 % 300));
        }
        return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private Path write(byte[] content) throws IOException {
        return Files.write(dir.resolve("content"), content);
    }
}
