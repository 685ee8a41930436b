package org.opencoc.attachment.web.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

class ParserRefusalRewriterTest {

    @Test
    void theCodecsBareRefusalIsRecognisedWithItsStatus() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false)).isEqualTo(400);
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 505 HTTP Version Not Supported\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false))
                .isEqualTo(505);
    }

    @Test
    void aResponseWithABodyIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n{}", false)).isZero();
    }

    @Test
    void aResponseThatKeepsTheConnectionIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", false)).isZero();
    }

    @Test
    void aBareErrorForARequestTheParserDidNotFinishIsARefusalEvenWithoutClose() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", true)).isEqualTo(400);
    }

    @Test
    void aTypedResponseIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus("HTTP/1.1 400 Bad Request\r\nContent-Type: "
                + "application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false)).isZero();
    }

    @Test
    void aSuccessIsLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", false)).isZero();
    }

    @Test
    void bytesThatAreNotAResponseHeadAreLeftAlone() {
        assertThat(ParserRefusalRewriter.bareRefusalStatus("chunk of a download\r\n\r\n", false)).isZero();
        assertThat(ParserRefusalRewriter.bareRefusalStatus("HTTP/1.1 4xx Bad\r\nConnection: close\r\n\r\n", false)).isZero();
    }

    @Test
    void aBufferIsReadWithoutBeingConsumed() {
        Buffer refusal = buffer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        int before = refusal.remaining();
        assertThat(ParserRefusalRewriter.bareRefusalStatus(refusal, null)).isEqualTo(400);
        assertThat(refusal.remaining()).isEqualTo(before);
        assertThat(ParserRefusalRewriter.bareRefusalStatus(
                buffer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), null)).isZero();
        assertThat(ParserRefusalRewriter.bareRefusalStatus(buffer("{\"status\":\"UP\",\"checks\":[]}"), null)).isZero();
    }

    private static Buffer buffer(String text) {
        return Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theEnvelopeResponseKeepsTheStatusAndCarriesTypeLengthAndRequestId() {
        String response = new String(RefusalEnvelope.rawResponse(400), StandardCharsets.US_ASCII);
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
