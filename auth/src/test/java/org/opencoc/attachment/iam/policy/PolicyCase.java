package org.opencoc.attachment.iam.policy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.Decision.Outcome;

/**
 * One case of the table-driven suite, read from {@code src/test/resources/policy-cases/*.json}.
 *
 * <p>Fields: {@code name}; optional {@code caller} overriding the default user
 * (type {@code user}, domain {@code d-0001}/{@code acme}, user {@code u-0001}/{@code alice}, no MFA);
 * {@code action}; {@code policies} (the array a token's {@code policies} claim would carry); optional
 * {@code context} overriding keys of the default request context (a string, number or boolean sets one
 * value, an array several, {@code null} removes the key); {@code expect}; optional {@code error} (the
 * policies must fail to parse with this message fragment), {@code reason} (fragment of the decision
 * reason) and {@code statement} (the deciding statement); {@code source} (the public page a documentation
 * example was copied from) and {@code note}, which the suite does not interpret.
 */
record PolicyCase(String file, String name, Caller caller, String action, JsonArray policies,
                  ConditionContext context, Outcome expect, Optional<String> error, Optional<String> reason,
                  Optional<String> statement, Optional<String> source) {

    /** The table-driven semantics suite. */
    static final String CASES = "/policy-cases";
    /** Examples copied from the cloud's public documentation, each with its source address. */
    static final String DOCUMENTATION_EXAMPLES = "/policy-doc-examples";

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SOURCE_IP = "192.0.2.10";
    static final String TICKET_TYPE = "incident";

    /** Every field a case may have; a case with any other (a misspelt {@code reason}) would assert less than it says. */
    static final Set<String> FIELDS = Set.of("name", "caller", "action", "policies", "context", "expect", "error",
            "reason", "statement", "source", "note");

    static Stream<PolicyCase> all() {
        return all(CASES);
    }

    /** Every case of every {@code *.json} file in the test resource directory {@code resourceDirectory}. */
    static Stream<PolicyCase> all(String resourceDirectory) {
        return files(resourceDirectory).stream().flatMap(PolicyCase::read);
    }

    /** The {@code *.json} files of the test resource directory {@code resourceDirectory}, sorted. */
    static List<Path> files(String resourceDirectory) {
        Path directory;
        try {
            directory = Path.of(PolicyCase.class.getResource(resourceDirectory).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case objects of one file, as written. */
    static List<JsonObject> objects(Path file) {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<PolicyCase> read(Path file) {
        String area = file.getFileName().toString().replaceFirst("\\.json$", "");
        return objects(file).stream().map(json -> {
            Caller caller = caller(json.getJsonObject("caller"));
            return new PolicyCase(area, json.getString("name"), caller, json.getString("action"),
                    json.getJsonArray("policies"), context(caller, json.getJsonObject("context")),
                    Outcome.valueOf(json.getString("expect")), text(json, "error"), text(json, "reason"),
                    text(json, "statement"), text(json, "source"));
        });
    }

    private static Caller caller(JsonObject overrides) {
        JsonObject o = overrides == null ? JsonValue.EMPTY_JSON_OBJECT : overrides;
        return new Caller(
                "account".equals(string(o, "type", "user")) ? Caller.PrincipalType.ACCOUNT : Caller.PrincipalType.USER,
                string(o, "domainId", "d-0001"), string(o, "domainName", "acme"),
                string(o, "userId", "u-0001"), string(o, "userName", "alice"),
                o.getBoolean("mfa", false));
    }

    private static ConditionContext context(Caller caller, JsonObject overrides) {
        ConditionContext context = ConditionContext.forRequest(caller, CLOCK, SOURCE_IP, TICKET_TYPE);
        if (overrides == null) {
            return context;
        }
        ConditionContext.Builder builder = context.toBuilder();
        for (Map.Entry<String, JsonValue> entry : overrides.entrySet()) {
            JsonValue value = entry.getValue();
            switch (value.getValueType()) {
                case NULL:
                    builder.remove(entry.getKey());
                    break;
                case ARRAY:
                    builder.put(entry.getKey(), value.asJsonArray().stream().map(PolicyCase::scalar)
                            .collect(Collectors.toList()));
                    break;
                default:
                    builder.put(entry.getKey(), scalar(value));
            }
        }
        return builder.build();
    }

    private static String scalar(JsonValue value) {
        return value instanceof JsonString ? ((JsonString) value).getString() : value.toString();
    }

    private static String string(JsonObject o, String field, String fallback) {
        return o.containsKey(field) && o.isNull(field) ? null : o.getString(field, fallback);
    }

    private static Optional<String> text(JsonObject json, String field) {
        return Optional.ofNullable(json.getString(field, null));
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }
}
