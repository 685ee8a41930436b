package org.opencoc.attachment.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenApiDocumentServletTest {

    @ParameterizedTest(name = "format={0}, Accept={1} -> json={2}")
    @CsvSource(nullValues = "null", value = {
            "null, null, false",
            "null, '*/*', false",
            "null, application/yaml, false",
            "null, application/json, true",
            "null, 'application/json, */*;q=0.8', true",
            "null, 'application/yaml, application/json;q=0.9', false",
            "null, 'application/yaml;q=0.5, application/json', true",
            "null, application/json;q=0, false",
            "JSON, null, true",
            "json, application/yaml, true",
            "YAML, application/json, false",
            "null, 'text/html,application/xhtml+xml', false"})
    void choosesJsonOnlyWhenAskedFor(String format, String accept, boolean json) {
        assertThat(OpenApiDocumentServlet.wantsJson(format, accept)).isEqualTo(json);
    }

    @Test
    void convertsYamlToJsonWithAnchorsResolvedAndScalarsTyped() {
        String yaml = """
                a: &h
                  x: '049'
                  n: 5
                  t: true
                  z: null
                b: *h
                '200': [1.5, text]
                """;

        assertThat(OpenApiDocumentServlet.toJson(yaml.getBytes(StandardCharsets.UTF_8))).isEqualTo(
                "{\"a\":{\"x\":\"049\",\"n\":5,\"t\":true,\"z\":null},\"b\":{\"x\":\"049\",\"n\":5,\"t\":true,\"z\":null},"
                        + "\"200\":[1.5,\"text\"]}");
    }
}
