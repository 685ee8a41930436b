package org.opencoc.attachment.iam.policy.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.policy.ConditionContext;
import org.opencoc.attachment.iam.policy.Decision;
import org.opencoc.attachment.iam.policy.Policy;
import org.opencoc.attachment.iam.policy.PolicyEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One decision for a user whose policies have 1, 10 or 100 statements in all (at most 10 per document), each matching the action and
 * carrying four conditions (ticket type, source IP range, time window, MFA). In every statement but the
 * last the MFA condition fails after the other three were evaluated, so the evaluator does the full work
 * for every statement; the last statement allows. {@code decide} reuses a request context; {@code decideWithFreshContext} also builds
 * the context, as the container glue does per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluatorBenchmark {

    /** A policy document may have at most 6,144 characters, so the statements are spread over documents of 10. */
    private static final int STATEMENTS_PER_DOCUMENT = 10;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    @Param({"1", "10", "100"})
    public int statements;

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Caller caller = new Caller(Caller.PrincipalType.USER, "d-0001", "acme", "u-0001", "alice", true);
    private List<Policy> policies;
    private ConditionContext context;

    @Setup
    public void setUp() {
        List<Policy> documents = new ArrayList<>();
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (int i = 0; i < statements; i++) {
            if (i > 0 && i % STATEMENTS_PER_DOCUMENT == 0) {
                documents.add(document(array, documents.size()));
                array = Json.createArrayBuilder();
            }
            boolean last = i == statements - 1;
            array.add(Json.createObjectBuilder()
                    .add("Sid", "S" + i)
                    .add("Effect", last ? "Allow" : (i % 3 == 0 ? "Deny" : "Allow"))
                    .add("Action", Json.createArrayBuilder().add("coc:ticket:op" + i).add("coc:ticket:download*"))
                    .add("Condition", Json.createObjectBuilder()
                            .add("StringEquals", Json.createObjectBuilder().add("coc:TicketType", "incident"))
                            .add("IpAddress", Json.createObjectBuilder()
                                    .add("g:SourceIp", Json.createArrayBuilder().add("203.0.113.0/24").add("2001:db8::/32")))
                            .add("DateLessThan", Json.createObjectBuilder().add("g:CurrentTime", "2027-01-01"))
                            .add("Bool", Json.createObjectBuilder().add("g:MFAPresent", last))));
        }
        documents.add(document(array, documents.size()));
        policies = List.copyOf(documents);
        context = ConditionContext.forRequest(caller, CLOCK, "203.0.113.7", "incident");
        Decision decision = decide();
        if (!decision.allowed()) {
            throw new IllegalStateException("benchmark policy must allow: " + decision);
        }
    }

    private static Policy document(JsonArrayBuilder statements, int index) {
        return Policy.parse(Json.createObjectBuilder().add("Version", "5.0").add("Statement", statements).build(),
                "bench[" + index + "]");
    }

    @Benchmark
    public Decision decide() {
        return evaluator.evaluate(caller, "coc:ticket:downloadFile", policies, context);
    }

    @Benchmark
    public Decision decideWithFreshContext() {
        return evaluator.evaluate(caller, "coc:ticket:downloadFile", policies,
                ConditionContext.forRequest(caller, CLOCK, "203.0.113.7", "incident"));
    }
}
