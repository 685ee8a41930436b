package org.opencoc.attachment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.error.ErrorCode;

class FileNameTest {

    private static final String E_ACUTE_COMPOSED = "\u00e9";
    private static final String E_ACUTE_DECOMPOSED = "e\u0301";
    private static final String GRINNING_FACE = "\uD83D\uDE00";

    @Test
    void stripsUnixPath() {
        assertThat(FileName.of("a/b/c.txt").value()).isEqualTo("c.txt");
    }

    @Test
    void stripsWindowsPath() {
        assertThat(FileName.of("C:\\x\\y.pdf").value()).isEqualTo("y.pdf");
    }

    @Test
    void stripsMixedSeparators() {
        assertThat(FileName.of("a\\b/c\\d.png").value()).isEqualTo("d.png");
    }

    @Test
    void stripsTraversalToTheLastSegment() {
        assertThat(FileName.of("../../etc/passwd").value()).isEqualTo("passwd");
    }

    @Test
    void normalizesToNfc() {
        FileName name = FileName.of("caf" + E_ACUTE_DECOMPOSED + ".txt");

        assertThat(name.value()).isEqualTo("caf" + E_ACUTE_COMPOSED + ".txt");
    }

    @Test
    void keepsNonAsciiCharacters() {
        String submitted = "Störungsbericht 東京 " + GRINNING_FACE + ".pdf";

        assertThat(FileName.of(submitted).value()).isEqualTo(submitted);
    }

    @Test
    void keepsQuotes() {
        String submitted = "report \"final\" 'v2'.pdf";

        assertThat(FileName.of(submitted).value()).isEqualTo(submitted);
    }

    @Test
    void rejectsNameWithCarriageReturn() {
        assertInvalid("a\rb.txt");
    }

    @Test
    void rejectsNameWithLineFeed() {
        assertInvalid("a\nb.txt");
    }

    @Test
    void rejectsNameWithNul() {
        assertInvalid("a\u0000b.txt");
    }

    @Test
    void rejectsNameWithTab() {
        assertInvalid("a\tb.txt");
    }

    @Test
    void rejectsNameWithDelete() {
        assertInvalid("a\u007fb.txt");
    }

    @Test
    void rejectsNameWithNextLine() {
        assertInvalid("a\u0085b.txt");
    }

    @Test
    void rejectsUnpairedHighSurrogate() {
        assertInvalid("a\uD83D.txt");
    }

    @Test
    void rejectsUnpairedLowSurrogate() {
        assertInvalid("a\uDE00.txt");
    }

    @Test
    void rejectsHighSurrogateAtTheEnd() {
        assertInvalid("a.txt\uD83D");
    }

    @Test
    void rejectsSingleDot() {
        assertInvalid(".");
    }

    @Test
    void rejectsDoubleDot() {
        assertInvalid("..");
    }

    @Test
    void rejectsDoubleDotAfterPath() {
        assertInvalid("uploads/..");
    }

    @Test
    void rejectsEmpty() {
        assertInvalid("");
    }

    @Test
    void rejectsDirectoryOnly() {
        assertInvalid("dir/");
    }

    @Test
    void rejectsMissingName() {
        assertInvalid(null);
    }

    @Test
    void acceptsExactly255AsciiBytes() {
        String name = "a".repeat(251) + ".txt";

        assertThat(FileName.of(name).value()).isEqualTo(name);
    }

    @Test
    void rejects256AsciiBytes() {
        assertInvalid("a".repeat(252) + ".txt");
    }

    @Test
    void acceptsExactly255BytesOfTwoByteCharacters() {
        String name = E_ACUTE_COMPOSED.repeat(125) + "a.pdf";
        assertThat(utf8Length(name)).isEqualTo(255);

        assertThat(FileName.of(name).value()).isEqualTo(name);
    }

