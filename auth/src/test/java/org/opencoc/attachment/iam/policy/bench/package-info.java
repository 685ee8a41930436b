/**
 * JMH benchmarks of the policy evaluator; run with {@code bench/policy-jmh.sh}, never as unit tests.
 */
package org.opencoc.attachment.iam.policy.bench;
