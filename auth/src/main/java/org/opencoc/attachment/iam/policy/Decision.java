package org.opencoc.attachment.iam.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one authorization decision, with what the audit line needs: which policy and
 * statement decided (when one did) and a short human reason.
 */
public final class Decision {

    /** The three outcomes; only {@link #ALLOW} lets the request through. */
    public enum Outcome {
        /** Some applicable statement allows the action and none denies it, or the caller is an account. */
        ALLOW,
        /**
         * An applicable Deny statement refuses the action, or the policies could not be parsed or
         * evaluated (fail closed).
         */
        EXPLICIT_DENY,
        /** No applicable statement allows the action. */
        IMPLICIT_DENY
    }

    private final Outcome outcome;
    private final String policy;
    private final String statement;
    private final String reason;

    private Decision(Outcome outcome, String policy, String statement, String reason) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.policy = policy;
        this.statement = statement;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    static Decision of(Outcome outcome, String policy, String statement, String reason) {
        return new Decision(outcome, policy, statement, reason);
    }

    /**
     * The decision for policies that could not be parsed: an {@link Outcome#EXPLICIT_DENY} naming the
     * policy and statement at fault, with the exception's message as the reason. This is how the
     * container glue fails closed on a malformed document.
     */
    public static Decision failClosed(PolicyException error) {
        return new Decision(Outcome.EXPLICIT_DENY, error.policy().orElse(null), error.statement().orElse(null),
                "invalid policy, failing closed: " + error.getMessage());
    }

    /** Allow, explicit deny or implicit deny. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether the request may proceed. */
    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    /** The label of the deciding policy, when one policy decided. */
    public Optional<String> policy() {
        return Optional.ofNullable(policy);
    }

    /** The deciding statement (its Sid, or {@code #index}), when one statement decided. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    /** A short human explanation for the audit line. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return outcome + (policy == null ? "" : " policy=" + policy) + (statement == null ? "" : " statement=" + statement)
                + " (" + reason + ")";
    }
}
