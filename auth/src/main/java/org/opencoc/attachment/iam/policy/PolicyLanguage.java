package org.opencoc.attachment.iam.policy;

import java.util.Optional;

/**
 * The two policy languages, told apart by the document's {@code Version}. Both share the statement
 * grammar accepted by this module; the language is kept on the {@link Policy} for audit and display.
 */
public enum PolicyLanguage {
    /** Role/policy-based authorization, {@code "Version": "1.1"}. */
    ROLE_BASED("1.1"),
    /** Identity policies, {@code "Version": "5.0"}. */
    IDENTITY("5.0");

    private final String version;

    PolicyLanguage(String version) {
        this.version = version;
    }

    /** The exact {@code Version} string of this language. */
    public String version() {
        return version;
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
