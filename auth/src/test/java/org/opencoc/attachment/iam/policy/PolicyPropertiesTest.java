package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.boundary.AccessDecisionsFixture;
import org.opencoc.attachment.iam.policy.Decision.Outcome;

/**
 * Laws of the evaluator checked on random policy sets drawn from a small vocabulary of actions,
 * resources and conditions that overlap with the random requests, so every outcome occurs often.
 */
class PolicyPropertiesTest {

    private static final String[] ACTIONS = {
        "coc:ticket:downloadFile", "coc:ticket:uploadFile", "coc:ticket:*", "coc:*:*", "*",
        "coc:ticket:download*", "COC:TICKET:?ploadFile", "obs:*:*"
    };
    private static final String[] REQUESTED = {"coc:ticket:downloadFile", "coc:ticket:uploadFile", "coc:ticket:deleteFile"};
    private static final String[][] CONDITIONS = {
        {"Bool", "g:MFAPresent", "true"},
        {"Bool", "g:MFAPresent", "false"},
        {"StringEquals", "coc:TicketType", "incident"},
        {"StringNotEquals", "coc:tickettype", "incident"},
        {"IpAddress", "g:SourceIp", "192.0.2.0/24"},
        {"NotIpAddress", "g:SourceIp", "2001:db8::/32"},
        {"DateLessThan", "g:CurrentTime", "2026-07-01"},
        {"DateGreaterThan", "g:CurrentTime", "2026-07-01T00:00:00Z"},
        {"NumberLessThan", "coc:Size", "10"},
        {"Null", "coc:Size", "true"},
        {"StringLikeIfExists", "coc:Project", "b*"},
        {"ForAnyValue:StringEquals", "coc:Tags", "red"},
        {"ForAllValues:StringEquals", "coc:Tags", "red"},
    };
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    private static final AccessDecisionsFixture GLUE = AccessDecisionsFixture.at(CLOCK);

    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    /** One request: who, what, and the context. */
    record Request(Caller caller, String action, ConditionContext context) {
    }

