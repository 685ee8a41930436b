package org.opencoc.attachment.iam.policy;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The policies granted through group membership, read from a configured JSON file that maps group
 * names to arrays of policy documents:
 * <pre>
 * {"incident-readers": [ {"Version": "5.0", "Statement": [...]} ],
 *  "incident-writers": [ {...}, {...} ]}
 * </pre>
 * The whole file is validated when loaded, so a broken file is found at start-up, not on a request.
 * Group names are compared exactly (case-sensitive). Policies are labelled
 * {@code group:<name>[<index>]}. Immutable and thread-safe.
 */
public final class GroupPolicies {

    private static final GroupPolicies EMPTY = new GroupPolicies(Map.of());

    private final Map<String, List<Policy>> byGroup;

    private GroupPolicies(Map<String, List<Policy>> byGroup) {
        this.byGroup = byGroup;
    }

    /** No groups: every group contributes nothing. */
    public static GroupPolicies empty() {
        return EMPTY;
    }

    /**
     * Reads and validates a group policy file (UTF-8).
     *
     * @throws PolicyException when the file cannot be read or is not valid; the message names the file
     *                         and, for an invalid policy, the group, policy index, statement and field
     */
    public static GroupPolicies load(Path file) {
        Objects.requireNonNull(file, "file");
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException("group policy file '" + file + "' cannot be read: " + e, e);
        }
        return parse(json, file.toString());
    }

    /**
     * Validates a group policy document given as JSON text.
     *
     * @param source names the origin (a file name) in error messages
     * @throws PolicyException when the document is not valid
     */
    public static GroupPolicies parse(String json, String source) {
        JsonValue value;
        try {
            value = PolicyReader.readJsonValue(json, "groups");
        } catch (PolicyException e) {
            throw new PolicyException("group policy file '" + source + "': " + e.getMessage(), e);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new PolicyException("group policy file '" + source
                    + "' must be a JSON object mapping group names to arrays of policies", null);
        }
        return of(value.asJsonObject(), source);
    }

    /**
     * Validates a group policy document.
     *
     * @param source names the origin (a file name) in error messages
     * @throws PolicyException when the document is not valid
     */
    public static GroupPolicies of(JsonObject groups, String source) {
        Map<String, List<Policy>> byGroup = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> group : groups.entrySet()) {
            String name = group.getKey();
            if (name.isBlank()) {
                throw new PolicyException("group policy file '" + source + "' has a blank group name", null);
            }
            try {
                byGroup.put(name, PolicyReader.readAll(group.getValue(), "group:" + name));
            } catch (PolicyException e) {
                throw new PolicyException("group policy file '" + source + "', group '" + name + "': "
                        + e.getMessage(), e);
            }
        }
        return new GroupPolicies(Map.copyOf(byGroup));
    }

    /**
     * The policies of the given groups, group by group in the order given (each group once). Unknown
     * groups contribute nothing.
     */
    public List<Policy> policiesFor(Collection<String> groups) {
        if (groups.isEmpty() || byGroup.isEmpty()) {
            return List.of();
        }
        List<Policy> policies = new ArrayList<>();
        for (String group : new LinkedHashSet<>(groups)) {
            policies.addAll(byGroup.getOrDefault(group, List.of()));
        }
        return List.copyOf(policies);
    }

    /** The group names the file defines. */
    public Set<String> groups() {
        return byGroup.keySet();
    }
}
