package org.opencoc.attachment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The cases of the engine's test tables ({@code auth/src/test/resources/policy-cases/*.json}, format in
 * auth's {@code PolicyCase}) as inputs of {@code iam simulate}: the caller and policies as a claims
 * file, the context overrides as {@code --context} / {@code --unset}. Shared with the it-tests (test-jar),
 * which ask the running service the same questions.
 */
public final class PolicyTable {

    /** The default request of the tables: the time, source address and ticket type of {@code PolicyCase}. */
    public static final String NOW = "2026-06-15T12:00:00Z";
    public static final String SOURCE_IP = "192.0.2.10";
    public static final String TICKET_TYPE = "incident";

    /**
     * One case.
     *
     * @param name      file and case name
     * @param claims    the token claims (sub, preferred_username, domain_id, domain_name, principal_type,
     *                  mfa, policies)
     * @param action    the action asked
     * @param overrides the case's context overrides ({@code null} value: remove the key)
     * @param expect    {@code ALLOW}, {@code EXPLICIT_DENY} or {@code IMPLICIT_DENY}
     * @param malformed whether the policies must fail to parse (the service fails closed)
     */
    public record Case(String name, JsonObject claims, String action, JsonObject overrides, String expect,
                       boolean malformed) {

        /** Whether the case uses nothing but the default request (so a real request can ask it). */
        public boolean defaultContext() {
            return overrides.isEmpty();
        }

        /** The arguments of {@code iam simulate --json} for this case at the tables' default request. */
        public List<String> simulateArguments(Path claimsFile) {
            return simulateArguments(claimsFile, action, NOW, SOURCE_IP, TICKET_TYPE);
        }

        /** The arguments of {@code iam simulate --json} for this case at a given request. */
        public List<String> simulateArguments(Path claimsFile, String action, String time, String sourceIp, String ticketType) {
            List<String> args = new ArrayList<>(List.of("iam", "simulate", "--json", "--claims", claimsFile.toString(),
                    "--action", action, "--time", time, "--source-ip", sourceIp, "--ticket-type", ticketType));
            for (Map.Entry<String, JsonValue> entry : overrides.entrySet()) {
                JsonValue value = entry.getValue();
                switch (value.getValueType()) {
                    case NULL -> args.addAll(List.of("--unset", entry.getKey()));
                    case ARRAY -> {
                        args.addAll(List.of("--unset", entry.getKey()));
                        for (JsonValue element : value.asJsonArray()) {
                            args.addAll(List.of("--context", entry.getKey() + "=" + scalar(element)));
                        }
                    }
                    default -> args.addAll(List.of("--context", entry.getKey() + "=" + scalar(value)));
                }
            }
            return args;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private PolicyTable() {
    }

    /** Every case of every table file under {@code directory}, files in name order. */
    public static Stream<Case> read(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Case> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try (JsonReader reader = Json.createReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
                    for (JsonValue value : reader.readArray()) {
                        cases.add(toCase(file.getFileName().toString().replace(".json", ""), value.asJsonObject()));
                    }
                }
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables of the auth module, seen from a module directory of this build. */
    public static Path tablesOf(Path moduleDirectory) {
        return moduleDirectory.toAbsolutePath().resolveSibling("auth").resolve("src/test/resources/policy-cases");
    }

    private static Case toCase(String file, JsonObject json) {
        JsonObject caller = json.containsKey("caller") ? json.getJsonObject("caller") : JsonValue.EMPTY_JSON_OBJECT;
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("sub", text(caller, "userId", "u-0001"))
                .add("principal_type", text(caller, "type", "user"))
                .add("mfa", caller.getBoolean("mfa", false));
        optional(caller, "userName", "alice").ifPresent(v -> claims.add("preferred_username", v));
        claims.add("domain_id", text(caller, "domainId", "d-0001"));
        optional(caller, "domainName", "acme").ifPresent(v -> claims.add("domain_name", v));
        JsonArray policies = json.getJsonArray("policies");
        claims.add("policies", policies);
        JsonObject overrides = json.containsKey("context") ? json.getJsonObject("context") : JsonValue.EMPTY_JSON_OBJECT;
        return new Case(file + ": " + json.getString("name"), claims.build(), json.getString("action"), overrides,
                json.getString("expect"), json.containsKey("error"));
    }

    private static String text(JsonObject o, String field, String fallback) {
        return o.getString(field, fallback);
    }

    private static Optional<String> optional(JsonObject o, String field, String fallback) {
        if (o.containsKey(field) && o.isNull(field)) {
            return Optional.empty();
        }
        return Optional.of(o.getString(field, fallback));
    }

    private static String scalar(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    /** What one in-process run of the command line printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The {@code --json} output. */
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new java.io.StringReader(stdout))) {
                return reader.readObject();
            }
        }
    }

    /** One command model per thread, reused (picocli resets every option before each run). */
    private static final ThreadLocal<picocli.CommandLine> COMMAND_LINE = ThreadLocal.withInitial(
            () -> CocAttach.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));

    /** Runs {@code coc-attach} in this JVM (the command model of the jar's entry point) and captures its output. */
    public static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = COMMAND_LINE.get();
        setStreams(commandLine, new PrintWriter(out, true), new PrintWriter(err, true));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static void setStreams(picocli.CommandLine commandLine, PrintWriter out, PrintWriter err) {
        commandLine.setOut(out).setErr(err); // applies to the subcommands too
    }
}
