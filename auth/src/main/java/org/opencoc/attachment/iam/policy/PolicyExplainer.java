package org.opencoc.attachment.iam.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.Decision.Outcome;

/**
 * Explains a decision of {@link PolicyEvaluator}: the decision itself comes from the evaluator
 * (the same code the service runs, so an explanation can never disagree with it), and for every
 * statement of every policy the explainer says whether it applied and, if not, the first reason why
 * not: its {@code Resource} does not cover the unscoped resource, its {@code Action} /
 * {@code NotAction} does not match, or which condition was false (with the context values it saw) or
 * could not be evaluated.
 *
 * <p>Every statement is examined, also those the evaluator did not need (after the first applicable
 * Deny, or further Allows); exactly one trace is marked as deciding when a statement decided. Plain
 * Java, stateless and thread-safe, like the evaluator.
 */
public final class PolicyExplainer {

    /** Why a statement did or did not apply, in the order the evaluator checks. */
    public enum Verdict {
        /** Resource rule, action rule and every condition hold. */
        APPLIES,
        /** {@code Resource} / {@code NotResource} does not admit the unscoped resource {@code *}. */
        RESOURCE_NOT_COVERED,
        /** {@code Action} does not match the action, or {@code NotAction} does. */
        ACTION_NOT_MATCHED,
        /** A condition is false for the request's context. */
        CONDITION_FALSE,
        /** A condition could not be evaluated (a context value of the wrong type): a Deny then denies. */
        CONDITION_ERROR
    }

    /**
     * What one statement did.
     *
     * @param policy    the policy label, as the decision names it
     * @param statement the statement label (Sid or {@code #index})
     * @param effect    Allow or Deny
     * @param verdict   whether and why (not) it applied
     * @param detail    a human sentence: the failed condition with the context values, or what matched
     * @param deciding  whether this statement decided the outcome
     */
    public record StatementTrace(String policy, String statement, Effect effect, Verdict verdict, String detail,
                                 boolean deciding) {
    }

    /**
     * A decision with the trace of every statement.
     *
     * @param decision   the evaluator's decision
     * @param statements one trace per statement, policies and statements in the order given
     */
    public record Explanation(Decision decision, List<StatementTrace> statements) {
        public Explanation {
            Objects.requireNonNull(decision, "decision");
            statements = List.copyOf(statements);
        }

        /** The trace of the deciding statement, when one statement decided. */
        public Optional<StatementTrace> deciding() {
            return statements.stream().filter(StatementTrace::deciding).findFirst();
        }
    }

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    /** An explainer; it holds no state. */
    public PolicyExplainer() {
    }

    /** Decides like {@link PolicyEvaluator#evaluate} and explains every statement. */
    public Explanation explain(Caller caller, String action, List<Policy> policies, ConditionContext context) {
        Decision decision = evaluator.evaluate(caller, action, policies, context);
        if (caller.type() == Caller.PrincipalType.ACCOUNT) {
            return new Explanation(decision, List.of());
        }
        String folded = action.toLowerCase(Locale.ROOT);
        List<StatementTrace> traces = new ArrayList<>();
        boolean decidingMarked = false;
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                StatementTrace trace = trace(policy, statement, folded, context);
                boolean deciding = !decidingMarked && decidedBy(decision, policy, statement)
                        && (trace.verdict() == Verdict.APPLIES
                            || trace.verdict() == Verdict.CONDITION_ERROR && statement.effect() == Effect.DENY);
                decidingMarked |= deciding;
                traces.add(deciding ? new StatementTrace(trace.policy(), trace.statement(), trace.effect(),
                        trace.verdict(), trace.detail(), true) : trace);
            }
        }
        return new Explanation(decision, traces);
    }

    private static boolean decidedBy(Decision decision, Policy policy, Statement statement) {
        return decision.outcome() != Outcome.IMPLICIT_DENY
                && decision.policy().filter(policy.label()::equals).isPresent()
                && decision.statement().filter(statement.label()::equals).isPresent();
    }

    private static StatementTrace trace(Policy policy, Statement statement, String foldedAction,
                                        ConditionContext context) {
        String p = policy.label();
        String s = statement.label();
        Effect effect = statement.effect();
        if (!statement.coversUnscopedResource()) {
            return new StatementTrace(p, s, effect, Verdict.RESOURCE_NOT_COVERED,
                    "its Resource/NotResource does not cover the unscoped resource \"*\" of this service's actions", false);
        }
        if (!statement.matchesAction(foldedAction)) {
            return new StatementTrace(p, s, effect, Verdict.ACTION_NOT_MATCHED,
                    "its Action/NotAction does not match " + foldedAction, false);
        }
        for (Condition condition : statement.conditions()) {
            boolean holds;
            try {
                holds = condition.holds(context);
            } catch (PolicyException e) {
                return new StatementTrace(p, s, effect, Verdict.CONDITION_ERROR, "condition " + condition
                        + " could not be evaluated (" + e.getMessage() + ")"
                        + (effect == Effect.DENY ? ": a Deny fails closed and denies" : ": the Allow does not apply"),
                        false);
            }
            if (!holds) {
                List<String> seen = context.values(condition.key());
                return new StatementTrace(p, s, effect, Verdict.CONDITION_FALSE, "condition " + condition
                        + " is false; the request has " + condition.key() + " = "
                        + (seen.isEmpty() ? "(absent)" : seen), false);
            }
        }
        return new StatementTrace(p, s, effect, Verdict.APPLIES, statement.conditions().isEmpty()
                ? "action matches, no conditions"
                : "action matches and all " + statement.conditions().size() + " condition(s) hold", false);
    }
}
