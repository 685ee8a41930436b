package org.opencoc.attachment.iam.policy.bench;

/**
 * Runs {@link PolicyEvaluatorBenchmark} in a plain loop, for {@link PolicyAbComparison}, which loads this class
 * once per engine build (so it must not be on the comparison's own class path).
 */
public final class DecisionLoop {

    private DecisionLoop() {
    }

    /** A set-up benchmark state for {@code statements} statements. */
    public static Object create(int statements) {
        PolicyEvaluatorBenchmark benchmark = new PolicyEvaluatorBenchmark();
        benchmark.statements = statements;
        benchmark.setUp();
        return benchmark;
    }

    /** Makes {@code calls} decisions; the returned sum keeps the JIT from dropping them. */
    public static long run(Object state, int calls, boolean freshContext) {
        PolicyEvaluatorBenchmark benchmark = (PolicyEvaluatorBenchmark) state;
        long sink = 0;
        for (int i = 0; i < calls; i++) {
            sink += (freshContext ? benchmark.decideWithFreshContext() : benchmark.decide()).reason().length();
        }
        return sink;
    }
}
