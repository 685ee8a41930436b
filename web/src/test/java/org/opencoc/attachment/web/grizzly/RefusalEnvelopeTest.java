package org.opencoc.attachment.web.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.api.ErrorEnvelope;
import org.opencoc.attachment.error.ErrorCode;
import org.opencoc.attachment.request.RequestId;

/** The HTTP-layer refusal's copies of the wire constants, held to their one definition. */
class RefusalEnvelopeTest {

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {400, 408, 413, 414, 431, 501, 505})
    void writesTheEnvelopeTheApplicationWritesForAParameterError(int status) {
        String message = RefusalEnvelope.message(status);
        String expected = Json.createObjectBuilder()
                .add("provider_code", ErrorEnvelope.PROVIDER_CODE)
                .add("error_code", ErrorCode.INVALID_PARAMETER.code())
                .add("error_msg", message)
                .addNull("data")
                .build().toString();

        assertThat(new String(RefusalEnvelope.body(message), StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Test
    void namesTheRequestIdHeaderAsTheApplicationDoes() {
        assertThat(RefusalEnvelope.REQUEST_ID_HEADER).isEqualTo(RequestId.HEADER);
    }
}
