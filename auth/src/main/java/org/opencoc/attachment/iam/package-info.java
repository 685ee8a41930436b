/**
 * IAM: who is calling ({@link org.opencoc.attachment.iam.Caller}) and whether the caller may perform an
 * action. The policy language and its evaluator live in {@code .policy} (plain Java, no container); the
 * container glue that enforces an action on a resource method lives in {@code .boundary}.
 */
package org.opencoc.attachment.iam;
