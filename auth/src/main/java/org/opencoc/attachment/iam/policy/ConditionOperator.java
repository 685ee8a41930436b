package org.opencoc.attachment.iam.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The condition operators of both policy languages, without the {@code ForAnyValue:}/{@code ForAllValues:}
 * prefix and the {@code IfExists} suffix, each with the versions whose grammar has it.
 *
 * <p>An operator is <em>documented</em> for a version when the cloud's documentation lists it (or, where
 * {@code docs/policies.md} says so, when it is inferred from that documentation), and <em>compatible</em>
 * when it is an AWS-style spelling this service accepted before the grammar was made version-aware and
 * keeps accepting on purpose (see the compatibility list in {@code docs/policies.md}). Any other operator
 * in a document of that version makes the document malformed.
 *
 * <p>A negated operator is the exact negation of the positive operator with the same {@link #comparison()}.
 * The {@code ...AnyOf} operators of Version 1.1 compare like their plain counterparts: the request value
 * matches one of the condition values (negated: none of them).
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Comparison.EQUALS, false, Versions.BOTH, Versions.NONE),
    STRING_NOT_EQUALS("StringNotEquals", Comparison.EQUALS, true, Versions.BOTH, Versions.NONE),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Comparison.EQUALS_IGNORE_CASE, false, Versions.BOTH, Versions.NONE),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Comparison.EQUALS_IGNORE_CASE, true, Versions.BOTH,
            Versions.NONE),
    STRING_MATCH("StringMatch", Comparison.WILDCARD, false, Versions.IDENTITY, Versions.NONE),
    STRING_NOT_MATCH("StringNotMatch", Comparison.WILDCARD, true, Versions.IDENTITY, Versions.NONE),
    STRING_LIKE("StringLike", Comparison.WILDCARD, false, Versions.ROLE_BASED, Versions.IDENTITY),
    STRING_NOT_LIKE("StringNotLike", Comparison.WILDCARD, true, Versions.ROLE_BASED, Versions.IDENTITY),
    STRING_START_WITH("StringStartWith", Comparison.START_WITH, false, Versions.BOTH, Versions.NONE),
    STRING_END_WITH("StringEndWith", Comparison.END_WITH, false, Versions.BOTH, Versions.NONE),
    STRING_EQUALS_ANY_OF("StringEqualsAnyOf", Comparison.EQUALS, false, Versions.ROLE_BASED, Versions.NONE),
    STRING_NOT_EQUALS_ANY_OF("StringNotEqualsAnyOf", Comparison.EQUALS, true, Versions.ROLE_BASED, Versions.NONE),
    STRING_EQUALS_IGNORE_CASE_ANY_OF("StringEqualsIgnoreCaseAnyOf", Comparison.EQUALS_IGNORE_CASE, false,
            Versions.ROLE_BASED, Versions.NONE),
    STRING_NOT_EQUALS_IGNORE_CASE_ANY_OF("StringNotEqualsIgnoreCaseAnyOf", Comparison.EQUALS_IGNORE_CASE, true,
            Versions.ROLE_BASED, Versions.NONE),
    STRING_LIKE_ANY_OF("StringLikeAnyOf", Comparison.WILDCARD, false, Versions.ROLE_BASED, Versions.NONE),
    STRING_NOT_LIKE_ANY_OF("StringNotLikeAnyOf", Comparison.WILDCARD, true, Versions.ROLE_BASED, Versions.NONE),
    STRING_START_WITH_ANY_OF("StringStartWithAnyOf", Comparison.START_WITH, false, Versions.ROLE_BASED, Versions.NONE),
    STRING_END_WITH_ANY_OF("StringEndWithAnyOf", Comparison.END_WITH, false, Versions.ROLE_BASED, Versions.NONE),
    IS_NULL_OR_EMPTY("IsNullOrEmpty", Comparison.NULL_OR_EMPTY, false, Versions.ROLE_BASED, Versions.NONE),
    NUMBER_EQUALS("NumberEquals", Comparison.NUMBER_EQUALS, false, Versions.BOTH, Versions.NONE),
    NUMBER_NOT_EQUALS("NumberNotEquals", Comparison.NUMBER_EQUALS, true, Versions.BOTH, Versions.NONE),
    NUMBER_LESS_THAN("NumberLessThan", Comparison.NUMBER_LESS_THAN, false, Versions.BOTH, Versions.NONE),
    NUMBER_LESS_THAN_EQUALS("NumberLessThanEquals", Comparison.NUMBER_LESS_THAN_EQUALS, false, Versions.BOTH,
            Versions.NONE),
    NUMBER_GREATER_THAN("NumberGreaterThan", Comparison.NUMBER_GREATER_THAN, false, Versions.BOTH, Versions.NONE),
    NUMBER_GREATER_THAN_EQUALS("NumberGreaterThanEquals", Comparison.NUMBER_GREATER_THAN_EQUALS, false, Versions.BOTH,
            Versions.NONE),
    NUMBER_EQUALS_ANY_OF("NumberEqualsAnyOf", Comparison.NUMBER_EQUALS, false, Versions.ROLE_BASED, Versions.NONE),
    NUMBER_NOT_EQUALS_ANY_OF("NumberNotEqualsAnyOf", Comparison.NUMBER_EQUALS, true, Versions.ROLE_BASED, Versions.NONE),
    DATE_EQUALS("DateEquals", Comparison.DATE_EQUALS, false, Versions.NONE, Versions.IDENTITY),
    DATE_NOT_EQUALS("DateNotEquals", Comparison.DATE_EQUALS, true, Versions.NONE, Versions.IDENTITY),
    DATE_LESS_THAN("DateLessThan", Comparison.DATE_LESS_THAN, false, Versions.BOTH, Versions.NONE),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Comparison.DATE_LESS_THAN_EQUALS, false, Versions.BOTH, Versions.NONE),
    DATE_GREATER_THAN("DateGreaterThan", Comparison.DATE_GREATER_THAN, false, Versions.BOTH, Versions.NONE),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Comparison.DATE_GREATER_THAN_EQUALS, false, Versions.BOTH,
            Versions.NONE),
    BOOL("Bool", Comparison.BOOL, false, Versions.BOTH, Versions.NONE),
    IP_ADDRESS("IpAddress", Comparison.IP_RANGE, false, Versions.BOTH, Versions.NONE),
    NOT_IP_ADDRESS("NotIpAddress", Comparison.IP_RANGE, true, Versions.BOTH, Versions.NONE),
    NULL("Null", Comparison.ABSENT, false, Versions.IDENTITY, Versions.NONE);

    /** How the operator compares a context value with a policy value, and so how policy values are read. */
    enum Comparison {
        EQUALS(ValueType.TEXT), EQUALS_IGNORE_CASE(ValueType.TEXT), WILDCARD(ValueType.PATTERN),
        START_WITH(ValueType.TEXT), END_WITH(ValueType.TEXT),
        NUMBER_EQUALS(ValueType.NUMBER), NUMBER_LESS_THAN(ValueType.NUMBER), NUMBER_LESS_THAN_EQUALS(ValueType.NUMBER),
        NUMBER_GREATER_THAN(ValueType.NUMBER), NUMBER_GREATER_THAN_EQUALS(ValueType.NUMBER),
        DATE_EQUALS(ValueType.DATE), DATE_LESS_THAN(ValueType.DATE), DATE_LESS_THAN_EQUALS(ValueType.DATE),
        DATE_GREATER_THAN(ValueType.DATE), DATE_GREATER_THAN_EQUALS(ValueType.DATE),
        BOOL(ValueType.BOOL), IP_RANGE(ValueType.IP),
        /** {@code Null}: tests whether the key is absent, not its values. */
        ABSENT(ValueType.BOOL),
        /** {@code IsNullOrEmpty}: tests whether the key is absent or has only empty values. */
        NULL_OR_EMPTY(ValueType.BOOL);

        private final ValueType valueType;

        Comparison(ValueType valueType) {
            this.valueType = valueType;
        }

        ValueType valueType() {
            return valueType;
        }

        /** Whether the comparison is about the key's presence, so it takes no prefix and no {@code IfExists}. */
        boolean presenceTest() {
            return this == ABSENT || this == NULL_OR_EMPTY;
        }
    }

    /** How the policy values of an operator are read. */
    enum ValueType { TEXT, PATTERN, NUMBER, DATE, BOOL, IP }

    /** Sets of versions, named for readability of the table above. */
    private static final class Versions {
        static final Set<PolicyLanguage> NONE = Collections.unmodifiableSet(EnumSet.noneOf(PolicyLanguage.class));
        static final Set<PolicyLanguage> BOTH = Collections.unmodifiableSet(EnumSet.allOf(PolicyLanguage.class));
        static final Set<PolicyLanguage> ROLE_BASED = Collections.unmodifiableSet(EnumSet.of(PolicyLanguage.ROLE_BASED));
        static final Set<PolicyLanguage> IDENTITY = Collections.unmodifiableSet(EnumSet.of(PolicyLanguage.IDENTITY));

        private Versions() {
        }
    }

    private static final Map<String, ConditionOperator> BY_FOLDED_NAME = new HashMap<>();

    static {
        for (ConditionOperator operator : values()) {
            BY_FOLDED_NAME.put(operator.canonicalName.toLowerCase(Locale.ROOT), operator);
        }
    }

    private final String canonicalName;
    private final Comparison comparison;
    private final boolean negated;
    private final Set<PolicyLanguage> documented;
    private final Set<PolicyLanguage> compatible;

    ConditionOperator(String canonicalName, Comparison comparison, boolean negated, Set<PolicyLanguage> documented,
                      Set<PolicyLanguage> compatible) {
        this.canonicalName = canonicalName;
        this.comparison = comparison;
        this.negated = negated;
        this.documented = documented;
        this.compatible = compatible;
    }

    /** The operator called {@code name} in any version, compared case-insensitively. */
    static Optional<ConditionOperator> named(String name) {
        return Optional.ofNullable(BY_FOLDED_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    String canonicalName() {
        return canonicalName;
    }

    Comparison comparison() {
        return comparison;
    }

    ValueType valueType() {
        return comparison.valueType();
    }

    /** Whether the operator holds when the context value matches none of the policy values (NOR). */
    boolean negated() {
        return negated;
    }

    /** Whether a document of {@code language} may use this operator (documented or on the compatibility list). */
    boolean acceptedIn(PolicyLanguage language) {
        return documented.contains(language) || compatible.contains(language);
    }

    /** Whether the cloud's documentation has this operator in {@code language} (not only the compatibility list). */
    boolean documentedIn(PolicyLanguage language) {
        return documented.contains(language);
    }

    /** The versions that accept this operator, for error messages: {@code "1.1"}, {@code "5.0"} or both. */
    String acceptingVersions() {
        StringBuilder text = new StringBuilder();
        for (PolicyLanguage language : PolicyLanguage.values()) {
            if (acceptedIn(language)) {
                text.append(text.length() == 0 ? "" : " and ").append(language.version());
            }
        }
        return text.toString();
    }

    /** Whether the operator takes an {@code IfExists} suffix; presence tests do not. */
    boolean acceptsIfExists() {
        return !comparison.presenceTest();
    }

    /** Whether the operator takes a {@code ForAnyValue:}/{@code ForAllValues:} prefix; presence tests do not. */
    boolean acceptsSetPrefix() {
        return !comparison.presenceTest();
    }
}
