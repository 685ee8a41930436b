package org.opencoc.attachment.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.devtools.TokenMinter;
import org.opencoc.attachment.upload.SampleFiles;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * IAM over HTTP: users get exactly what the policies in their token and groups allow, evaluated
 * before the body is read; the example policies of docs/ are the ones used here.
 */
class PolicyEnforcementIT extends DeployedWar {

    private static final String DOMAIN = "domain-iam";
    private static final Path EXAMPLES = Path.of(System.getProperty("it.etc"), "..", "docs", "examples", "policies");

    String existingDocId;

    @BeforeEach
    void connect() {
        existingDocId = service.uploadOk(service.accountToken(DOMAIN), "evidence.txt", SampleFiles.utf8Text());
    }

    private String user(List<String> policies, List<String> groups, boolean mfa) {
        JWTClaimsSet.Builder claims = TokenMinter.claims("user", DOMAIN, "alice", Duration.ofMinutes(10))
                .claim("groups", groups).claim("mfa", mfa);
        return service.token(TokenMinter.withPolicies(claims, policies).build());
    }

    private static String example(String name) {
        try {
            return Files.readString(EXAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String allow(String action, String condition) {
        return "{\"Version\":\"5.0\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"" + action + "\"]"
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    @Test
    void readOnlyUserDownloads() {
        String token = user(List.of(example("read-only.json")), List.of(), false);

        assertThat(service.download(token, existingDocId).statusCode()).isEqualTo(200);
    }

    /** The service's own counters show the refusal and that storage never saw the body. */
    @Test
    void readOnlyUserCannotUploadAndNothingIsStored() {
        String token = user(List.of(example("read-only.json")), List.of(), false);
        Map<String, Double> before = Metrics.scrape(service);

        HttpResponse<byte[]> response = service.upload(token, "evidence.txt", SampleFiles.utf8Text());

        assertThat(Envelopes.assertError(response, 403, "GOM.00007261").getString("error_msg"))
                .isEqualTo("Policy doesn't allow coc:ticket:uploadFile to be performed.");
        Map<String, Double> after = Metrics.scrape(service);
        assertThat(Metrics.growth(before, after, "coc_uploads_total", "status=\"403\""))
                .as("the refused upload, counted").isEqualTo(1);
        assertThat(Metrics.growth(before, after, "coc_authorization_decisions_total", "outcome=\"implicit_deny\""))
                .as("its decision, counted").isEqualTo(1);
        for (String operation : List.of("stage", "publish")) {
            assertThat(Metrics.growth(before, after, "coc_storage_operation_seconds_count",
                    "operation=\"" + operation + "\"")).as("storage %s calls", operation).isZero();
        }
        assertThat(Metrics.growth(before, after, "coc_upload_bytes_total")).as("bytes stored").isZero();
    }

    @Test
    void userWithoutPoliciesIsDeniedDownload() {
        HttpResponse<byte[]> response = service.download(user(List.of(), List.of(), false), existingDocId);

        assertThat(Envelopes.assertError(response, 403, "GOM.00007261").getString("error_msg"))
                .isEqualTo("Policy doesn't allow coc:ticket:downloadFile to be performed.");
    }

    @Test
    void denyInOnePolicyBeatsAllowInAnother() {
        String deny = "{\"Version\":\"1.1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"coc:ticket:downloadFile\"]}]}";
        String token = user(List.of(example("full-access.json"), deny), List.of(), false);

        Envelopes.assertError(service.download(token, existingDocId), 403, "GOM.00007261");
    }

    @Test
    void groupAttachedPolicyAllowsDownload() {
        String token = user(List.of(), List.of("incident-readers"), false);

        assertThat(service.download(token, existingDocId).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownGroupGrantsNothing() {
        String token = user(List.of(), List.of("no-such-group"), false);

        Envelopes.assertError(service.download(token, existingDocId), 403, "GOM.00007261");
    }

    @Test
    void mfaConditionAllowsWithMfa() {
        String token = user(List.of(example("download-with-mfa.json")), List.of(), true);

        assertThat(service.download(token, existingDocId).statusCode()).isEqualTo(200);
    }

    @Test
    void mfaConditionDeniesWithoutMfa() {
        String token = user(List.of(example("download-with-mfa.json")), List.of(), false);

        Envelopes.assertError(service.download(token, existingDocId), 403, "GOM.00007261");
    }

    @Test
    void sourceIpConditionAllowsLoopbackRange() {
        String token = user(List.of(allow("coc:ticket:downloadFile",
                "{\"IpAddress\":{\"g:SourceIp\":[\"127.0.0.0/8\",\"::1/128\"]}}")), List.of(), false);

        assertThat(service.download(token, existingDocId).statusCode()).isEqualTo(200);
    }

    @Test
    void sourceIpConditionDeniesOtherRanges() {
        String token = user(List.of(example("office-ip-only.json")), List.of(), false);

        Envelopes.assertError(service.download(token, existingDocId), 403, "GOM.00007261");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        String token = user(List.of(example("office-ip-only.json")), List.of(), false);

        HttpResponse<byte[]> response = service.send(java.net.http.HttpRequest.newBuilder(service.attachment(existingDocId))
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", "203.0.113.10")
                .GET().build());

        Envelopes.assertError(response, 403, "GOM.00007261");
    }

    @Test
    void currentTimeWindowAllowsInsideIt() {
        Instant now = Instant.now();
        String token = user(List.of(allow("coc:ticket:downloadFile", "{\"DateGreaterThan\":{\"g:CurrentTime\":\""
                + now.minus(Duration.ofHours(1)) + "\"},\"DateLessThan\":{\"g:CurrentTime\":\""
                + now.plus(Duration.ofHours(1)) + "\"}}")), List.of(), false);

        assertThat(service.download(token, existingDocId).statusCode()).isEqualTo(200);
    }

    @Test
    void currentTimeWindowDeniesOutsideIt() {
        Instant now = Instant.now();
        String token = user(List.of(allow("coc:ticket:downloadFile", "{\"DateGreaterThan\":{\"g:CurrentTime\":\""
                + now.minus(Duration.ofHours(3)) + "\"},\"DateLessThan\":{\"g:CurrentTime\":\""
                + now.minus(Duration.ofHours(2)) + "\"}}")), List.of(), false);

        Envelopes.assertError(service.download(token, existingDocId), 403, "GOM.00007261");
    }

    @Test
    void malformedPolicyFailsClosed() {
        String token = user(List.of("{\"Version\":\"9.9\",\"Statement\":[]}", example("full-access.json")),
                List.of(), false);

        Envelopes.assertError(service.download(token, existingDocId), 403, "GOM.00007261");
    }

    @Test
    void writerGroupUploadsOnlyFromTheOffice() {
        String token = user(List.of(), List.of("incident-writers"), false);

        Envelopes.assertError(service.upload(token, "evidence.txt", SampleFiles.utf8Text()), 403, "GOM.00007261");
    }
}
