package org.opencoc.attachment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code iam simulate} answers every case of the engine's tables as the tables say the engine must:
 * the caller and policies given as a claims file, the request as flags. The engine's own suite
 * (auth's PolicyCasesTest) asserts the same expectations against the evaluator.
 */
class SimulateCommandTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath().resolveSibling("docs").resolve("examples/policies");

    @TempDir
    Path dir;

    static Stream<PolicyTable.Case> cases() {
        return PolicyTable.read(PolicyTable.tablesOf(Path.of("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesEveryTableCaseAsTheEngine(PolicyTable.Case c) throws IOException {
        Path claims = Files.writeString(dir.resolve("claims.json"), c.claims().toString());

        PolicyTable.Result result = PolicyTable.run(c.simulateArguments(claims));

        assertThat(result.stderr()).isEmpty();
        JsonObject json = result.json();
        assertThat(json.getString("decision").toUpperCase(Locale.ROOT)).as(result.stdout()).isEqualTo(c.expect());
        assertThat(result.exitCode()).isEqualTo(switch (c.expect()) {
            case "ALLOW" -> ExitCode.OK;
            case "EXPLICIT_DENY" -> ExitCode.EXPLICIT_DENY;
            default -> ExitCode.IMPLICIT_DENY;
        });
    }

    @Test
    void reusedCommandModelForgetsTheOptionsOfThePreviousRun() {
        PolicyTable.run(List.of("iam", "simulate", "--user", "alice", "--group", "incident-writers", "--context", "coc:Project=x",
                "--unset", "g:MFAPresent", "--action", "coc:ticket:uploadFile", "--json"));

        JsonObject json = PolicyTable.run(List.of("iam", "simulate", "--user", "bob", "--action", "coc:ticket:uploadFile", "--json")).json();

        assertThat(json.getJsonObject("context")).doesNotContainKey("coc:Project").containsKey("g:MFAPresent");
        assertThat(json.getString("principal")).isEqualTo("iam::d-simulated:user:bob");
        assertThat(json.getJsonArray("statements")).isEmpty();
    }

    @Test
    void tablesAreRead() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(150);
    }

    @Test
    void explainsTheOfficeExampleForAnAddressOutsideTheOffice() {
        PolicyTable.Result result = PolicyTable.run(List.of("iam", "simulate", "--user", "alice",
                "--policy", EXAMPLES.resolve("office-ip-only.json").toString(), "--action", "coc:ticket:downloadFile",
                "--source-ip", "10.1.2.3", "--time", "2026-12-01T09:00:00Z"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.IMPLICIT_DENY);
        assertThat(result.stdout()).contains("IMPLICIT DENY")
                .contains("office-ip-only.json AttachmentsFromTheOffice (Allow): condition false")
                .contains("g:SourceIp = [10.1.2.3]");
    }

    @Test
    void namesTheDecidingDenyOfAGroup() {
        PolicyTable.Result result = PolicyTable.run(List.of("iam", "simulate", "--user", "bob", "--group", "incident-writers",
                "--groups", EXAMPLES.resolve("groups.json").toString(), "--action", "coc:ticket:uploadFile",
                "--source-ip", "10.1.2.3", "--json"));

        JsonObject json = result.json();
        assertThat(result.exitCode()).isEqualTo(ExitCode.EXPLICIT_DENY);
        assertThat(json.getString("policy")).isEqualTo("group:incident-writers[1]");
        assertThat(json.getString("statement")).isEqualTo("WriteOnlyFromTheOffice");
        assertThat(json.getJsonArray("statements")).hasSize(2);
    }

    @Test
    void malformedDraftFailsClosedWithTheEngineMessage() throws IOException {
        Path draft = Files.writeString(dir.resolve("draft.json"),
                "{\"Version\": \"5.0\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"coc:ticket:*\", \"Condition\": {\"StringEqualz\": {\"g:UserName\": \"alice\"}}}]}");

        PolicyTable.Result result = PolicyTable.run(List.of("iam", "simulate", "--user", "alice", "--policy", draft.toString(),
                "--action", "coc:ticket:downloadFile"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.EXPLICIT_DENY);
        assertThat(result.stdout()).contains("StringEqualz");
    }

    @Test
    void tokenPayloadIsReadWithoutItsSignature() {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"u-9\",\"domain_id\":\"d-9\",\"principal_type\":\"account\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        PolicyTable.Result result = PolicyTable.run(List.of("iam", "simulate", "--token", "e30." + payload + ".sig",
                "--action", "coc:ticket:uploadFile", "--json"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.json().getString("principal")).isEqualTo("iam::d-9:root");
    }

    @Test
    void principalTypeTheServiceRefusesIsAUsageError() {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"u-9\",\"domain_id\":\"d-9\",\"principal_type\":\"admin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        PolicyTable.Result result = PolicyTable.run(List.of("iam", "simulate", "--token", "e30." + payload + ".sig",
                "--action", "coc:ticket:uploadFile"));

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("principal_type");
    }
}
