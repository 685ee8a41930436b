package org.opencoc.attachment.iam.boundary;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One audit line: the fields of an {@link AuditRecord} plus what is known once the response is ready
 * (time, request id, doc_id, status), as a {@link LogRecord} that every formatter renders well.
 *
 * <ul>
 *   <li>The message is the fields as {@code key=value} pairs in a fixed order, values with spaces or
 *       quotes in double quotes: {@code audit time=... request_id=... principal=... domain=... action=...
 *       doc_id=... decision=allow policy=... statement=... status=200}. This is what the human (ODL)
 *       format shows.</li>
 *   <li>The parameters are an empty string and the same fields as an ordered {@code Map<String, String>}.
 *       Payara's {@code JSONLogFormatter} (etc/logging-json.properties) writes the entries of every
 *       {@code Map} parameter as top-level keys, so a log shipper gets {@code "decision":"allow"} and
 *       not a JSON string inside the message.</li>
 * </ul>
 * Formatters apply {@link java.text.MessageFormat} only to a message that contains {@code {0}} (the JDK's
 * also {@code {1}} to {@code {3}}), and a value could contain one (a policy label is text of the token).
 * A line without any brace, the usual case, is therefore the message as it is, and no formatter parses
 * it (Payara's would otherwise build a {@code MessageFormat} of the whole line for every request: about
 * a tenth of the CPU of a small download). A line with a brace becomes a MessageFormat pattern: the text
 * escaped, followed by {@code {0}} for the empty first parameter. Every formatter then shows exactly the
 * text, whatever the values hold.
 */
final class AuditLine {

    /** The keys, in the order of the message. */
    static final String[] KEYS = {"time", "request_id", "principal", "domain", "action", "doc_id", "decision",
        "policy", "statement", "status"};

    private final Map<String, String> fields;

    private AuditLine(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** The line of {@code record}, decided at {@code time}, for request {@code requestId} answered {@code status}. */
    static AuditLine of(AuditRecord record, Instant time, String requestId, String docId, int status) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("time", time.toString());
        fields.put("request_id", requestId);
        fields.put("principal", record.caller().urn());
        fields.put("domain", record.caller().domainId());
        fields.put("action", record.action());
        fields.put("doc_id", docId);
        fields.put("decision", record.decision());
        fields.put("policy", record.policy());
        fields.put("statement", record.statement());
        fields.put("status", Integer.toString(status));
        return new AuditLine(fields);
    }

    /** The fields by key, in {@link #KEYS} order. */
    Map<String, String> fields() {
        return fields;
    }

    /** The {@code key=value} text of the line, as a human reads it. */
    String text() {
        StringBuilder text = new StringBuilder("audit");
        fields.forEach((key, value) -> text.append(' ').append(key).append('=').append(quoted(value)));
        return text.toString();
    }

    /** The record to log: level INFO, {@link #text()} as the formatted message, {@link #fields()} as a parameter. */
    LogRecord toLogRecord(String loggerName) {
        String text = text();
        String message = text.indexOf('{') < 0 ? text : escapeForMessageFormat(text) + "{0}";
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(loggerName);
        record.setParameters(new Object[] {"", fields});
        record.setSourceClassName(AuditLogFilter.class.getName());
        record.setSourceMethodName("filter");
        return record;
    }

    private static String quoted(String value) {
        if (!needsQuotes(value)) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Empty, or holding whitespace, a quote, a backslash or {@code =} (a plain loop: this runs ten times a request). */
    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 0x7f ? c == '"' || c == '\\' || c == '=' : Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} such that {@code MessageFormat.format(result, anything)} gives {@code text} back. */
    static String escapeForMessageFormat(String text) {
        return text.replace("'", "''").replace("{", "'{'").replace("}", "'}'");
    }
}
