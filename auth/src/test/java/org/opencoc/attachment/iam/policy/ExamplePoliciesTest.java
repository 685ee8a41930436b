package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.Decision.Outcome;

/**
 * The example policies in {@code docs/examples/policies} parse, and mean what the docs say; the policy that
 * {@code bench/run} puts in its tokens parses too.
 */
class ExamplePoliciesTest {

    private static final Path EXAMPLES =
            Path.of(System.getProperty("basedir", "."), "..", "docs", "examples", "policies");
    private static final String DOWNLOAD = "coc:ticket:downloadFile";
    private static final String UPLOAD = "coc:ticket:uploadFile";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final Caller ALICE = new Caller(Caller.PrincipalType.USER, "d-0001", "acme", "u-0001", "alice", false);
    private static final Caller ALICE_MFA = new Caller(Caller.PrincipalType.USER, "d-0001", "acme", "u-0001", "alice", true);

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    static Stream<Path> policyFiles() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> list = files.filter(file -> file.toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals("groups.json"))
                    .sorted().collect(Collectors.toList());
            return list.stream();
        }
    }

    @Test
    void examplesDirectoryHoldsTheDocumentedFiles() throws IOException {
        assertThat(policyFiles().map(file -> file.getFileName().toString())).contains(
                "read-only.json", "full-access.json", "download-with-mfa.json", "office-ip-only.json",
                "deny-upload-override.json");
        assertThat(EXAMPLES.resolve("groups.json")).exists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyFiles")
    void everyExamplePolicyParses(Path file) throws IOException {
        Policy policy = Policy.parse(Files.readString(file), file.getFileName().toString());
        assertThat(policy.statements()).isNotEmpty();
    }

    @Test
    void theBenchmarkPolicyParsesUnderItsVersionGrammar() throws IOException {
        Path file = EXAMPLES.resolve("../../../bench/policy-10-statements.json").normalize();
        Policy policy = Policy.parse(Files.readString(file), file.getFileName().toString());
        assertThat(policy.statements()).hasSize(10);
    }

    @Test
    void groupExampleLoadsBothGroups() {
        GroupPolicies groups = GroupPolicies.load(EXAMPLES.resolve("groups.json"));
        assertThat(groups.groups()).containsExactlyInAnyOrder("incident-readers", "incident-writers");
    }

    @Test
    void readOnlyAllowsDownloadButNotUpload() throws IOException {
        List<Policy> policies = example("read-only.json");
        assertThat(decide(ALICE, DOWNLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.ALLOW);
        assertThat(decide(ALICE, UPLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void fullAccessAllowsUpload() throws IOException {
        assertThat(decide(ALICE, UPLOAD, example("full-access.json"), "198.51.100.1")).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void downloadWithMfaNeedsMfa() throws IOException {
        List<Policy> policies = example("download-with-mfa.json");
        assertThat(decide(ALICE, DOWNLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(ALICE_MFA, DOWNLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void officeIpOnlyAllowsTheOfficeRangesOnly() throws IOException {
        List<Policy> policies = example("office-ip-only.json");
        assertThat(decide(ALICE, DOWNLOAD, policies, "203.0.113.9")).isEqualTo(Outcome.ALLOW);
        assertThat(decide(ALICE, DOWNLOAD, policies, "2001:db8::9")).isEqualTo(Outcome.ALLOW);
        assertThat(decide(ALICE, DOWNLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void denyUploadOverrideDeniesUploadWithoutMfaButNotDownload() throws IOException {
        List<Policy> policies = example("deny-upload-override.json");
        assertThat(decide(ALICE, UPLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(decide(ALICE_MFA, UPLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.ALLOW);
        assertThat(decide(ALICE, DOWNLOAD, policies, "198.51.100.1")).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void incidentWritersUploadOnlyFromTheOffice() {
        List<Policy> writers = GroupPolicies.load(EXAMPLES.resolve("groups.json")).policiesFor(List.of("incident-writers"));
        assertThat(decide(ALICE, UPLOAD, writers, "203.0.113.9")).isEqualTo(Outcome.ALLOW);
        assertThat(decide(ALICE, UPLOAD, writers, "198.51.100.1")).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    private Outcome decide(Caller caller, String action, List<Policy> policies, String sourceIp) {
        ConditionContext context = ConditionContext.forRequest(caller, CLOCK, sourceIp, "incident");
        return evaluator.evaluate(caller, action, policies, context).outcome();
    }

    private static List<Policy> example(String name) throws IOException {
        return List.of(Policy.parse(Files.readString(EXAMPLES.resolve(name)), name));
    }
}
