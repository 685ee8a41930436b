package org.opencoc.attachment.web.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "report.pdf           | attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
            "a b.txt              | attachment; filename=\"a b.txt\"; filename*=UTF-8''a%20b.txt",
            "报告.pdf              | attachment; filename=\"__.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf",
            "x\"y.txt             | attachment; filename=\"x_y.txt\"; filename*=UTF-8''x%22y.txt",
            "100%.txt             | attachment; filename=\"100_.txt\"; filename*=UTF-8''100%25.txt",
            "semi;colon.txt       | attachment; filename=\"semi;colon.txt\"; filename*=UTF-8''semi%3Bcolon.txt"
    })
    void encodesAnAsciiFallbackAndTheExactNameAsRfc8187(String name, String header) {
        assertThat(ContentDisposition.attachment(name)).isEqualTo(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"报告 2026 \"final\"; v2.pdf", "Grüße\\Zürich.txt", "emoji 😀.png", "tab\there.txt"})
    void neverPutsRawNonAsciiQuotesOrControlsInTheHeader(String name) {
        String header = ContentDisposition.attachment(name);

        assertThat(header.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        String fallback = header.substring(header.indexOf("filename=\"") + 10, header.indexOf("\"; filename*"));
        assertThat(fallback).doesNotContain("\"", "\\");
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(name);
    }
}