    @Property(tries = 500)
    void addingADenyNeverGrants(@ForAll("policySets") List<List<JsonObject>> policies,
                                @ForAll("denyStatements") JsonObject deny, @ForAll("requests") Request request) {
        Decision before = decide(policies, request);
        Decision after = decide(withExtraStatement(policies, deny), request);
        if (!before.allowed()) {
            assertThat(after.allowed()).isFalse();
        }
        if (before.outcome() == Outcome.EXPLICIT_DENY) {
            assertThat(after.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        }
        requireEveryGuardedBranch("before", before, Outcome.IMPLICIT_DENY, Outcome.EXPLICIT_DENY);
    }

    @Property(tries = 500)
    void addingAnAllowNeverRevokes(@ForAll("policySets") List<List<JsonObject>> policies,
                                   @ForAll("allowStatements") JsonObject allow, @ForAll("requests") Request request) {
        Decision before = decide(policies, request);
        Decision after = decide(withExtraStatement(policies, allow), request);
        if (before.outcome() != Outcome.IMPLICIT_DENY) {
            assertThat(after.outcome()).isEqualTo(before.outcome());
        }
        requireEveryGuardedBranch("before", before, Outcome.ALLOW, Outcome.EXPLICIT_DENY);
    }

    @Property(tries = 500)
    void statementOrderNeverChangesTheOutcome(@ForAll("policySets") List<List<JsonObject>> policies,
                                              @ForAll long seed, @ForAll("requests") Request request) {
        Random random = new Random(seed);
        List<List<JsonObject>> shuffled = new ArrayList<>();
        for (List<JsonObject> statements : policies) {
            List<JsonObject> copy = new ArrayList<>(statements);
            Collections.shuffle(copy, random);
            shuffled.add(copy);
        }
        assertThat(decide(shuffled, request).outcome()).isEqualTo(decide(policies, request).outcome());
    }

    @Property(tries = 500)
    void policyOrderNeverChangesTheOutcome(@ForAll("policySets") List<List<JsonObject>> policies,
                                           @ForAll long seed, @ForAll("requests") Request request) {
        List<List<JsonObject>> shuffled = new ArrayList<>(policies);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(decide(shuffled, request).outcome()).isEqualTo(decide(policies, request).outcome());
    }

    @Property(tries = 300)
    void anAccountIsAlwaysAllowed(@ForAll("policySets") List<List<JsonObject>> policies,
                                  @ForAll("requests") Request request) {
        Caller user = request.caller();
        Caller account = new Caller(Caller.PrincipalType.ACCOUNT, user.domainId(), user.domainName(),
                user.userId(), user.userName(), user.mfa());
        Decision decision = evaluator.evaluate(account, request.action(), parse(policies), request.context());
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Property(tries = 500)
    void aMalformedDocumentNeverAllows(@ForAll("policySets") List<List<JsonObject>> policies,
                                       @ForAll("corruptions") UnaryOperator<JsonObject> corruption,
                                       @ForAll @IntRange(min = 0, max = 100) int where,
                                       @ForAll("requests") Request request) {
        List<JsonObject> documents = documents(policies);
        List<JsonObject> broken = new ArrayList<>(documents);
        int index = where % (broken.size() + 1);
        if (index == broken.size()) {
            broken.add(corruption.apply(document(List.of(statement("Allow", List.of("*"), false, 0, List.of())))));
        } else {
            broken.set(index, corruption.apply(broken.get(index)));
        }
        JsonValue claim = Json.createArrayBuilder(broken).build();
        assertThrows(PolicyException.class, () -> Policy.parseAll(claim, "policies"));
        assertThat(GLUE.decide(request.caller(), request.action(), claim, "192.0.2.10", "incident").decision())
                .as("what a request whose token carries them gets").isEqualTo("explicit_deny");
    }

    @Property(tries = 300)
    void aTruncatedDocumentIsAPolicyException(@ForAll("policySets") List<List<JsonObject>> policies,
                                              @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        String text = document(policies.isEmpty() ? List.of() : policies.get(0)).toString();
        String truncated = text.substring(0, cut % text.length());
        assertThrows(PolicyException.class, () -> Policy.parse(truncated, "p"));
    }

    @Property(tries = 500)
    void garbageContextValuesNeverMakeEvaluationThrow(@ForAll("policySets") List<List<JsonObject>> policies,
                                                      @ForAll("requests") Request request,
                                                      @ForAll("garbage") String garbage) {
        ConditionContext context = request.context().toBuilder()
                .put("g:SourceIp", garbage).put("g:CurrentTime", garbage).put("coc:Size", garbage)
                .put("g:MFAPresent", garbage).build();
        Decision decision = evaluator.evaluate(request.caller(), request.action(), parse(policies), context);
        assertThat(decision.reason()).isNotBlank();
    }

    @Property(tries = 300)
    void aConditionOnAnUnreadableValueNeverGrantsAndAlwaysDenies(@ForAll("typedConditions") String[] condition,
                                                                  @ForAll("unreadable") String garbage,
                                                                  @ForAll("requests") Request request) {
        ConditionContext context = request.context().toBuilder().put(condition[1], garbage).build();
        List<Policy> allowOnly = parse(List.of(List.of(
                statement("Allow", List.of("*"), false, 0, List.of(indexOf(condition))))));
        List<Policy> withDeny = parse(List.of(List.of(statement("Allow", List.of("*"), false, 0, List.of()),
                statement("Deny", List.of("*"), false, 0, List.of(indexOf(condition))))));
        assertThat(evaluator.evaluate(request.caller(), request.action(), allowOnly, context).outcome())
                .isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(evaluator.evaluate(request.caller(), request.action(), withDeny, context).outcome())
                .isEqualTo(Outcome.EXPLICIT_DENY);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<List<List<JsonObject>>> policySets() {
        return statements(Arbitraries.of("Allow", "Allow", "Deny")).list().ofMaxSize(4).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<JsonObject> denyStatements() {
        return statements(Arbitraries.just("Deny"));
    }

    @Provide
    Arbitrary<JsonObject> allowStatements() {
        return statements(Arbitraries.just("Allow"));
    }

    private Arbitrary<JsonObject> statements(Arbitrary<String> effects) {
        return Combinators.combine(effects,
                Arbitraries.of(ACTIONS).list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, CONDITIONS.length - 1).list().ofMaxSize(2))
                .as(PolicyPropertiesTest::statement);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Boolean> mfa = Arbitraries.of(true, false);
        Arbitrary<String> sourceIp = Arbitraries.of("192.0.2.10", "2001:db8::1", "198.51.100.7", "");
        Arbitrary<String> ticketType = Arbitraries.of("incident", "problem", "");
        Arbitrary<List<String>> size = Arbitraries.of(List.<String>of(), List.of("5"), List.of("50"));
        Arbitrary<List<String>> tags = Arbitraries.of(List.<String>of(), List.of("red"), List.of("red", "green"));
        return Combinators.combine(mfa, sourceIp, ticketType, size, tags, Arbitraries.of(REQUESTED))
                .as((hasMfa, ip, type, sizes, tagValues, action) -> {
                    Caller caller = new Caller(Caller.PrincipalType.USER, "d-0001", "acme", "u-0001", "alice", hasMfa);
                    ConditionContext context = ConditionContext.forRequest(caller, CLOCK, ip, type).toBuilder()
                            .put("coc:Size", sizes).put("coc:Tags", tagValues).build();
                    return new Request(caller, action, context);
                });
    }

    @Provide
    Arbitrary<UnaryOperator<JsonObject>> corruptions() {
        return Arbitraries.of(
                doc -> with(doc, "Version", Json.createValue("2.0")),
                doc -> with(doc, "Version", Json.createValue(5)),
                doc -> with(doc, "Statement", Json.createValue("Allow")),
                doc -> with(doc, "Unexpected", JsonValue.TRUE),
                doc -> without(doc, "Version"),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Allow")
                        .add("Action", "*").add("NotAction", "obs:*:*").build()),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Permit").add("Action", "*").build()),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Allow").add("Action", "*")
                        .add("Condition", Json.createObjectBuilder().add("StringEqualz",
                                Json.createObjectBuilder().add("coc:TicketType", "incident"))).build()),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Allow").add("Action", "*")
                        .add("Condition", Json.createObjectBuilder().add("IpAddress",
                                Json.createObjectBuilder().add("g:SourceIp", "10.0.0.0/40"))).build()),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Allow").add("Action", "*")
                        .add("Condition", Json.createObjectBuilder().add("NumberEquals",
                                Json.createObjectBuilder().add("coc:Size", true))).build()),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Allow").add("Action", 42).build()),
                doc -> withStatement(doc, Json.createObjectBuilder().add("Effect", "Allow").add("Action", "*")
                        .add("Principal", "*").build()));
    }

    @Provide
    Arbitrary<String[]> typedConditions() {
        return Arbitraries.of(CONDITIONS).filter(condition -> condition[0].matches(
                "Bool|IpAddress|NotIpAddress|DateLessThan|DateGreaterThan|NumberLessThan"));
    }

    @Provide
    Arbitrary<String> unreadable() {
        return Arbitraries.of("", "now", ":::", "abc", "1.2.3", "maybe", "10.0.0.0/8 ", "2026-02-30", "0x10");
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("", "now", "1e9999", "::", "10.0.0.0/8", "TRUE", "2026-02-30", "-1", "NaN"));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Counts {@code decision}'s outcome under {@code label} and, once all tries ran, fails the property
     * unless each outcome in {@code guarded} (the ones its assertions are conditional on) came up in at
     * least a twentieth of the tries (each gets more than an eighth now): a generator that drifted away
     * from them would leave the law unchecked while the property still passed.
     */
    private static void requireEveryGuardedBranch(String label, Decision decision, Outcome... guarded) {
        Statistics.label(label).collect(decision.outcome());
        Statistics.label(label).coverage(coverage -> {
            for (Outcome outcome : guarded) {
                coverage.check(outcome).percentage(percent -> percent >= 5);
            }
        });
    }

    private Decision decide(List<List<JsonObject>> policies, Request request) {
        return evaluator.evaluate(request.caller(), request.action(), parse(policies), request.context());
    }

    private static List<Policy> parse(List<List<JsonObject>> policies) {
        return Policy.parseAll(Json.createArrayBuilder(documents(policies)).build(), "policies");
    }

    private static List<JsonObject> documents(List<List<JsonObject>> policies) {
        return policies.stream().map(PolicyPropertiesTest::document).collect(Collectors.toList());
    }

    private static JsonObject document(List<JsonObject> statements) {
        return Json.createObjectBuilder().add("Version", "5.0")
                .add("Statement", Json.createArrayBuilder(statements)).build();
    }

    private static List<List<JsonObject>> withExtraStatement(List<List<JsonObject>> policies, JsonObject statement) {
        List<List<JsonObject>> extended = new ArrayList<>(policies);
        extended.add(List.of(statement));
        return extended;
    }

    private static JsonObject statement(String effect, List<String> actions, boolean notAction, int resource,
                                        List<Integer> conditions) {
        JsonObjectBuilder statement = Json.createObjectBuilder().add("Effect", effect)
                .add(notAction ? "NotAction" : "Action", Json.createArrayBuilder(actions));
        switch (resource) {
            case 1:
                statement.add("Resource", "*");
                break;
            case 2:
                statement.add("Resource", "obs:*:*:bucket:x");
                break;
            case 3:
                statement.add("NotResource", "*");
                break;
            case 4:
                statement.add("NotResource", Json.createArrayBuilder().add("obs:*:*:bucket:x"));
                break;
            default:
                break;
        }
        if (!conditions.isEmpty()) {
            JsonObjectBuilder block = Json.createObjectBuilder();
            for (int index : conditions) {
                String[] condition = CONDITIONS[index];
                JsonArrayBuilder values = Json.createArrayBuilder().add(condition[2]);
                block.add(condition[0], Json.createObjectBuilder().add(condition[1], values));
            }
            statement.add("Condition", block);
        }
        return statement.build();
    }

    private static int indexOf(String[] condition) {
        for (int i = 0; i < CONDITIONS.length; i++) {
            if (CONDITIONS[i] == condition) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in the vocabulary");
    }

    private static JsonObject with(JsonObject document, String field, JsonValue value) {
        return Json.createObjectBuilder(document).add(field, value).build();
    }

    private static JsonObject without(JsonObject document, String field) {
        return Json.createObjectBuilder(document).remove(field).build();
    }

    private static JsonObject withStatement(JsonObject document, JsonObject statement) {
        JsonArrayBuilder statements = Json.createArrayBuilder(document.getJsonArray("Statement")).add(statement);
        return Json.createObjectBuilder(document).add("Statement", statements).build();
    }
}
