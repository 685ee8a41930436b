package org.opencoc.attachment.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * The two policy languages, told apart by the document's {@code Version}. Each has its own grammar:
 * which statement elements and which condition operators a document of that version may use
 * ({@code docs/policies.md} has the table with its sources). A document that uses anything outside its
 * version's grammar is malformed.
 */
public enum PolicyLanguage {
    /**
     * Role/policy-based authorization (custom policies), {@code "Version": "1.1"}: statements of {@code Effect},
     * {@code Action}, {@code Resource} and {@code Condition} ({@code Sid} is accepted for compatibility), the
     * {@code ...AnyOf} operators and {@code IsNullOrEmpty}, no set prefixes.
     */
    ROLE_BASED("1.1", List.of("Sid", "Effect", "Action", "Resource", "Condition"), false),
    /**
     * Identity policies, {@code "Version": "5.0"}: statements of {@code Sid}, {@code Effect},
     * {@code Action}/{@code NotAction}, {@code Resource}/{@code NotResource} and {@code Condition}, the
     * {@code StringMatch} operators, {@code Null} and the {@code ForAnyValue:}/{@code ForAllValues:} prefixes.
     */
    IDENTITY("5.0", List.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"), true);

    /**
     * The most characters a policy document may have, in either version. The cloud counts the document's
     * text; this service counts the compact JSON form, which is never longer, so it never refuses a document
     * the cloud would accept for its length.
     */
    static final int MAX_DOCUMENT_CHARACTERS = 6144;

    private final String version;
    private final List<String> statementFields;
    private final boolean setPrefixes;

    PolicyLanguage(String version, List<String> statementFields, boolean setPrefixes) {
        this.version = version;
        this.statementFields = statementFields;
        this.setPrefixes = setPrefixes;
    }

    /** The exact {@code Version} string of this language. */
    public String version() {
        return version;
    }

    /** The element names a statement of this version may have, in the order the grammar lists them. */
    List<String> statementFields() {
        return statementFields;
    }

    /** Whether conditions of this version may carry the {@code ForAnyValue:}/{@code ForAllValues:} prefixes. */
    boolean acceptsSetPrefixes() {
        return setPrefixes;
    }

    /** The language whose {@code Version} is exactly {@code version}, if any. */
    public static Optional<PolicyLanguage> ofVersion(String version) {
        for (PolicyLanguage language : values()) {
            if (language.version.equals(version)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
