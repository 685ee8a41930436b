package org.opencoc.attachment.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    @Test
    void errorEnvelopeHasTheFourDocumentedMembersWithNullData() {
        String json = jsonb.toJson(ErrorEnvelope.of("GOM.00007256", "bad"));

        assertThat(json).isEqualTo(
                "{\"provider_code\":\"049\",\"error_code\":\"GOM.00007256\",\"error_msg\":\"bad\",\"data\":null}");
    }

    @Test
    void uploadResponseHasTheDocumentedShapeWithNullErrorMessage() {
        String json = jsonb.toJson(UploadResponse.of("0f8fad5b-d9cb-469f-a165-70867728950e", "报告.pdf"));

        assertThat(json).isEqualTo("{\"name\":\"报告.pdf\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\","
                + "\"error_code\":\"GOM.00000000\",\"error_msg\":null,\"provider_code\":\"049\","
                + "\"data\":{\"doc_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"doc_name\":\"报告.pdf\"}}");
    }

    @Test
    void externalUploadResponseHasTheCloudsShapeWithNullMessage() {
        String json = jsonb.toJson(ExternalUploadResponse.of("0f8fad5b-d9cb-469f-a165-70867728950e", "a.png"));

        assertThat(json).isEqualTo("{\"code\":\"GOM.00000000\",\"provider_code\":\"049\",\"msg\":null,"
                + "\"data\":{\"doc_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"doc_name\":\"a.png\"}}");
    }
}
