package org.opencoc.attachment.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The file name a download is saved under can never leave the chosen directory or hide itself. */
class RemoteAttachmentTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf | report.pdf",
        "attachment; filename=\"_.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf | 报告.pdf",
        "attachment; filename=\"../../etc/passwd\" | passwd",
        "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fcron.d%2Fx | x",
        "attachment; filename*=UTF-8''C%3A%5CWindows%5Cwin.ini | win.ini",
        "attachment; filename*=UTF-8''..%2F.. | " + ID,
        "attachment; filename*=UTF-8''.bashrc | bashrc",
        "attachment; filename*=UTF-8''a%0D%0Ab.txt | ab.txt",
        "attachment; filename*=UTF-8''%00 | " + ID,
        "attachment | " + ID,
        "attachment; filename*=UTF-8''%E0%A4%A | " + ID,
        "attachment; filename=\"a \\\"quoted\\\" name.txt\" | a \"quoted\" name.txt",
        "attachment; filename*=UTF-8''1+1.txt | 1+1.txt"})
    void safeFileNameKeepsOnlyAHarmlessLastPathPart(String disposition, String expected) {
        assertThat(RemoteAttachment.safeFileName(disposition, ID)).isEqualTo(expected);
    }

    @Test
    void reprDigestSha256IsReadAmongOtherAlgorithms() {
        byte[] digest = new byte[32];
        digest[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(digest);

        assertThat(RemoteAttachment.sha256Of("sha-512=:AAAA:, sha-256=:" + b64 + ":")).hasValueSatisfying(
                d -> assertThat(d).isEqualTo(digest));
    }

    @Test
    void reprDigestOfTheWrongLengthIsIgnored() {
        assertThat(RemoteAttachment.sha256Of("sha-256=:AAAA:")).isEmpty();
    }

    @Test
    void reprDigestThatIsNotBase64IsIgnored() {
        assertThat(RemoteAttachment.sha256Of("sha-256=:!!!!:")).isEmpty();
    }
}
