package org.opencoc.attachment.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The exception an error answer becomes. */
class AnswersTest {

    @Test
    void errorEnvelopeMessageIsTheExceptionMessage() {
        ClientException e = Answers.failure(415, "{\"provider_code\":\"049\",\"error_code\":\"GOM.00007259\","
                + "\"error_msg\":\"The file type is not allowed.\",\"data\":null}", Optional.of("r-1"));

        assertThat(e.getMessage()).isEqualTo("The file type is not allowed.");
        assertThat(e.kind()).isEqualTo(ClientException.Kind.REFUSED);
        assertThat(e.envelope()).hasValueSatisfying(env -> assertThat(env.errorCode()).isEqualTo("GOM.00007259"));
        assertThat(e.requestId()).contains("r-1");
    }

    @Test
    void bodyThatIsNotAnEnvelopeStillGivesTheStatus() {
        ClientException e = Answers.failure(502, "<html>Bad gateway</html>", Optional.empty());

        assertThat(e.kind()).isEqualTo(ClientException.Kind.SERVER);
        assertThat(e.getMessage()).isEqualTo("HTTP 502");
    }
}
