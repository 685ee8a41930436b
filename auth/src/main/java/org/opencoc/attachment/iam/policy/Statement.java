package org.opencoc.attachment.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * One parsed, precompiled statement of a {@link Policy}.
 *
 * <p>A statement <em>applies</em> to a request when its resource rule admits the request, its action rule
 * matches the action, and every condition holds (see {@link Policy} for the rules).
 */
public final class Statement {

    private final int index;
    private final String sid;
    private final Effect effect;
    private final List<WildcardPattern> actions;
    private final boolean notAction;
    private final boolean coversUnscopedResource;
    private final List<Condition> conditions;

    Statement(int index, String sid, Effect effect, List<WildcardPattern> actions, boolean notAction,
              boolean coversUnscopedResource, List<Condition> conditions) {
        this.index = index;
        this.sid = sid;
        this.effect = effect;
        this.actions = List.copyOf(actions);
        this.notAction = notAction;
        this.coversUnscopedResource = coversUnscopedResource;
        this.conditions = List.copyOf(conditions);
    }

    /** The position of the statement in the document's {@code Statement} array, from 0. */
    public int index() {
        return index;
    }

    /** The {@code Sid}, when the document gives one. */
    public Optional<String> sid() {
        return Optional.ofNullable(sid);
    }

    /** The Sid when present, else {@code #<index>}: how decisions and errors name this statement. */
    public String label() {
        return sid != null ? sid : "#" + index;
    }

    /** Allow or Deny. */
    public Effect effect() {
        return effect;
    }

    /**
     * Whether the statement's {@code Resource}/{@code NotResource} admits a request on the actions of this
     * service, which have no resource type: computed once at parse time.
     */
    boolean coversUnscopedResource() {
        return coversUnscopedResource;
    }

    /** Whether {@code foldedAction} (already lower case) is matched by {@code Action}, or by none of {@code NotAction}. */
    boolean matchesAction(String foldedAction) {
        for (WildcardPattern pattern : actions) {
            if (pattern.matches(foldedAction)) {
                return !notAction;
            }
        }
        return notAction;
    }

    /** Whether every condition holds (conditions AND); a value of the wrong type throws {@link PolicyException}. */
    boolean conditionsHold(ConditionContext context) {
        for (Condition condition : conditions) {
            if (!condition.holds(context)) {
                return false;
            }
        }
        return true;
    }

    /** The conditions, in document order (for {@link PolicyExplainer}). */
    List<Condition> conditions() {
        return conditions;
    }

    @Override
    public String toString() {
        return "Statement[" + label() + ", " + effect + (notAction ? ", NotAction " : ", Action ") + actions
                + (conditions.isEmpty() ? "" : ", Condition " + conditions) + "]";
    }
}
