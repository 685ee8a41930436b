package org.opencoc.attachment.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The contract test: every response the IT suite receives through {@link Service#send} for a
 * documented operation is validated against the OpenAPI document ({@code META-INF/openapi.yaml} of
 * the WAR under test, system property {@code it.openapi}): the status must be documented for the
 * operation, the content type must be one the document names, a JSON body must match its schema and
 * every header the document marks required must be present and match its schema. A mismatch fails the
 * test that received the response, so the document cannot drift from the service.
 *
 * <p>Responses of paths the document does not describe (health, metrics, unknown paths) and of
 * methods it does not list are not checked. Requests are not validated: many tests send invalid
 * requests on purpose.
 */
public final class Contract {

    private static final String NOT_DOCUMENTED_PATH = "validation.request.path.missing";
    private static final String NOT_DOCUMENTED_METHOD = "validation.request.operation.notAllowed";

    private static final Contract DOCUMENT = new Contract(Path.of(System.getProperty("it.openapi",
            "../web/src/main/resources/META-INF/openapi.yaml")));

    private final OpenApiInteractionValidator validator;
    private final Map<String, LongAdder> checked = new ConcurrentHashMap<>();

    /** A contract check against the document at {@code openapi}. */
    public Contract(Path openapi) {
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(openapi.toUri().toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel(NOT_DOCUMENTED_PATH, ValidationReport.Level.IGNORE)
                        .withLevel(NOT_DOCUMENTED_METHOD, ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** The check of the project's document, shared by every test of the JVM. */
    public static Contract document() {
        return DOCUMENT;
    }

    /**
     * Validates {@code response} to {@code method} {@code uri}.
     *
     * @throws AssertionError naming every mismatch
     */
    public void check(String method, URI uri, HttpResponse<byte[]> response) {
        List<String> problems = problems(method, uri, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("The response to " + method + " " + uri.getRawPath() + " (" + response.statusCode()
                    + ", " + response.version() + ") does not match the OpenAPI document:\n  " + String.join("\n  ", problems)
                    + "\nresponse headers: " + response.headers().map());
        }
    }

    /** The mismatches of {@code response} with the document; empty when it matches or is not documented. */
    public List<String> problems(String method, URI uri, HttpResponse<byte[]> response) {
        SimpleResponse.Builder wire = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                wire.withHeader(name, values);
            }
        });
        if (response.body() != null && response.body().length > 0) {
            wire.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(uri.getRawPath(),
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), wire.build());
        if (report.getMessages().stream().anyMatch(m -> m.getKey().equals(NOT_DOCUMENTED_PATH)
                || m.getKey().equals(NOT_DOCUMENTED_METHOD))) {
            return List.of();
        }
        checked.computeIfAbsent(method + " " + response.statusCode(), key -> new LongAdder()).increment();
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    /** How many responses were checked, by method and status, e.g. {@code GET 206=12}. */
    public Map<String, Long> checkedSoFar() {
        return checked.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }
}
