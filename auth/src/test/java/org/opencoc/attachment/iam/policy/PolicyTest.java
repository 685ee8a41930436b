package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing entry points; the grammar itself is covered by the table-driven suite. */
class PolicyTest {

    private static final String DOC = "{\"Version\":\"1.1\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"*\"},"
            + "{\"Effect\":\"Deny\",\"Action\":\"obs:*:*\"}]}";

    @Test
    void parsesTextIntoLabelledStatements() {
        Policy policy = Policy.parse(DOC, "mine");
        assertThat(policy.label()).isEqualTo("mine");
        assertThat(policy.language()).isEqualTo(PolicyLanguage.ROLE_BASED);
        assertThat(policy.statements()).extracting(Statement::label).containsExactly("S", "#1");
        assertThat(policy.statements()).extracting(Statement::effect).containsExactly(Effect.ALLOW, Effect.DENY);
    }

    @Test
    void parsesAJsonObject() {
        Policy policy = Policy.parse(Json.createReader(new java.io.StringReader(DOC)).readObject(), "p");
        assertThat(policy.statements()).hasSize(2);
    }

    @Test
    void parseAllLabelsByIndex() {
        List<Policy> policies = Policy.parseAll("[" + DOC + "," + DOC.replace("1.1", "5.0") + "]", "policies");
        assertThat(policies).extracting(Policy::label).containsExactly("policies[0]", "policies[1]");
        assertThat(policies.get(1).language()).isEqualTo(PolicyLanguage.IDENTITY);
    }

    @Test
    void parseAllRejectsAClaimThatIsNotAnArray() {
        PolicyException error = assertThrows(PolicyException.class, () -> Policy.parseAll(DOC, "policies"));
        assertThat(error.getMessage()).contains("policies", "must be a JSON array of policy documents");
    }

    @Test
    void rejectsTextThatIsNotJson() {
        PolicyException error = assertThrows(PolicyException.class, () -> Policy.parse("{Version: 1.1", "p"));
        assertThat(error.getMessage()).contains("policy 'p'", "not valid JSON");
    }

    @Test
    void rejectsEmptyText() {
        assertThrows(PolicyException.class, () -> Policy.parse(" ", "p"));
    }

    @Test
    void rejectsDuplicateFieldsInText() {
        String twice = "{\"Version\":\"5.0\",\"Statement\":[{\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Action\":\"*\"}]}";
        assertThrows(PolicyException.class, () -> Policy.parse(twice, "p"));
    }

    @Test
    void exceptionCarriesPolicyAndStatement() {
        PolicyException error = assertThrows(PolicyException.class, () -> Policy.parse(
                "{\"Version\":\"5.0\",\"Statement\":[{\"Sid\":\"Bad\",\"Effect\":\"Maybe\",\"Action\":\"*\"}]}", "p"));
        assertThat(error.policy()).contains("p");
        assertThat(error.statement()).contains("Bad");
        Decision decision = Decision.failClosed(error);
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(decision.statement()).contains("Bad");
        assertThat(decision.reason()).contains("failing closed", "field 'Effect'");
    }

    @Test
    void rejectsABlankLabel() {
        assertThrows(IllegalArgumentException.class, () -> Policy.parse(DOC, " "));
    }
}
