package org.opencoc.attachment.web.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParserRefusalRewriterTest {

    @Test
    void theCodecsBareRefusalIsRecognisedWithItsStatus() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).isEqualTo(400);
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 505 HTTP Version Not Supported\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
                .isEqualTo(505);
    }

    @Test
    void aResponseWithABodyIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n{}")).isZero();
    }

    @Test
    void aResponseThatKeepsTheConnectionIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")).isZero();
    }

    @Test
    void aTypedResponseIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus("HTTP/1.1 400 Bad Request\r\nContent-Type: "
                + "application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).isZero();
    }

    @Test
    void aSuccessIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).isZero();
    }

    @Test
    void bytesThatAreNotAResponseHeadAreLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus("chunk of a download\r\n\r\n")).isZero();
        assertThat(ParserRefusalRewriter.bareRefusalStatus("HTTP/1.1 4xx Bad\r\nConnection: close\r\n\r\n")).isZero();
    }

    @Test
    void theEnvelopeResponseKeepsTheStatusAndCarriesTypeLengthAndRequestId() {
        String response = new String(RefusalEnvelope.rawResponse(400), java.nio.charset.StandardCharsets.US_ASCII);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("\r\nContent-Type: application/json\r\n")
                .contains("\r\nContent-Length: " + body.length() + "\r\n")
                .containsPattern("\r\nX-Request-Id: [0-9a-f-]{36}\r\n")
                .contains("\r\nConnection: close\r\n");
        assertThat(body).startsWith("{\"provider_code\":\"049\",\"error_code\":\"GOM.00007256\",\"error_msg\":\"")
                .endsWith("\",\"data\":null}");
    }
}
