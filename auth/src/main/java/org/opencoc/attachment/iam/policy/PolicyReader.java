package org.opencoc.attachment.iam.policy;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JSON into {@link Policy} objects, validating as it goes. Every problem is a
 * {@link PolicyException} naming the policy label, the statement and the field.
 *
 * <p>Above the house limit of about 300 lines on purpose: it is the one parser of untrusted policy
 * text, and it reads top-down in the order of the grammar (document, statement, effect, action and
 * resource patterns, conditions, values), so a reviewer checks every refusal of both policy languages
 * in one pass. The value types it produces ({@link TypedValues}) and the operators
 * ({@link ConditionOperator}) are their own classes already.
 */
final class PolicyReader {

    private static final List<String> DOCUMENT_FIELDS = List.of("Version", "Statement");
    private static final String IF_EXISTS = "ifexists";

    /** Duplicate keys in JSON text are rejected where the JSON-P implementation supports it. */
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private PolicyReader() {
    }

    static JsonValue readJsonValue(String json, String label) {
        if (json == null || json.isBlank()) {
            throw new PolicyException(label, null, "document is empty");
        }
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new PolicyException(label, null, "document is not valid JSON: " + e.getMessage(), e);
        }
    }

    static JsonObject readJson(String json, String label) {
        JsonValue value = readJsonValue(json, label);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new PolicyException(label, null, "document must be a JSON object, not " + describe(value));
        }
        return value.asJsonObject();
    }

    static List<Policy> readAll(JsonValue documents, String prefix) {
        if (documents.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new PolicyException(prefix, null,
                    "must be a JSON array of policy documents, not " + describe(documents));
        }
        JsonArray array = documents.asJsonArray();
        List<Policy> policies = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String label = prefix + "[" + i + "]";
            JsonValue document = array.get(i);
            if (document.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new PolicyException(label, null, "document must be a JSON object, not " + describe(document));
            }
            policies.add(read(document.asJsonObject(), label));
        }
        return List.copyOf(policies);
    }

    static Policy read(JsonObject document, String label) {
        rejectUnknownFields(document, DOCUMENT_FIELDS, label, null);
        JsonValue version = document.get("Version");
        if (version == null) {
            throw new PolicyException(label, null, "field 'Version' is missing (expected \"1.1\" or \"5.0\")");
        }
        if (version.getValueType() != JsonValue.ValueType.STRING) {
            throw new PolicyException(label, null,
                    "field 'Version' must be the string \"1.1\" or \"5.0\", not " + describe(version));
        }
        String versionText = ((JsonString) version).getString();
        PolicyLanguage language = PolicyLanguage.ofVersion(versionText).orElseThrow(() -> new PolicyException(
                label, null, "unknown Version '" + versionText + "' (expected \"1.1\" or \"5.0\")"));
        JsonValue statements = document.get("Statement");
        if (statements == null) {
            throw new PolicyException(label, null, "field 'Statement' is missing");
        }
        if (statements.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new PolicyException(label, null,
                    "field 'Statement' must be an array of statements, not " + describe(statements));
        }
        JsonArray array = statements.asJsonArray();
        List<Statement> parsed = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            parsed.add(statement(array.get(i), i, label, language));
        }
        requireSize(document, label, language);
        return new Policy(label, language, parsed);
    }

    /** The documented size limit, checked after the grammar so that a grammar error is reported first. */
    private static void requireSize(JsonObject document, String label, PolicyLanguage language) {
        String compact = document.toString();
        if (compact.length() > PolicyLanguage.MAX_DOCUMENT_CHARACTERS
                && compact.codePointCount(0, compact.length()) > PolicyLanguage.MAX_DOCUMENT_CHARACTERS) {
            throw new PolicyException(label, null, "Version " + language.version() + " document has "
                    + compact.codePointCount(0, compact.length()) + " characters as compact JSON, more than the "
                    + PolicyLanguage.MAX_DOCUMENT_CHARACTERS + " a policy may have");
        }
    }

    private static Statement statement(JsonValue value, int index, String policy, PolicyLanguage language) {
        String where = "#" + index;
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new PolicyException(policy, where, "must be a JSON object, not " + describe(value));
        }
        JsonObject statement = value.asJsonObject();
        String sid = null;
        JsonValue sidValue = statement.get("Sid");
        if (sidValue != null) {
            if (sidValue.getValueType() != JsonValue.ValueType.STRING) {
                throw new PolicyException(policy, where, "field 'Sid' must be a string, not " + describe(sidValue));
            }
            sid = ((JsonString) sidValue).getString();
            where = sid.isBlank() ? where : sid;
            sid = sid.isBlank() ? null : sid;
        }
        rejectFieldsOutsideGrammar(statement, language, policy, where);

        Effect effect = effect(statement.get("Effect"), policy, where);

        boolean notAction = statement.containsKey("NotAction");
        if (notAction && statement.containsKey("Action")) {
            throw new PolicyException(policy, where, "has both 'Action' and 'NotAction'; use exactly one");
        }
        if (!notAction && !statement.containsKey("Action")) {
            throw new PolicyException(policy, where, "needs 'Action' or 'NotAction'");
        }
        String actionField = notAction ? "NotAction" : "Action";
        List<WildcardPattern> actions = new ArrayList<>();
        for (String action : patterns(statement.get(actionField), actionField, policy, where)) {
            actions.add(WildcardPattern.compile(action.toLowerCase(Locale.ROOT)));
        }

        boolean notResource = statement.containsKey("NotResource");
        if (notResource && statement.containsKey("Resource")) {
            throw new PolicyException(policy, where, "has both 'Resource' and 'NotResource'; use at most one");
        }
        boolean covers = true;
        if (notResource || statement.containsKey("Resource")) {
            String resourceField = notResource ? "NotResource" : "Resource";
            boolean anyMatchesStar = false;
            for (String resource : patterns(statement.get(resourceField), resourceField, policy, where)) {
                anyMatchesStar |= WildcardPattern.compile(resource).matches("*");
            }
            covers = notResource != anyMatchesStar;
        }

        List<Condition> conditions = new ArrayList<>();
        JsonValue condition = statement.get("Condition");
        if (condition != null) {
            conditions(condition, policy, where, language, conditions);
        }
        return new Statement(index, sid, effect, actions, notAction, covers, conditions);
    }

    private static Effect effect(JsonValue value, String policy, String where) {
        if (value == null) {
            throw new PolicyException(policy, where, "field 'Effect' is missing (expected \"Allow\" or \"Deny\")");
        }
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            String text = ((JsonString) value).getString();
            if ("Allow".equalsIgnoreCase(text)) {
                return Effect.ALLOW;
            }
            if ("Deny".equalsIgnoreCase(text)) {
                return Effect.DENY;
            }
            throw new PolicyException(policy, where,
                    "field 'Effect' must be \"Allow\" or \"Deny\", not '" + text + "'");
        }
        throw new PolicyException(policy, where,
                "field 'Effect' must be \"Allow\" or \"Deny\", not " + describe(value));
    }

    /** A string or a non-empty array of strings, none blank and none containing whitespace. */
    private static List<String> patterns(JsonValue value, String field, String policy, String where) {
        List<JsonValue> items = oneOrMany(value, policy, where, "field '" + field + "' must not be an empty array");
        List<String> texts = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new PolicyException(policy, where,
                        "field '" + field + "' must be a string or an array of strings, not " + describe(item));
            }
            String text = ((JsonString) item).getString();
            if (text.isBlank() || text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new PolicyException(policy, where, "field '" + field + "' has an invalid pattern '" + text
                        + "' (blank, or containing whitespace)");
            }
            texts.add(text);
        }
        return texts;
    }

    private static void conditions(JsonValue value, String policy, String where, PolicyLanguage language,
                                   List<Condition> into) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new PolicyException(policy, where,
                    "field 'Condition' must be an object of operators, not " + describe(value));
        }
        for (Map.Entry<String, JsonValue> block : value.asJsonObject().entrySet()) {
            String operatorName = block.getKey();
            String field = "Condition." + operatorName;
            Condition.Qualifier qualifier = Condition.Qualifier.NONE;
            String name = operatorName;
            int colon = name.indexOf(':');
            if (colon >= 0) {
                String prefix = name.substring(0, colon);
                if ("ForAnyValue".equalsIgnoreCase(prefix)) {
                    qualifier = Condition.Qualifier.FOR_ANY_VALUE;
                } else if ("ForAllValues".equalsIgnoreCase(prefix)) {
                    qualifier = Condition.Qualifier.FOR_ALL_VALUES;
                } else {
                    throw unknownOperator(policy, where, operatorName, language);
                }
                if (!language.acceptsSetPrefixes()) {
                    throw new PolicyException(policy, where, "field 'Condition': operator '" + operatorName
                            + "' is not in the Version " + language.version() + " grammar (the " + prefix
                            + ": prefix belongs to Version " + PolicyLanguage.IDENTITY.version() + ")");
                }
                name = name.substring(colon + 1);
            }
            boolean ifExists = false;
            ConditionOperator operator = ConditionOperator.named(name).orElse(null);
            if (operator == null && name.toLowerCase(Locale.ROOT).endsWith(IF_EXISTS)) {
                ifExists = true;
                operator = ConditionOperator.named(name.substring(0, name.length() - IF_EXISTS.length())).orElse(null);
            }
            if (operator == null) {
                throw unknownOperator(policy, where, operatorName, language);
            }
            if (!operator.acceptedIn(language)) {
                throw new PolicyException(policy, where, "field 'Condition': operator '" + operatorName
                        + "' is not in the Version " + language.version() + " grammar (" + operator.canonicalName()
                        + " is a Version " + operator.acceptingVersions() + " operator)");
            }
            if (ifExists && !operator.acceptsIfExists()
                    || qualifier != Condition.Qualifier.NONE && !operator.acceptsSetPrefix()) {
                throw new PolicyException(policy, where, "field '" + field + "': the " + operator.canonicalName()
                        + " operator takes no ForAnyValue:/ForAllValues: prefix and no IfExists suffix");
            }
            if (block.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw new PolicyException(policy, where, "field '" + field
                        + "' must be an object of condition keys, not " + describe(block.getValue()));
            }
            JsonObject keys = block.getValue().asJsonObject();
            if (keys.isEmpty()) {
                throw new PolicyException(policy, where, "field '" + field + "' has no condition keys");
            }
            for (Map.Entry<String, JsonValue> entry : keys.entrySet()) {
                String key = entry.getKey();
                if (key.isBlank()) {
                    throw new PolicyException(policy, where, "field '" + field + "' has a blank condition key");
                }
                List<Object> values = values(entry.getValue(), operator, policy, where, field + "." + key);
                into.add(new Condition(operatorName, operator, qualifier, ifExists, key, values));
            }
        }
    }

    private static PolicyException unknownOperator(String policy, String where, String name, PolicyLanguage language) {
        return new PolicyException(policy, where, "field 'Condition': unknown operator '" + name
                + "' (not in the Version " + language.version() + " grammar)");
    }

    private static List<Object> values(JsonValue value, ConditionOperator operator, String policy, String where,
                                       String field) {
        List<JsonValue> items = oneOrMany(value, policy, where, "field '" + field + "' must have at least one value");
        List<Object> converted = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            try {
                converted.add(convert(item, operator));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(policy, where, "field '" + field + "': " + e.getMessage(), e);
            }
        }
        return converted;
    }

    /** Reads one policy value as the operator's type; wrong types are an {@link IllegalArgumentException}. */
    private static Object convert(JsonValue item, ConditionOperator operator) {
        JsonValue.ValueType type = item.getValueType();
        boolean scalar = type == JsonValue.ValueType.STRING || type == JsonValue.ValueType.NUMBER
                || type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE;
        if (!scalar) {
            throw new IllegalArgumentException("a value must be a string, number or boolean, not " + describe(item));
        }
        String text = type == JsonValue.ValueType.STRING ? ((JsonString) item).getString() : item.toString();
        switch (operator.valueType()) {
            case TEXT:
                return text;
            case PATTERN:
                return WildcardPattern.compile(text);
            case NUMBER:
                requireNotBoolean(type, "a number", item);
                return type == JsonValue.ValueType.NUMBER ? ((JsonNumber) item).bigDecimalValue() : TypedValues.number(text);
            case DATE:
                requireNotBoolean(type, "a date", item);
                if (type == JsonValue.ValueType.NUMBER) {
                    return epochSeconds((JsonNumber) item);
                }
                return TypedValues.instant(text);
            case BOOL:
                if (type == JsonValue.ValueType.NUMBER) {
                    throw new IllegalArgumentException("expected a boolean, not " + describe(item));
                }
                return TypedValues.bool(text);
            case IP:
                if (type != JsonValue.ValueType.STRING) {
                    throw new IllegalArgumentException("expected an IP address or CIDR string, not " + describe(item));
                }
                return TypedValues.ipRange(text);
            default:
                throw new IllegalStateException("no conversion for " + operator);
        }
    }

    /** A JSON number under a Date operator: whole epoch seconds (compatibility; the grammar writes dates as strings). */
    private static Instant epochSeconds(JsonNumber number) {
        if (!number.isIntegral()) {
            throw new IllegalArgumentException("epoch seconds must be a whole number, not " + number);
        }
        try {
            return Instant.ofEpochSecond(number.bigIntegerValue().longValueExact());
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("epoch seconds " + number + " are out of range", e);
        }
    }

    private static void requireNotBoolean(JsonValue.ValueType type, String expected, JsonValue item) {
        if (type == JsonValue.ValueType.TRUE || type == JsonValue.ValueType.FALSE) {
            throw new IllegalArgumentException("expected " + expected + ", not " + describe(item));
        }
    }

    /** Every statement field must belong to the document's version; a field of the other version says so. */
    private static void rejectFieldsOutsideGrammar(JsonObject statement, PolicyLanguage language, String policy,
                                                   String where) {
        List<String> known = language.statementFields();
        for (String field : statement.keySet()) {
            if (known.contains(field)) {
                continue;
            }
            for (PolicyLanguage other : PolicyLanguage.values()) {
                if (other.statementFields().contains(field)) {
                    throw new PolicyException(policy, where, "field '" + field + "' is not in the Version "
                            + language.version() + " grammar (a Version " + language.version()
                            + " statement has " + String.join(", ", known) + "; '" + field + "' belongs to Version "
                            + other.version() + ")");
                }
            }
            throw new PolicyException(policy, where, "unknown field '" + field + "' (a Version " + language.version()
                    + " statement has " + String.join(", ", known) + "; field names are case-sensitive)");
        }
    }

    private static void rejectUnknownFields(JsonObject object, List<String> known, String policy, String where) {
        for (String field : object.keySet()) {
            if (!known.contains(field)) {
                throw new PolicyException(policy, where, "unknown field '" + field + "' (expected one of "
                        + String.join(", ", known) + "; field names are case-sensitive)");
            }
        }
    }

    private static String describe(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return "the string " + value;
            case NUMBER:
                return "the number " + value;
            case TRUE:
            case FALSE:
                return "the boolean " + value;
            case NULL:
                return "null";
            case ARRAY:
                return "an array";
            default:
                return "an object";
        }
    }

    /** A single value as a one-element list, or the items of a non-empty array ({@code emptyArray} otherwise). */
    private static List<JsonValue> oneOrMany(JsonValue value, String policy, String where, String emptyArray) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of(value);
        }
        List<JsonValue> items = value.asJsonArray();
        if (items.isEmpty()) {
            throw new PolicyException(policy, where, emptyArray);
        }
        return items;
    }

}
