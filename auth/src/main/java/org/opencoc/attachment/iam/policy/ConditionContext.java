package org.opencoc.attachment.iam.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencoc.attachment.iam.Caller;

/**
 * The facts about one request that conditions test: an immutable map from context key to one or more
 * string values.
 *
 * <p>Key names are case-insensitive ({@code g:sourceip} and {@code g:SourceIp} are the same key). A key
 * may carry several values (a multi-valued key, tested with {@code ForAnyValue:} / {@code ForAllValues:});
 * a key given with no values is the same as an absent key. Values are text; conditions read them as
 * numbers, dates, booleans or IP addresses when evaluated, and keep that reading for the lifetime of the
 * context (so a context is meant for one request).
 */
public final class ConditionContext {

    /** The request time, an ISO 8601 instant in UTC. */
    public static final String CURRENT_TIME = "g:CurrentTime";
    /** The client IP address as the service sees it. */
    public static final String SOURCE_IP = "g:SourceIp";
    /** The token subject. */
    public static final String USER_ID = "g:UserId";
    /** The user name ({@code preferred_username}, or the subject when absent). */
    public static final String USER_NAME = "g:UserName";
    /** The account (domain) name. */
    public static final String DOMAIN_NAME = "g:DomainName";
    /** The account (domain) id. */
    public static final String PRINCIPAL_ACCOUNT = "g:PrincipalAccount";
    /** The principal URN, {@code iam::<domain_id>:user:<name>} ({@code iam::<domain_id>:root} for an account). */
    public static final String PRINCIPAL_URN = "g:PrincipalUrn";
    /** {@code Account} or {@code User}. */
    public static final String PRINCIPAL_TYPE = "g:PrincipalType";
    /** {@code true} or {@code false}: whether the token says multi-factor authentication was used. */
    public static final String MFA_PRESENT = "g:MFAPresent";
    /**
     * The service the request is for: always {@value #THIS_SERVICE} here (a Version 1.1 global condition key).
     */
    public static final String SERVICE_NAME = "g:ServiceName";
    /** The value of {@value #SERVICE_NAME}: this service's prefix in actions such as {@code coc:ticket:uploadFile}. */
    public static final String THIS_SERVICE = "coc";
    /** The ticket type of the request path, such as {@code incident}. */
    public static final String TICKET_TYPE = "coc:TicketType";

    /** The standard keys, folded once: {@link #forRequest} runs per request. */
    private static final Map<String, String> FOLDED_STANDARD_KEYS = Stream.of(CURRENT_TIME, SOURCE_IP, USER_ID,
                    USER_NAME, DOMAIN_NAME, PRINCIPAL_ACCOUNT, PRINCIPAL_URN, PRINCIPAL_TYPE, MFA_PRESENT,
                    SERVICE_NAME, TICKET_TYPE)
            .collect(Collectors.toUnmodifiableMap(key -> key, ConditionContext::fold));

    private static final ConditionContext EMPTY = new ConditionContext(Map.of());

    private final Map<String, Entry> entries;

    private ConditionContext(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** A context with no keys at all. */
    public static ConditionContext empty() {
        return EMPTY;
    }

    /** A builder for a new, empty context. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder that starts from this context's keys, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(entries);
    }

    /**
     * The standard context of a request.
     *
     * <p>Fills {@value #CURRENT_TIME} from {@code clock} (ISO 8601, UTC, already parsed so Date conditions
     * never re-parse it), {@value #USER_ID}, {@value #USER_NAME}, {@value #DOMAIN_NAME},
     * {@value #PRINCIPAL_ACCOUNT} (the domain id), {@value #PRINCIPAL_URN} ({@link Caller#urn()}),
     * {@value #PRINCIPAL_TYPE} ({@code Account} or {@code User}), {@value #MFA_PRESENT} ({@code true} or
     * {@code false}), {@value #SERVICE_NAME} ({@value #THIS_SERVICE}), and, when given (not {@code null} or
     * blank), {@value #SOURCE_IP} and {@value #TICKET_TYPE}. {@value #DOMAIN_NAME} is left out when the caller has no domain name.
     */
    public static ConditionContext forRequest(Caller caller, Clock clock, String sourceIp, String ticketType) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(clock, "clock");
        // built directly, with the keys folded once (Builder.put folds and copies per key): this runs per request
        Map<String, Entry> entries = new HashMap<>(16);
        put(entries, CURRENT_TIME, new ContextValue(clock.instant()));
        put(entries, USER_ID, caller.userId());
        put(entries, USER_NAME, caller.userName());
        put(entries, PRINCIPAL_ACCOUNT, caller.domainId());
        put(entries, PRINCIPAL_URN, caller.urn());
        put(entries, PRINCIPAL_TYPE, caller.type() == Caller.PrincipalType.ACCOUNT ? "Account" : "User");
        put(entries, MFA_PRESENT, caller.mfa() ? "true" : "false");
        put(entries, SERVICE_NAME, THIS_SERVICE);
        if (!caller.domainName().isBlank()) {
            put(entries, DOMAIN_NAME, caller.domainName());
        }
        if (sourceIp != null && !sourceIp.isBlank()) {
            put(entries, SOURCE_IP, sourceIp.strip());
        }
        if (ticketType != null && !ticketType.isBlank()) {
            put(entries, TICKET_TYPE, ticketType);
        }
        return new ConditionContext(Collections.unmodifiableMap(entries));
    }