    @Test
    void rejects256BytesOfTwoByteCharacters() {
        String name = E_ACUTE_COMPOSED.repeat(126) + ".pdf";
        assertThat(name.length()).isLessThan(255);
        assertThat(utf8Length(name)).isEqualTo(256);

        assertInvalid(name);
    }

    @Test
    void acceptsExactly255BytesOfFourByteCharacters() {
        String name = GRINNING_FACE.repeat(62) + "abc.pdf";
        assertThat(utf8Length(name)).isEqualTo(255);

        assertThat(FileName.of(name).value()).isEqualTo(name);
    }

    @Test
    void rejects256BytesOfFourByteCharacters() {
        String name = GRINNING_FACE.repeat(63) + ".pdf";
        assertThat(utf8Length(name)).isEqualTo(256);

        assertInvalid(name);
    }

    @Test
    void measuresLengthAfterNormalization() {
        String decomposed = E_ACUTE_DECOMPOSED.repeat(125) + "a.pdf";
        assertThat(utf8Length(decomposed)).isGreaterThan(255);

        assertThat(utf8Length(FileName.of(decomposed).value())).isEqualTo(255);
    }

    @Test
    void measuresLengthAfterStrippingThePath() {
        String name = "a".repeat(251) + ".txt";

        assertThat(FileName.of("some/long/directory/" + name).value()).isEqualTo(name);
    }

    @Test
    void lowerCasesTheExtension() {
        assertThat(FileName.of("Screenshot.PNG").extension()).isEqualTo("png");
    }

    @Test
    void usesTheLastExtension() {
        assertThat(FileName.of("logs.tar.gz").extension()).isEqualTo("gz");
    }

    @Test
    void hasEmptyExtensionWithoutDot() {
        assertThat(FileName.of("README").extension()).isEmpty();
    }

    @Test
    void hasEmptyExtensionWithTrailingDot() {
        assertThat(FileName.of("README.").extension()).isEmpty();
    }

    @Test
    void constructorRejectsPath() {
        assertThatThrownBy(() -> new FileName("a/b.txt"))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    @Test
    void constructorRejectsBackslash() {
        assertThatThrownBy(() -> new FileName("a\\b.txt"))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void assertInvalid(String submitted) {
        assertThatThrownBy(() -> FileName.of(submitted))
                .isInstanceOfSatisfying(AttachmentException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    @ParameterizedTest(name = "refuses U+{0}")
    @ValueSource(strings = {"202E", "202D", "202A", "202B", "202C", "2066", "2067", "2068", "2069", "200E", "200F",
            "061C", "200B", "200C", "200D", "2060", "FEFF", "00AD", "E0041"})
    void refusesInvisibleFormatCharacter(String hex) {
        String name = "invoice" + Character.toString(Integer.parseInt(hex, 16)) + "fdp.txt";
        assertThatThrownBy(() -> FileName.of(name))
                .isInstanceOfSatisfying(AttachmentException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).contains("U+" + hex);
                });
    }

    @Test
    void refusesRightToLeftOverrideThatDisguisesTheExtension() {
        assertThatThrownBy(() -> FileName.of("invoice\u202Efdp.txt")).isInstanceOf(AttachmentException.class);
    }

    @Test
    void refusesFormatCharacterInTheNameAfterAPath() {
        assertThatThrownBy(() -> FileName.of("dir\u202E/report\u200B.pdf")).isInstanceOf(AttachmentException.class);
    }

    @Test
    void ignoresFormatCharacterInTheStrippedPathPart() {
        assertThat(FileName.of("dir\u202E/report.pdf").value()).isEqualTo("report.pdf");
    }

    @Test
    void keepsVisibleRightToLeftScript() {
        assertThat(FileName.of("\u05D3\u05D5\u05D7.pdf").value()).isEqualTo("\u05D3\u05D5\u05D7.pdf");
    }

    @Test
    void readsBackAStoredNameWithAFormatCharacter() {
        assertThat(new FileName("old\u202Ename.txt").value()).isEqualTo("old\u202Ename.txt");
    }
}
