package org.opencoc.attachment.iam.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencoc.attachment.iam.Caller;

class AuditLineTest {

    private static final Caller ALICE = new Caller(Caller.PrincipalType.USER, "d-1", "ops", "u-1", "alice", false);
    private static final Instant TIME = Instant.parse("2026-12-01T09:00:00Z");

    private static AuditLine line(AuditRecord record) {
        return AuditLine.of(record, TIME, "req-1", "0f8fad5b-d9cb-469f-a165-70867728950e", 200);
    }

    /** What any JDK formatter makes of the message (the same MessageFormat rule Payara's formatters apply). */
    private static String formatted(LogRecord record) {
        Formatter formatter = new SimpleFormatter();
        return formatter.formatMessage(record);
    }

    @Test
    void carriesEveryDecisionFieldAsAMapParameterInOrder() {
        LogRecord record = line(AuditRecord.allow(ALICE, "coc:ticket:downloadFile", "read-only", "AllowDownload"))
                .toLogRecord(AuditLogFilter.LOGGER);

        assertThat(record.getParameters()).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) record.getParameters()[1];
        assertThat(fields).containsExactly(
                Map.entry("time", "2026-12-01T09:00:00Z"),
                Map.entry("request_id", "req-1"),
                Map.entry("principal", "iam::d-1:user:alice"),
                Map.entry("domain", "d-1"),
                Map.entry("action", "coc:ticket:downloadFile"),
                Map.entry("doc_id", "0f8fad5b-d9cb-469f-a165-70867728950e"),
                Map.entry("decision", "allow"),
                Map.entry("policy", "read-only"),
                Map.entry("statement", "AllowDownload"),
                Map.entry("status", "200"));
    }

    @Test
    void namesTheAuditLoggerAndInfoLevel() {
        LogRecord record = line(AuditRecord.allow(ALICE, "coc:ticket:uploadFile", "p", "s")).toLogRecord(AuditLogFilter.LOGGER);

        assertThat(record.getLoggerName()).isEqualTo("org.opencoc.attachment.audit");
        assertThat(record.getLevel().getName()).isEqualTo("INFO");
    }

    @Test
    void messageIsKeyValuePairsForTheHumanFormat() {
        LogRecord record = line(AuditRecord.explicitDeny(ALICE, "coc:ticket:uploadFile", "deny-upload", "#0"))
                .toLogRecord(AuditLogFilter.LOGGER);

        assertThat(formatted(record)).isEqualTo("audit time=2026-12-01T09:00:00Z request_id=req-1"
                + " principal=iam::d-1:user:alice domain=d-1 action=coc:ticket:uploadFile"
                + " doc_id=0f8fad5b-d9cb-469f-a165-70867728950e decision=explicit_deny policy=deny-upload"
                + " statement=#0 status=200");
    }

    @Test
    void quotesValuesWithSpacesQuotesOrEmptiness() {
        String text = line(AuditRecord.implicitDeny(ALICE, "coc:ticket:uploadFile",
                "no statement allows \"it\"")).text();

        assertThat(text).contains(" policy=\"no statement allows \\\"it\\\"\" statement=\"\" ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b", "a\\b", "a\tb", "a\u2003b", "a\u001fb", "a\nb"})
    void quotesAValueWithASeparatorOrAnyWhitespace(String policy) {
        String text = line(AuditRecord.allow(ALICE, "coc:ticket:downloadFile", policy, "s")).text();

        assertThat(text).contains(" policy=\"");
    }

    @Test
    void leavesAPlainValueUnquoted() {
        String text = line(AuditRecord.allow(ALICE, "coc:ticket:downloadFile", "read-only:v1", "s")).text();

        assertThat(text).contains(" policy=read-only:v1 ");
    }

    @Test
    void lineWithoutBracesIsAMessageNoFormatterParses() {
        LogRecord record = line(AuditRecord.allow(ALICE, "coc:ticket:downloadFile", "read-only", "AllowDownload"))
                .toLogRecord(AuditLogFilter.LOGGER);

        assertThat(record.getMessage()).doesNotContain("{");
        assertThat(formatted(record)).isEqualTo(record.getMessage());
    }

    @Test
    void policyLabelThatLooksLikeAFormatArgumentIsLoggedVerbatim() {
        AuditLine line = line(AuditRecord.allow(ALICE, "coc:ticket:uploadFile", "team {0} 'x'", "{1}"));

        assertThat(formatted(line.toLogRecord(AuditLogFilter.LOGGER))).isEqualTo(line.text());
        assertThat(line.text()).contains("policy=\"team {0} 'x'\" statement={1}");
    }
}
