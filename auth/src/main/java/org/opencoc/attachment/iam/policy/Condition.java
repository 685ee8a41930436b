package org.opencoc.attachment.iam.policy;

import inet.ipaddr.IPAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One compiled {@code operator: {key: values}} pair of a statement's {@code Condition} block.
 *
 * <p>Semantics, for the context values V of the key and the policy values P:
 * <ul>
 *   <li>a value v <em>matches</em> when the positive operator holds for v and at least one p (values OR);</li>
 *   <li>V empty (key absent): {@code Null} is handled apart; {@code IfExists} gives true; else
 *       {@code ForAllValues:} true, {@code ForAnyValue:} false, a negated operator true, any other false;</li>
 *   <li>no prefix: true when some v matches; a negated operator is the exact negation (no v matches);</li>
 *   <li>{@code ForAnyValue:}: some v passes; {@code ForAllValues:}: every v passes; where "passes" is
 *       "matches", or "matches no p" for a negated operator;</li>
 *   <li>{@code Null}: with {@code true}, holds when the key is absent; with {@code false}, when present.</li>
 *   <li>{@code IsNullOrEmpty}: with {@code true}, holds when the key is absent or all its values are empty
 *       strings; with {@code false}, when it has a non-empty value.</li>
 * </ul>
 * A context value that cannot be read as the operator's type is a {@link PolicyException} (fail closed).
 */
final class Condition {

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    private final String operatorName;
    private final ConditionOperator operator;
    private final ConditionOperator.Comparison comparison;
    private final boolean negated;
    private final boolean presenceTest;
    private final Qualifier qualifier;
    private final boolean ifExists;
    private final String key;
    private final String foldedKey;
    private final List<Object> values;

    Condition(String operatorName, ConditionOperator operator, Qualifier qualifier, boolean ifExists,
              String key, List<Object> values) {
        this.operatorName = operatorName;
        this.operator = operator;
        this.comparison = operator.comparison();
        this.negated = operator.negated();
        this.presenceTest = comparison.presenceTest();
        this.qualifier = qualifier;
        this.ifExists = ifExists;
        this.key = key;
        this.foldedKey = ConditionContext.fold(key);
        this.values = List.copyOf(values);
    }

    /** The operator as the document spelled it, with its prefix and suffix. */
    String operatorName() {
        return operatorName;
    }

    /** The condition key as the document spelled it. */
    String key() {
        return key;
    }

    /** Whether the condition holds; a context value of the wrong type throws {@link PolicyException}. */
    boolean holds(ConditionContext context) {
        List<ContextValue> present = context.lookup(foldedKey);
        if (presenceTest) {
            return values.contains(comparison == ConditionOperator.Comparison.ABSENT ? present.isEmpty()
                    : nullOrEmpty(present));
        }
        if (present.isEmpty()) {
            if (ifExists) {
                return true;
            }
            switch (qualifier) {
                case FOR_ALL_VALUES:
                    return true;
                case FOR_ANY_VALUE:
                    return false;
                default:
                    return negated;
            }
        }
        switch (qualifier) {
            case FOR_ALL_VALUES:
                for (ContextValue value : present) {
                    if (matches(value) == negated) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                for (ContextValue value : present) {
                    if (matches(value) != negated) {
                        return true;
                    }
                }
                return false;
            default:
                for (ContextValue value : present) {
                    if (matches(value)) {
                        return !negated;
                    }
                }
                return negated;
        }
    }

    private static boolean nullOrEmpty(List<ContextValue> present) {
        for (ContextValue value : present) {
            if (!value.text().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the positive form of the operator holds for {@code value} and at least one policy value. */
    private boolean matches(ContextValue value) {
        try {
            for (Object expected : values) {
                if (test(value, expected)) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            throw new PolicyException(null, null, "condition " + operatorName + " on key '" + key
                    + "': context value " + e.getMessage(), e);
        }
    }

    private boolean test(ContextValue value, Object expected) {
        switch (comparison) {
            case EQUALS:
                return value.text().equals(expected);
            case EQUALS_IGNORE_CASE:
                return value.text().equalsIgnoreCase((String) expected);
            case WILDCARD:
                return ((WildcardPattern) expected).matches(value.text());
            case START_WITH:
                return value.text().startsWith((String) expected);
            case END_WITH:
                return value.text().endsWith((String) expected);
            case NUMBER_EQUALS:
                return value.number().compareTo((BigDecimal) expected) == 0;
            case NUMBER_LESS_THAN:
                return value.number().compareTo((BigDecimal) expected) < 0;
            case NUMBER_LESS_THAN_EQUALS:
                return value.number().compareTo((BigDecimal) expected) <= 0;
            case NUMBER_GREATER_THAN:
                return value.number().compareTo((BigDecimal) expected) > 0;
            case NUMBER_GREATER_THAN_EQUALS:
                return value.number().compareTo((BigDecimal) expected) >= 0;
            case DATE_EQUALS:
                return value.instant().equals(expected);
            case DATE_LESS_THAN:
                return value.instant().isBefore((Instant) expected);
            case DATE_LESS_THAN_EQUALS:
                return !value.instant().isAfter((Instant) expected);
            case DATE_GREATER_THAN:
                return value.instant().isAfter((Instant) expected);
            case DATE_GREATER_THAN_EQUALS:
                return !value.instant().isBefore((Instant) expected);
            case BOOL:
                return value.bool() == (Boolean) expected;
            case IP_RANGE:
                return ((IPAddress) expected).contains(value.ip());
            default:
                throw new IllegalStateException("no test for " + operator);
        }
    }

    @Override
    public String toString() {
        return operatorName + " " + key + " " + values;
    }
}