    /** Sets one of the standard keys to one value. */
    private static void put(Map<String, Entry> entries, String standardKey, String value) {
        put(entries, standardKey, new ContextValue(Objects.requireNonNull(value, standardKey)));
    }

    private static void put(Map<String, Entry> entries, String standardKey, ContextValue value) {
        entries.put(FOLDED_STANDARD_KEYS.get(standardKey), new Entry(standardKey, List.of(value)));
    }

    /** The values of {@code key} (case-insensitive); empty when the key is absent. */
    public List<String> values(String key) {
        Entry entry = entries.get(fold(key));
        if (entry == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(entry.values.size());
        entry.values.forEach(value -> texts.add(value.text()));
        return Collections.unmodifiableList(texts);
    }

    /** Whether {@code key} (case-insensitive) has at least one value. */
    public boolean contains(String key) {
        return entries.containsKey(fold(key));
    }

    /** The key names present, as first spelled when put. */
    public Set<String> keys() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        entries.values().forEach(entry -> names.add(entry.name));
        return Collections.unmodifiableSet(names);
    }

    /** The values of an already case-folded key; empty when absent. */
    List<ContextValue> lookup(String foldedKey) {
        Entry entry = entries.get(foldedKey);
        return entry == null ? List.of() : entry.values;
    }

    static String fold(String key) {
        return Objects.requireNonNull(key, "key").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        entries.values().forEach(entry -> text.append(text.length() > 1 ? ", " : "")
                .append(entry.name).append('=').append(entry.values));
        return text.append('}').toString();
    }

    private static final class Entry {
        final String name;
        final List<ContextValue> values;

        Entry(String name, List<ContextValue> values) {
            this.name = name;
            this.values = values;
        }
    }

    /** Collects keys and values; a later {@code put} of the same key (any case) replaces the earlier one. */
    public static final class Builder {

        private final Map<String, Entry> entries;

        private Builder(Map<String, Entry> start) {
            entries = new LinkedHashMap<>(start);
        }

        /** Sets {@code key} to the given values; no values is the same as {@link #remove(String) remove}. */
        public Builder put(String key, String... values) {
            return put(key, List.of(values));
        }

        /** Sets {@code key} to the given values; no values is the same as {@link #remove(String) remove}. */
        public Builder put(String key, Collection<String> values) {
            requireKey(key);
            List<ContextValue> converted = new ArrayList<>(values.size());
            for (String value : values) {
                converted.add(new ContextValue(Objects.requireNonNull(value, () -> "value of " + key)));
            }
            return store(key, converted);
        }

        private Builder put(String key, ContextValue value) {
            return store(key, List.of(value));
        }

        private Builder store(String key, List<ContextValue> values) {
            if (values.isEmpty()) {
                return remove(key);
            }
            entries.put(fold(key), new Entry(key, List.copyOf(values)));
            return this;
        }

        /** Removes {@code key} (case-insensitive), if present. */
        public Builder remove(String key) {
            entries.remove(fold(key));
            return this;
        }

        /** The immutable context. */
        public ConditionContext build() {
            return entries.isEmpty() ? EMPTY : new ConditionContext(Map.copyOf(entries));
        }

        private static void requireKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("context key must not be blank");
            }
        }
    }
}
