package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.Decision.Outcome;
import org.opencoc.attachment.iam.policy.PolicyExplainer.Explanation;
import org.opencoc.attachment.iam.policy.PolicyExplainer.StatementTrace;
import org.opencoc.attachment.iam.policy.PolicyExplainer.Verdict;

/**
 * The explanation of every case of the engine's tables (and the documentation examples) agrees with
 * the decision: the deciding statement applies and has the deciding effect, no applicable Deny is
 * left out of an Allow, no applicable Allow is left out of an implicit deny.
 */
class PolicyExplainerTest {

    private static final Caller ALICE = new Caller(Caller.PrincipalType.USER, "d-1", "acme", "u-1", "alice", false);

    private final PolicyExplainer explainer = new PolicyExplainer();
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    static Stream<PolicyCase> evaluableCases() {
        return Stream.concat(PolicyCase.all(), PolicyCase.all(PolicyCase.DOCUMENTATION_EXAMPLES))
                .filter(c -> c.error().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluableCases")
    void explanationAgreesWithTheDecisionOfTheEvaluator(PolicyCase c) {
        List<Policy> policies = Policy.parseAll(c.policies(), "policies");

        Explanation explanation = explainer.explain(c.caller(), c.action(), policies, c.context());

        Decision decision = evaluator.evaluate(c.caller(), c.action(), policies, c.context());
        assertThat(explanation.decision().toString()).isEqualTo(decision.toString());
        assertThat(explanation.decision().outcome()).isEqualTo(c.expect());
        if (c.caller().type() == Caller.PrincipalType.ACCOUNT) {
            assertThat(explanation.statements()).isEmpty();
            return;
        }
        assertThat(explanation.statements()).hasSize(policies.stream().mapToInt(p -> p.statements().size()).sum());
        List<StatementTrace> denying = explanation.statements().stream()
                .filter(t -> t.effect() == Effect.DENY
                        && (t.verdict() == Verdict.APPLIES || t.verdict() == Verdict.CONDITION_ERROR)).toList();
        List<StatementTrace> allowing = explanation.statements().stream()
                .filter(t -> t.effect() == Effect.ALLOW && t.verdict() == Verdict.APPLIES).toList();
        switch (decision.outcome()) {
            case ALLOW -> {
                assertThat(denying).isEmpty();
                assertThat(explanation.deciding()).hasValueSatisfying(t -> {
                    assertThat(t.effect()).isEqualTo(Effect.ALLOW);
                    assertThat(t.verdict()).isEqualTo(Verdict.APPLIES);
                    assertThat(decision.statement()).contains(t.statement());
                });
            }
            case EXPLICIT_DENY -> assertThat(explanation.deciding()).hasValueSatisfying(t -> {
                assertThat(denying).contains(t);
                assertThat(decision.statement()).contains(t.statement());
            });
            case IMPLICIT_DENY -> {
                assertThat(denying).isEmpty();
                assertThat(allowing).isEmpty();
                assertThat(explanation.deciding()).isEmpty();
            }
        }
    }

    @Test
    void saysWhichConditionWasFalseAndWhatTheRequestHad() {
        Policy office = Policy.parse("""
                {"Version": "5.0", "Statement": [{"Sid": "Office", "Effect": "Allow", "Action": "coc:ticket:*",
                 "Condition": {"IpAddress": {"g:SourceIp": "203.0.113.0/24"}}}]}""", "office");

        Explanation explanation = explainer.explain(ALICE, "coc:ticket:downloadFile", List.of(office),
                ConditionContext.builder().put("g:SourceIp", "10.1.2.3").build());

        StatementTrace trace = explanation.statements().get(0);
        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(trace.verdict()).isEqualTo(Verdict.CONDITION_FALSE);
        assertThat(trace.detail()).contains("IpAddress").contains("203.0.113.0/24").contains("g:SourceIp = [10.1.2.3]");
    }

    @Test
    void saysWhenTheActionDidNotMatch() {
        Policy upload = Policy.parse("""
                {"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": "coc:ticket:uploadFile"}]}""", "up");

        StatementTrace trace = explainer.explain(ALICE, "coc:ticket:downloadFile", List.of(upload),
                ConditionContext.empty()).statements().get(0);

        assertThat(trace.verdict()).isEqualTo(Verdict.ACTION_NOT_MATCHED);
        assertThat(trace.statement()).isEqualTo("#0");
    }

    @Test
    void saysWhenTheResourceIsNotCovered() {
        Policy bucket = Policy.parse("""
                {"Version": "5.0", "Statement": [{"Effect": "Allow", "Action": "coc:ticket:*",
                 "Resource": "obs:*:*:bucket:x"}]}""", "bucket");

        StatementTrace trace = explainer.explain(ALICE, "coc:ticket:downloadFile", List.of(bucket),
                ConditionContext.empty()).statements().get(0);

        assertThat(trace.verdict()).isEqualTo(Verdict.RESOURCE_NOT_COVERED);
    }

    @Test
    void explainsStatementsTheEvaluatorSkippedAfterTheDeny() {
        Policy policy = Policy.parse("""
                {"Version": "5.0", "Statement": [
                  {"Sid": "No", "Effect": "Deny", "Action": "coc:ticket:downloadFile"},
                  {"Sid": "Yes", "Effect": "Allow", "Action": "coc:ticket:downloadFile"}]}""", "p");

        Explanation explanation = explainer.explain(ALICE, "coc:ticket:downloadFile", List.of(policy), ConditionContext.empty());

        assertThat(explanation.statements()).extracting(StatementTrace::statement, StatementTrace::verdict, StatementTrace::deciding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("No", Verdict.APPLIES, true),
                        org.assertj.core.groups.Tuple.tuple("Yes", Verdict.APPLIES, false));
    }
}
