package org.opencoc.attachment.iam.policy;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * A parsed policy document of either language: immutable, validated and precompiled (action patterns,
 * typed condition values, IP ranges), so evaluation does no parsing of the policy.
 *
 * <h2>Document grammar</h2>
 * <pre>
 * {"Version": "1.1" | "5.0",
 *  "Statement": [ {"Sid": "...",                        optional (5.0; accepted in 1.1 for compatibility)
 *                  "Effect": "Allow" | "Deny",
 *                  "Action" | "NotAction": "..." | ["...", ...],      exactly one of the two (NotAction: 5.0 only)
 *                  "Resource" | "NotResource": "..." | ["...", ...],  optional, at most one (NotResource: 5.0 only)
 *                  "Condition": {"&lt;operator&gt;": {"&lt;key&gt;": value | [values]}}}  optional
 *               ]}
 * </pre>
 * Each {@link PolicyLanguage version} has its own set of condition operators and set prefixes; an element or
 * operator outside the document's version is a {@link PolicyException} naming the version, the statement and
 * the name. Field names are case-sensitive and no other field is accepted; the {@code Effect} value and
 * operator names are accepted in any case. Condition values may be JSON strings, numbers or booleans and are
 * read according to the operator (a decimal for {@code Number*}, a W3C date for {@code Date*}, and so on). A
 * document may have at most {@value PolicyLanguage#MAX_DOCUMENT_CHARACTERS} characters as compact JSON.
 * {@code docs/policies.md} has the grammar of each version with its sources.
 *
 * <h2>Matching rules</h2>
 * <ul>
 *   <li><b>Action</b>: patterns such as {@code coc:ticket:downloadFile}, compared case-insensitively, with
 *       {@code *} (any run of characters) and {@code ?} (one character). {@code NotAction} matches an action
 *       that none of its patterns matches.</li>
 *   <li><b>Resource</b>: the actions of this service have no resource type, so a request is on the
 *       unscoped resource, the literal {@code *}. A statement without {@code Resource} or
 *       {@code NotResource} applies. With {@code Resource}, it applies only if one of the patterns
 *       matches the literal {@code *} (in practice {@code "*"} itself; a pattern naming some other
 *       resource such as {@code obs:*:*:bucket:x} does not). With {@code NotResource}, it applies only if
 *       no pattern matches the literal {@code *} (so {@code NotResource: "*"} never applies and
 *       {@code NotResource: "obs:*:*:bucket:x"} does).</li>
 *   <li><b>Condition</b>: see {@link PolicyEvaluator} and {@code docs/policies.md}.</li>
 * </ul>
 */
public final class Policy {

    private final String label;
    private final PolicyLanguage language;
    private final List<Statement> statements;

    Policy(String label, PolicyLanguage language, List<Statement> statements) {
        this.label = label;
        this.language = language;
        this.statements = List.copyOf(statements);
    }

    /**
     * Parses and validates one policy document.
     *
     * @param document the document, for instance one element of the token's {@code policies} claim
     * @param label    how decisions and errors name this policy, for instance {@code policies[0]}
     * @throws PolicyException when the document is not a valid policy; the message names the label,
     *                         the statement and the field
     */
    public static Policy parse(JsonObject document, String label) {
        return PolicyReader.read(Objects.requireNonNull(document, "document"), requireLabel(label));
    }

    /** Like {@link #parse(JsonObject, String)}, from JSON text; text that is not a JSON object is a {@link PolicyException}. */
    public static Policy parse(String json, String label) {
        requireLabel(label);
        return PolicyReader.read(PolicyReader.readJson(json, label), label);
    }

    /**
     * Parses a JSON array of policy documents, such as the token's {@code policies} claim, naming them
     * {@code <labelPrefix>[0]}, {@code <labelPrefix>[1]}, ...
     *
     * @throws PolicyException when {@code documents} is not an array of valid policy documents
     */
    public static List<Policy> parseAll(JsonValue documents, String labelPrefix) {
        return PolicyReader.readAll(Objects.requireNonNull(documents, "documents"), requireLabel(labelPrefix));
    }

    /** Like {@link #parseAll(JsonValue, String)}, from JSON text. */
    public static List<Policy> parseAll(String json, String labelPrefix) {
        requireLabel(labelPrefix);
        return PolicyReader.readAll(PolicyReader.readJsonValue(json, labelPrefix), labelPrefix);
    }

    private static String requireLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("policy label must not be blank");
        }
        return label;
    }

    /** How decisions and errors name this policy. */
    public String label() {
        return label;
    }

    /** Which language the document declared. */
    public PolicyLanguage language() {
        return language;
    }

    /** The statements, in document order. */
    public List<Statement> statements() {
        return statements;
    }

    @Override
    public String toString() {
        return "Policy[" + label + ", " + language.version() + ", " + statements + "]";
    }
}
