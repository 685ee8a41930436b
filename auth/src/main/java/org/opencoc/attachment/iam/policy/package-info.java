/**
 * The IAM policy language and its evaluator: plain Java, no container.
 *
 * <p>{@link org.opencoc.attachment.iam.policy.Policy#parse(jakarta.json.JsonObject, String) Policy.parse}
 * turns a policy document of either language (role/policy-based {@code "Version": "1.1"} or identity
 * policy {@code "Version": "5.0"}) into an immutable, precompiled {@link org.opencoc.attachment.iam.policy.Policy};
 * anything malformed is a {@link org.opencoc.attachment.iam.policy.PolicyException} naming the policy,
 * statement and field. {@link org.opencoc.attachment.iam.policy.PolicyEvaluator} decides one action for one
 * {@link org.opencoc.attachment.iam.Caller} against a list of policies and a
 * {@link org.opencoc.attachment.iam.policy.ConditionContext}, and returns a
 * {@link org.opencoc.attachment.iam.policy.Decision} fit for the audit line.
 * {@link org.opencoc.attachment.iam.policy.GroupPolicies} maps group names to policies from a configured
 * file, and {@link org.opencoc.attachment.iam.policy.PolicySetCache} keeps parsed policy sets per distinct
 * policies and groups.
 *
 * <p>Everything here fails closed: a document that cannot be parsed must be turned into a denial by
 * the caller ({@link org.opencoc.attachment.iam.policy.Decision#failClosed(PolicyException)}), and a
 * condition that cannot be evaluated never grants. The language is described in {@code docs/policies.md}.
 */
package org.opencoc.attachment.iam.policy;
