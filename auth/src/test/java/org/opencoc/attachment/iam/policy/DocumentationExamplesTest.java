package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policies the cloud's public documentation teaches, copied into {@code src/test/resources/policy-doc-examples}
 * with the address of the page each came from: every one must parse under its own Version's grammar and decide as
 * the page describes (a fixture's {@code note} says where this service's unscoped resource changes the outcome).
 */
class DocumentationExamplesTest {

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    static Stream<PolicyCase> examples() {
        return PolicyCase.all(PolicyCase.DOCUMENTATION_EXAMPLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decidesAsTheDocumentationDescribes(PolicyCase example) {
        List<Policy> policies = Policy.parseAll(example.policies(), "policies");
        Decision decision = evaluator.evaluate(example.caller(), example.action(), policies, example.context());
        assertThat(decision.outcome()).as(decision.toString()).isEqualTo(example.expect());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void namesThePublicPageItWasCopiedFrom(PolicyCase example) {
        assertThat(example.source()).hasValueSatisfying(source -> assertThat(source).startsWith("https://"));
    }

    @Test
    void coversBothVersions() {
        assertThat(examples().flatMap(example -> Policy.parseAll(example.policies(), "p").stream())
                .map(Policy::language)).contains(PolicyLanguage.ROLE_BASED, PolicyLanguage.IDENTITY);
    }
}
