package org.opencoc.attachment.iam.policy;

/** What a statement does when it applies: an explicit {@link #DENY} always wins over any {@link #ALLOW}. */
public enum Effect {
    /** Grants the action, unless some applicable statement denies it. */
    ALLOW,
    /** Refuses the action, whatever else allows it. */
    DENY
}
