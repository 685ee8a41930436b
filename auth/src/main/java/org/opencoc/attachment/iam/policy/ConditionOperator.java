package org.opencoc.attachment.iam.policy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The condition operators, without the {@code ForAnyValue:}/{@code ForAllValues:} prefix and the
 * {@code IfExists} suffix. A negated operator is the exact negation of its positive {@link #base()}.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, null),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, STRING_EQUALS),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, null),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, STRING_EQUALS_IGNORE_CASE),
    STRING_LIKE("StringLike", Family.STRING, null),
    STRING_NOT_LIKE("StringNotLike", Family.STRING, STRING_LIKE),
    STRING_START_WITH("StringStartWith", Family.STRING, null),
    STRING_NOT_START_WITH("StringNotStartWith", Family.STRING, STRING_START_WITH),
    STRING_END_WITH("StringEndWith", Family.STRING, null),
    STRING_NOT_END_WITH("StringNotEndWith", Family.STRING, STRING_END_WITH),
    NUMBER_EQUALS("NumberEquals", Family.NUMBER, null),
    NUMBER_NOT_EQUALS("NumberNotEquals", Family.NUMBER, NUMBER_EQUALS),
    NUMBER_LESS_THAN("NumberLessThan", Family.NUMBER, null),
    NUMBER_LESS_THAN_EQUALS("NumberLessThanEquals", Family.NUMBER, null),
    NUMBER_GREATER_THAN("NumberGreaterThan", Family.NUMBER, null),
    NUMBER_GREATER_THAN_EQUALS("NumberGreaterThanEquals", Family.NUMBER, null),
    DATE_EQUALS("DateEquals", Family.DATE, null),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, DATE_EQUALS),
    DATE_LESS_THAN("DateLessThan", Family.DATE, null),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, null),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, null),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, null),
    BOOL("Bool", Family.BOOL, null),
    IP_ADDRESS("IpAddress", Family.IP, null),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, IP_ADDRESS),
    NULL("Null", Family.NULL, null);

    /** How the policy values of an operator are read. */
    enum Family { STRING, NUMBER, DATE, BOOL, IP, NULL }

    private static final Map<String, ConditionOperator> BY_FOLDED_NAME = new HashMap<>();

    static {
        for (ConditionOperator operator : values()) {
            BY_FOLDED_NAME.put(operator.canonicalName.toLowerCase(Locale.ROOT), operator);
        }
    }

    private final String canonicalName;
    private final Family family;
    private final ConditionOperator positive;

    ConditionOperator(String canonicalName, Family family, ConditionOperator positive) {
        this.canonicalName = canonicalName;
        this.family = family;
        this.positive = positive;
    }

    /** The operator called {@code name}, compared case-insensitively. */
    static Optional<ConditionOperator> named(String name) {
        return Optional.ofNullable(BY_FOLDED_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    String canonicalName() {
        return canonicalName;
    }

    Family family() {
        return family;
    }

    boolean negated() {
        return positive != null;
    }

    /** The positive operator this one negates, or itself. */
    ConditionOperator base() {
        return positive == null ? this : positive;
    }
}
