package org.opencoc.attachment.web.apidoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * {@code GET /openapi}: the service's OpenAPI 3 document, the static {@code META-INF/openapi.yaml} of
 * this WAR, byte for byte as YAML ({@code application/yaml}, the default), or converted once to JSON
 * ({@code application/json}) for {@code ?format=JSON} or an {@code Accept} that prefers JSON.
 *
 * <p>Why a static document served here rather than MicroProfile OpenAPI's endpoint: the wire's names,
 * the multipart body and the per-status headers are stated exactly in one file that the linters and
 * the contract test read, instead of being coaxed out of annotations; and Payara 6.2025.10's endpoint
 * cannot serve it exactly (it answers YAML as {@code text/plain}, 406 for {@code Accept:
 * application/yaml}, and adds a non-standard top-level {@code endpoints} field before any
 * {@code OASFilter} runs). Payara's endpoint is therefore switched off in
 * {@code etc/payara-preboot.asadmin}. The document stays at the MicroProfile location, so another
 * MicroProfile runtime would pick it up as the static file.
 */
@WebServlet(name = "openapi-document", urlPatterns = OpenApiDocumentServlet.PATH, loadOnStartup = 1)
public class OpenApiDocumentServlet extends HttpServlet {

    /** Where the document is served. */
    public static final String PATH = "/openapi";

    /** The document in this WAR's class path (the MicroProfile OpenAPI static-file location). */
    static final String RESOURCE = "META-INF/openapi.yaml";

    static final String APPLICATION_YAML = "application/yaml";
    static final String APPLICATION_JSON = "application/json";

    private static final long serialVersionUID = 1L;

    private transient byte[] yaml;
    private transient byte[] json;

    @Override
    public void init() {
        yaml = read(RESOURCE);
        json = toJson(yaml).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean asJson = wantsJson(request.getParameter("format"), request.getHeader("Accept"));
        byte[] body = asJson ? json : yaml;
        response.setContentType(asJson ? APPLICATION_JSON : APPLICATION_YAML);
        response.setHeader("Vary", "Accept");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * JSON for {@code format=json} (any case); YAML for {@code format=yaml}; otherwise JSON only when
     * {@code Accept} names {@code application/json} and no YAML type with at least its quality.
     */
    static boolean wantsJson(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return format.strip().toLowerCase(Locale.ROOT).equals("json");
        }
        if (accept == null) {
            return false;
        }
        double jsonQuality = -1;
        double yamlQuality = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.equals(APPLICATION_JSON)) {
                jsonQuality = Math.max(jsonQuality, quality);
            } else if (type.equals(APPLICATION_YAML) || type.equals("application/x-yaml") || type.equals("text/yaml")) {
                yamlQuality = Math.max(yamlQuality, quality);
            }
        }
        return jsonQuality > 0 && jsonQuality > yamlQuality;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static byte[] read(String resource) {
        try (InputStream in = OpenApiDocumentServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document " + resource + " is missing from the WAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + resource, e);
        }
    }

    /** The YAML document as JSON text, with anchors resolved; YAML 1.2 core schema scalars. */
    static String toJson(byte[] yaml) {
        Object document = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                .loadFromString(new String(yaml, StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriter(out)) {
            writer.write(toJsonValue(document));
        }
        return out.toString();
    }

    private static JsonValue toJsonValue(Object node) {
        if (node == null) {
            return JsonValue.NULL;
        }
        if (node instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, value) -> object.add(String.valueOf(key), toJsonValue(value)));
            return object.build();
        }
        if (node instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(item -> array.add(toJsonValue(item)));
            return array.build();
        }
        if (node instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node instanceof Integer || node instanceof Long || node instanceof BigInteger) {
            return Json.createValue(new BigInteger(node.toString()));
        }
        if (node instanceof Number number) {
            return Json.createValue(new BigDecimal(number.toString()));
        }
        return Json.createValue(node.toString());
    }
}
