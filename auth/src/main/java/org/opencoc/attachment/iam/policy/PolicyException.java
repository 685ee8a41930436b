package org.opencoc.attachment.iam.policy;

import java.util.Optional;

/**
 * A policy document (or a condition value it is compared with) is not valid.
 *
 * <p>The message is meant for humans and audit logs: it names the policy label, the statement (Sid or
 * index) and the field at fault. Whoever catches this must deny the request (fail closed); see
 * {@link Decision#failClosed(PolicyException)}.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String policy;
    private final String statement;

    /**
     * @param policy    the label of the policy at fault, or {@code null} when not known
     * @param statement the label of the statement at fault (Sid or {@code #index}), or {@code null}
     * @param detail    what is wrong, naming the field
     */
    public PolicyException(String policy, String statement, String detail) {
        this(policy, statement, detail, null);
    }

    PolicyException(String policy, String statement, String detail, Throwable cause) {
        super(compose(policy, statement, detail), cause);
        this.policy = policy;
        this.statement = statement;
    }

    /** A problem that belongs to no particular policy, such as an unreadable group policy file. */
    public PolicyException(String detail, Throwable cause) {
        this(null, null, detail, cause);
    }

    /** The label of the policy at fault, when the problem is inside one. */
    public Optional<String> policy() {
        return Optional.ofNullable(policy);
    }

    /** The statement at fault (its Sid, or {@code #index} when it has none), when known. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    private static String compose(String policy, String statement, String detail) {
        StringBuilder text = new StringBuilder();
        if (policy != null) {
            text.append("policy '").append(policy).append('\'');
        }
        if (statement != null) {
            text.append(text.length() == 0 ? "" : ", ").append("statement ").append(statement);
        }
        return text.length() == 0 ? detail : text.append(": ").append(detail).toString();
    }
}
