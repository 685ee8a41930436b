package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.iam.boundary.AccessDecisionsFixture;
import org.opencoc.attachment.iam.boundary.AuditRecord;

/**
 * The table-driven suite: every case in {@code src/test/resources/policy-cases} is one test, one reason
 * each. A well-formed case is evaluated against the default request context plus the case's overrides.
 * A case with an {@code error} must be refused by the policy reader with that message, and the
 * production glue must fail closed on it: a request whose token carries it gets the case's decision from
 * {@link org.opencoc.attachment.iam.boundary.AccessDecisions}, and a group-policy file holding it stops
 * the start.
 */
class PolicyCasesTest {

    private static final AccessDecisionsFixture GLUE = AccessDecisionsFixture.at(PolicyCase.CLOCK);
    private static final String GROUP = "case-group";

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    static Stream<PolicyCase> wellFormedCases() {
        return PolicyCase.all().filter(c -> c.error().isEmpty());
    }

    static Stream<PolicyCase> malformedCases() {
        return PolicyCase.all().filter(c -> c.error().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedCases")
    void decidesAsTheCaseSays(PolicyCase c) {
        List<Policy> policies = Policy.parseAll(c.policies(), "policies");
        Decision decision = evaluator.evaluate(c.caller(), c.action(), policies, c.context());

        assertThat(decision.outcome()).as(decision.toString()).isEqualTo(c.expect());
        c.reason().ifPresent(fragment -> assertThat(decision.reason()).contains(fragment));
        c.statement().ifPresent(statement -> assertThat(decision.statement()).contains(statement));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCases")
    void refusesTheCaseAndARequestCarryingItFailsClosed(PolicyCase c) {
        Throwable refused = catchThrowable(() -> Policy.parseAll(c.policies(), "policies"));
        assertThat(refused).as("the reader refuses the case").hasMessageContaining(c.error().orElseThrow());
        String refusal = refused.getMessage();

        AuditRecord first = GLUE.decide(c.caller(), c.action(), c.policies(), PolicyCase.SOURCE_IP, PolicyCase.TICKET_TYPE);
        AuditRecord again = GLUE.decide(c.caller(), c.action(), c.policies(), PolicyCase.SOURCE_IP, PolicyCase.TICKET_TYPE);

        assertThat(first.decision()).as(first.toString()).isEqualTo(c.expect().name().toLowerCase(Locale.ROOT));
        assertThat(again).as("the next request with the same policies").isEqualTo(first);
        assertThat(refusal).as("the audit names the policy at fault").contains("'" + first.policy() + "'");
        c.statement().ifPresent(statement -> assertThat(first.statement()).isEqualTo(statement));
        c.reason().ifPresent(fragment -> assertThat(refusal).contains(fragment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCases")
    void aGroupPolicyFileWithTheCaseStopsTheStart(PolicyCase c) {
        String refusal = GLUE.refusalToStart(GROUP, c.policies());

        assertThat(refusal).contains("group '" + GROUP + "'")
                .contains(c.error().orElseThrow().replace("'policies[", "'group:" + GROUP + "["));
    }

    @ParameterizedTest
    @ValueSource(strings = {PolicyCase.CASES, PolicyCase.DOCUMENTATION_EXAMPLES})
    void everyCaseFileHasCasesThatUseOnlyTheFieldsTheRunnerReads(String directory) {
        assertThat(PolicyCase.files(directory)).isNotEmpty().allSatisfy(file -> {
            assertThat(PolicyCase.objects(file)).as(file.getFileName().toString()).isNotEmpty()
                    .allSatisfy(json -> assertThat(PolicyCase.FIELDS).as(json.getString("name", "?"))
                            .containsAll(json.keySet()));
        });
    }

    @Test
    void caseNamesAreUnique() {
        assertThat(PolicyCase.all().map(PolicyCase::toString)).doesNotHaveDuplicates();
    }
}
