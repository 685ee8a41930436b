package org.opencoc.attachment.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.ConditionContext;
import org.opencoc.attachment.iam.policy.Decision;
import org.opencoc.attachment.iam.policy.PolicyExplainer.Explanation;
import org.opencoc.attachment.iam.policy.PolicyExplainer.StatementTrace;

/**
 * What {@code iam simulate} prints about one decision, as text or as one JSON object.
 *
 * @param action      the action decided
 * @param caller      who asked
 * @param context     the request context the conditions saw
 * @param explanation the decision and the trace of every statement
 */
record SimulationReport(String action, Caller caller, ConditionContext context, Explanation explanation) {

    /** The text form: decision, deciding statement, reason, request, then one line per statement. */
    void print(PrintWriter out) {
        Decision decision = explanation.decision();
        out.println("decision:  " + outcome(decision).replace('_', ' ').toUpperCase(Locale.ROOT) + "  " + action
                + " for " + caller.urn());
        out.println("deciding:  " + decision.policy().map(p -> "policy '" + p + "'").orElse("no policy")
                + decision.statement().map(s -> ", statement " + s).orElse(""));
        out.println("reason:    " + decision.reason());
        out.println("request:   " + describe(context));
        if (caller.type() == Caller.PrincipalType.ACCOUNT) {
            out.println("(an account principal is allowed every action; its policies are not read)");
            return;
        }
        if (explanation.statements().isEmpty()) {
            return;
        }
        out.println("statements:");
        for (StatementTrace trace : explanation.statements()) {
            out.println((trace.deciding() ? "  * " : "    ") + trace.policy() + " " + trace.statement() + " ("
                    + trace.effect().name().charAt(0) + trace.effect().name().substring(1).toLowerCase(Locale.ROOT) + "): "
                    + verdict(trace) + " - " + trace.detail());
        }
        if (explanation.deciding().isPresent()) {
            out.println("  (* the deciding statement)");
        }
    }

    private static String verdict(StatementTrace trace) {
        return switch (trace.verdict()) {
            case APPLIES -> "applies";
            case RESOURCE_NOT_COVERED -> "resource not covered";
            case ACTION_NOT_MATCHED -> "action did not match";
            case CONDITION_FALSE -> "condition false";
            case CONDITION_ERROR -> "condition not evaluable";
        };
    }

    private static String outcome(Decision decision) {
        return switch (decision.outcome()) {
            case ALLOW -> "allow";
            case EXPLICIT_DENY -> "explicit_deny";
            case IMPLICIT_DENY -> "implicit_deny";
        };
    }

    private static String describe(ConditionContext context) {
        List<String> parts = new ArrayList<>();
        for (String key : context.keys()) {
            List<String> values = context.values(key);
            parts.add(key + "=" + (values.size() == 1 ? values.get(0) : values.toString()));
        }
        return String.join(", ", parts);
    }

    /** The {@code --json} form: one object. */
    String toJson() {
        Decision decision = explanation.decision();
        JsonObjectBuilder contextJson = Json.createObjectBuilder();
        for (String key : context.keys()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            context.values(key).forEach(values::add);
            contextJson.add(key, values);
        }
        JsonArrayBuilder statements = Json.createArrayBuilder();
        for (StatementTrace trace : explanation.statements()) {
            statements.add(Json.createObjectBuilder()
                    .add("policy", trace.policy())
                    .add("statement", trace.statement())
                    .add("effect", trace.effect().name())
                    .add("verdict", trace.verdict().name())
                    .add("detail", trace.detail())
                    .add("deciding", trace.deciding()));
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("decision", outcome(decision))
                .add("action", action)
                .add("principal", caller.urn());
        decision.policy().ifPresentOrElse(p -> json.add("policy", p), () -> json.addNull("policy"));
        decision.statement().ifPresentOrElse(s -> json.add("statement", s), () -> json.addNull("statement"));
        return json.add("reason", decision.reason())
                .add("context", contextJson)
                .add("statements", statements)
                .build().toString();
    }
}
