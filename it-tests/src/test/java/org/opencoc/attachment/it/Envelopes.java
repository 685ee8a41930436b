package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Checks an error response field by field: status, content type, request id, and the four envelope members. */
public final class Envelopes {

    private Envelopes() {
    }

    /** Asserts the envelope of an error and returns it for further checks of the message. */
    public static JsonObject assertError(HttpResponse<byte[]> response, int status, String errorCode) {
        assertThat(response.statusCode()).as("status; body %s", new String(response.body())).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonObject envelope = Service.json(response);
        assertThat(envelope.keySet()).containsExactlyInAnyOrder("provider_code", "error_code", "error_msg", "data");
        assertThat(envelope.getString("provider_code")).isEqualTo("049");
        assertThat(envelope.getString("error_code")).isEqualTo(errorCode);
        assertThat(envelope.get("error_msg").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
        assertThat(envelope.getString("error_msg")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(envelope.get("data")).isEqualTo(JsonValue.NULL);
        return envelope;
    }
}
