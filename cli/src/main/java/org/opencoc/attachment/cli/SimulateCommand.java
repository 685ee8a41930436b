package org.opencoc.attachment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.ConditionContext;
import org.opencoc.attachment.iam.policy.Decision;
import org.opencoc.attachment.iam.policy.GroupPolicies;
import org.opencoc.attachment.iam.policy.Policy;
import org.opencoc.attachment.iam.policy.PolicyException;
import org.opencoc.attachment.iam.policy.PolicyExplainer;
import org.opencoc.attachment.iam.policy.PolicyExplainer.Explanation;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code iam simulate}: what the service would decide for a caller, an action and a request, with the
 * service's own engine ({@link PolicyExplainer} over {@code PolicyEvaluator}), offline.
 *
 * <p>The caller and its policies come from a token (its payload is read, its signature is not
 * checked: this is a simulation), a claims file (the token payload as JSON), or {@code --user};
 * {@code --policy} adds draft documents, {@code --groups} is the service's group-policy file
 * ({@code coc.iam.group-policies}). Claims map to the caller exactly as the service maps them
 * ({@code sub}, {@code preferred_username}, {@code domain_id}, {@code domain_name},
 * {@code principal_type}, {@code mfa}, {@code policies}, {@code groups}); token policies come first,
 * then the groups' in name order, as in the service. The request context is the service's
 * ({@code ConditionContext.forRequest}) at {@code --time}, from {@code --source-ip}, for
 * {@code --ticket-type}, plus any {@code --context} overrides. What it prints is a
 * {@link SimulationReport}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decide an action as the service would, and explain every statement.",
            "Prints allow / explicit deny / implicit deny, the deciding policy and statement, and for each other "
                + "statement why it did not apply. Uses the service's own policy engine; nothing is sent anywhere. "
                + "Exit 0 allow, 10 explicit deny, 11 implicit deny."},
        footer = {"%nExamples:",
            "  coc-attach iam simulate --user alice --policy docs/examples/policies/office-ip-only.json \\",
            "      --action coc:ticket:downloadFile --source-ip 10.1.2.3 --time 2026-12-01T09:00:00Z",
            "  coc-attach iam simulate --token \"$TOKEN\" --groups docs/examples/policies/groups.json \\",
            "      --action coc:ticket:uploadFile --source-ip 203.0.113.7 --json"})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Who asks (one of):%n")
    Who who;

    static final class Who {
        @Option(names = "--token", paramLabel = "JWT", description = "A token; its claims are read, its signature is not verified.")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding a token.")
        Path tokenFile;

        @Option(names = "--claims", paramLabel = "FILE", description = "A JSON file of token claims (the payload).")
        Path claims;

        @Option(names = "--user", paramLabel = "NAME", description = "A user with no token policies (add --policy, --group).")
        String user;
    }

    @Option(names = "--domain-id", paramLabel = "ID", defaultValue = "d-simulated",
            description = "With --user: the account id (default ${DEFAULT-VALUE}).")
    String domainId;

    @Option(names = "--domain-name", paramLabel = "NAME", description = "With --user: the account name.")
    String domainName;

    @Option(names = "--mfa", description = "With --user: the token says MFA was used.")
    boolean mfa;

    @Option(names = "--group", paramLabel = "NAME", description = "A group of the caller (repeatable; adds to the token's groups).")
    List<String> extraGroups = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE", description = "A policy document to add (repeatable), e.g. a draft.")
    List<Path> policyFiles = new ArrayList<>();

    @Option(names = "--groups", paramLabel = "FILE", description = "The group-policy file of the service (coc.iam.group-policies).")
    Path groupsFile;

    @Option(names = "--action", paramLabel = "ACTION", required = true,
            description = "The action, e.g. coc:ticket:downloadFile or coc:ticket:uploadFile.")
    String action;

    @Option(names = "--source-ip", paramLabel = "IP", description = "The client address (g:SourceIp); absent if not given.")
    String sourceIp;

    @Option(names = "--time", paramLabel = "INSTANT", description = "The request time (g:CurrentTime), ISO 8601 such as 2026-12-01T09:00:00Z; default now.")
    String time;

    @Option(names = "--ticket-type", paramLabel = "TYPE", defaultValue = "incident",
            description = "The ticket type of the path (coc:TicketType; default ${DEFAULT-VALUE}).")
    String ticketType;

    @Option(names = "--context", paramLabel = "KEY=VALUE",
            description = "Set a context key (repeatable; repeating a key gives it several values).")
    List<String> contextOverrides = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "KEY", description = "Remove a context key, e.g. g:SourceIp (repeatable).")
    List<String> unset = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonObject claims = claims();
        Caller caller = caller(claims);
        ConditionContext context = context(caller);
        Explanation explanation;
        List<Policy> policies;
        try {
            policies = policies(claims);
            explanation = new PolicyExplainer().explain(caller, action, policies, context);
        } catch (PolicyException e) {
            explanation = new Explanation(Decision.failClosed(e), List.of());
        }
        SimulationReport report = new SimulationReport(action, caller, context, explanation);
        if (json) {
            out.println(report.toJson());
        } else {
            report.print(out);
        }
        return switch (explanation.decision().outcome()) {
            case ALLOW -> ExitCode.OK;
            case EXPLICIT_DENY -> ExitCode.EXPLICIT_DENY;
            case IMPLICIT_DENY -> ExitCode.IMPLICIT_DENY;
        };
    }

    // ------------------------------------------------------------------ inputs

    private JsonObject claims() {
        if (who.user != null) {
            JsonObjectBuilder claims = Json.createObjectBuilder().add("sub", who.user).add("preferred_username", who.user)
                    .add("domain_id", domainId).add("principal_type", "user").add("mfa", mfa);
            if (domainName != null) {
                claims.add("domain_name", domainName);
            }
            return claims.build();
        }
        if (who.claims != null) {
            return readObject(read(who.claims), who.claims.toString());
        }
        String token = who.token != null ? who.token : read(who.tokenFile).strip();
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw usage("The token is not a compact JWT (three dot-separated parts)");
        }
        try {
            return readObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), "the token payload");
        } catch (IllegalArgumentException e) {
            throw usage("The token payload is not base64url: " + e.getMessage());
        }
    }

    /** The caller as the service reads it from a token (JwtCallers). */
    private Caller caller(JsonObject claims) {
        String type = text(claims, "principal_type", "user").toLowerCase(Locale.ROOT);
        Caller.PrincipalType principalType = switch (type) {
            case "account" -> Caller.PrincipalType.ACCOUNT;
            case "user" -> Caller.PrincipalType.USER;
            default -> throw usage("principal_type must be 'account' or 'user' (the service refuses this token with 401)");
        };
        String domain = text(claims, "domain_id", null);
        String subject = text(claims, "sub", null);
        if (domain == null || subject == null) {
            throw usage("The claims need sub and domain_id (the service refuses this token with 401)");
        }
        return new Caller(principalType, domain, text(claims, "domain_name", ""), subject,
                text(claims, "preferred_username", subject), JsonValue.TRUE.equals(claims.get("mfa")));
    }

    private ConditionContext context(Caller caller) {
        Instant at;
        try {
            at = time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw usage("--time must be an ISO 8601 instant such as 2026-12-01T09:00:00Z, was " + time);
        }
        ConditionContext context = ConditionContext.forRequest(caller, Clock.fixed(at, ZoneOffset.UTC), sourceIp, ticketType);
        if (contextOverrides.isEmpty() && unset.isEmpty()) {
            return context;
        }
        Map<String, List<String>> overrides = new LinkedHashMap<>();
        for (String override : contextOverrides) {
            int equals = override.indexOf('=');
            if (equals < 1) {
                throw usage("--context takes KEY=VALUE, was " + override);
            }
            overrides.computeIfAbsent(override.substring(0, equals), key -> new ArrayList<>())
                    .add(override.substring(equals + 1));
        }
        ConditionContext.Builder builder = context.toBuilder();
        unset.forEach(builder::remove);
        overrides.forEach(builder::put);
        return builder.build();
    }

    /** Token policies, then the --policy files, then the groups' policies (in name order), as the service. */
    private List<Policy> policies(JsonObject claims) {
        List<Policy> policies = new ArrayList<>();
        JsonValue documents = claims.get("policies");
        if (documents != null && documents.getValueType() == JsonValue.ValueType.ARRAY) {
            policies.addAll(Policy.parseAll(documents, "policies"));
        } else if (documents != null && documents.getValueType() != JsonValue.ValueType.NULL) {
            throw new PolicyException("policies", null, "the claim must be an array of policy documents");
        }
        for (Path file : policyFiles) {
            policies.add(Policy.parse(read(file), file.getFileName().toString()));
        }
        TreeSet<String> groups = new TreeSet<>(extraGroups);
        JsonValue claimed = claims.get("groups");
        if (claimed instanceof JsonArray array) {
            array.forEach(value -> {
                if (value instanceof JsonString name) {
                    groups.add(name.getString());
                }
            });
        }
        if (!groups.isEmpty() || groupsFile != null) {
            GroupPolicies groupPolicies = groupsFile == null ? GroupPolicies.empty() : GroupPolicies.load(groupsFile);
            policies.addAll(groupPolicies.policiesFor(groups));
        }
        return policies;
    }

    // ------------------------------------------------------------------ helpers

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw usage("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private JsonObject readObject(String text, String what) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw usage(what + " is not a JSON object: " + e.getMessage());
        }
    }

    private static String text(JsonObject claims, String name, String fallback) {
        JsonValue value = claims.get(name);
        return value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : fallback;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
