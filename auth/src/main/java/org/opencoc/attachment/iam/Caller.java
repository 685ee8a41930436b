package org.opencoc.attachment.iam;

import java.util.Objects;

/**
 * The authenticated principal behind a request, as read from a verified token.
 *
 * <p>An {@link PrincipalType#ACCOUNT account} is the root principal of a domain and may perform every
 * action; a {@link PrincipalType#USER user} may perform only what its policies allow.
 *
 * @param type       account or user
 * @param domainId   the account (domain) id that owns the caller; attachments are scoped to it
 * @param domainName the account (domain) name, used by the {@code g:DomainName} condition key
 * @param userId     the token subject ({@code sub})
 * @param userName   the user name ({@code preferred_username}), used in the principal URN
 * @param mfa        whether the token says multi-factor authentication was used
 */
public record Caller(PrincipalType type, String domainId, String domainName, String userId, String userName,
                     boolean mfa) {

    public Caller {
        Objects.requireNonNull(type, "type");
        requireText(domainId, "domainId");
        requireText(userId, "userId");
        domainName = domainName == null ? "" : domainName;
        userName = userName == null || userName.isBlank() ? userId : userName;
    }

    /** The principal URN, {@code iam::<domain_id>:user:<name>} (or {@code :root} for an account). */
    public String urn() {
        return type == PrincipalType.ACCOUNT
                ? "iam::" + domainId + ":root"
                : "iam::" + domainId + ":user:" + userName;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The two kinds of principal a token can carry. */
    public enum PrincipalType {
        /** The root principal of a domain: every action is allowed. */
        ACCOUNT,
        /** An IAM user: only what its policies allow. */
        USER
    }
}
