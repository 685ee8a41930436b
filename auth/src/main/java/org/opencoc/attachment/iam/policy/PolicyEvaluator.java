package org.opencoc.attachment.iam.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.Decision.Outcome;

/**
 * Decides whether a caller may perform an action. Stateless and thread-safe; plain Java.
 *
 * <h2>Order of evaluation</h2>
 * <ol>
 *   <li>An {@link Caller.PrincipalType#ACCOUNT account} is always allowed; its policies are not read.</li>
 *   <li>For a user, every statement of every policy is considered. A statement applies when its resource
 *       rule admits the unscoped resource {@code *} (see {@link Policy}), its {@code Action} matches (or
 *       its {@code NotAction} does not), and all its conditions hold.</li>
 *   <li>An applicable Deny statement decides at once: {@link Outcome#EXPLICIT_DENY}.</li>
 *   <li>Otherwise an applicable Allow statement gives {@link Outcome#ALLOW}; with none,
 *       {@link Outcome#IMPLICIT_DENY}.</li>
 * </ol>
 * The outcome does not depend on the order of policies or statements (the named deciding statement may).
 *
 * <h2>Conditions</h2>
 * Operators AND, keys AND, values OR; a negated operator ({@code StringNotEquals}, {@code NotIpAddress},
 * ...) holds when the context value matches none of the values (NOR). Key names are case-insensitive. An
 * absent key makes a condition false, except for negated operators (true), {@code ...IfExists} (true),
 * {@code ForAllValues:} (true), {@code Null} and {@code IsNullOrEmpty} (true for {@code "true"}).
 * {@code ForAnyValue:} on an absent key is false.
 *
 * <h2>Failing closed</h2>
 * A condition that cannot be evaluated (a context value of the wrong type for its operator, such as an
 * unparsable {@code g:SourceIp} under {@code IpAddress}) never grants: in a Deny statement it denies
 * ({@link Outcome#EXPLICIT_DENY}); in an Allow statement that statement does not apply, and the reason
 * says so. This keeps "adding a Deny never grants" and "adding an Allow never revokes" true.
 */
public final class PolicyEvaluator {

    /** An evaluator; it holds no state. */
    public PolicyEvaluator() {
    }

    /**
     * Decides one action.
     *
     * @param caller   the authenticated principal
     * @param action   the action of the resource method, such as {@code coc:ticket:downloadFile}
     * @param policies the caller's policies (token {@code policies} claim plus group policies)
     * @param context  the request facts, usually {@link ConditionContext#forRequest}
     * @return the decision; never throws for bad policies or context values
     */
    public Decision evaluate(Caller caller, String action, List<Policy> policies, ConditionContext context) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(context, "context");
        if (caller.type() == Caller.PrincipalType.ACCOUNT) {
            return Decision.of(Outcome.ALLOW, null, null, "account principal: every action is allowed");
        }
        String folded = action.toLowerCase(Locale.ROOT);
        Policy allowingPolicy = null;
        Statement allowing = null;
        String skipped = null;
        for (Policy policy : policies) {
            for (Statement statement : policy.statements()) {
                boolean deny = statement.effect() == Effect.DENY;
                if (!deny && allowing != null
                        || !statement.coversUnscopedResource()
                        || !statement.matchesAction(folded)) {
                    continue;
                }
                boolean holds;
                try {
                    holds = statement.conditionsHold(context);
                } catch (PolicyException e) {
                    if (deny) {
                        return Decision.of(Outcome.EXPLICIT_DENY, policy.label(), statement.label(),
                                "Deny statement could not be evaluated, failing closed: " + e.getMessage());
                    }
                    if (skipped == null) {
                        skipped = "Allow statement " + statement.label() + " of policy '" + policy.label()
                                + "' could not be evaluated and was skipped: " + e.getMessage();
                    }
                    continue;
                }
                if (!holds) {
                    continue;
                }
                if (deny) {
                    return Decision.of(Outcome.EXPLICIT_DENY, policy.label(), statement.label(),
                            "denied by statement " + statement.label() + " of policy '" + policy.label() + "'");
                }
                allowingPolicy = policy;
                allowing = statement;
            }
        }
        if (allowing != null) {
            return Decision.of(Outcome.ALLOW, allowingPolicy.label(), allowing.label(),
                    "allowed by statement " + allowing.label() + " of policy '" + allowingPolicy.label() + "'");
        }
        return Decision.of(Outcome.IMPLICIT_DENY, null, null,
                "no statement allows " + action + (skipped == null ? "" : "; " + skipped));
    }
}
