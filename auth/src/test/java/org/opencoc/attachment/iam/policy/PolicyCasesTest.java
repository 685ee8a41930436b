package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table-driven suite: every case in {@code src/test/resources/policy-cases} is one test, one reason
 * each. Policies are parsed the way the container glue does it (a parse failure is a fail-closed
 * denial), then evaluated against the default request context plus the case's overrides.
 */
class PolicyCasesTest {

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    static Stream<PolicyCase> cases() {
        return PolicyCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsTheCaseSays(PolicyCase c) {
        Decision decision;
        if (c.error().isPresent()) {
            PolicyException error = assertThrows(PolicyException.class, () -> Policy.parseAll(c.policies(), "policies"));
            assertThat(error.getMessage()).contains(c.error().get());
            decision = Decision.failClosed(error);
        } else {
            List<Policy> policies = Policy.parseAll(c.policies(), "policies");
            decision = evaluator.evaluate(c.caller(), c.action(), policies, c.context());
        }
        assertThat(decision.outcome()).as(decision.toString()).isEqualTo(c.expect());
        c.reason().ifPresent(fragment -> assertThat(decision.reason()).contains(fragment));
        c.statement().ifPresent(statement -> assertThat(decision.statement()).contains(statement));
    }

    @Test
    void suiteHasAtLeast150Cases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void caseNamesAreUnique() {
        assertThat(cases().map(PolicyCase::toString)).doesNotHaveDuplicates();
    }
}
