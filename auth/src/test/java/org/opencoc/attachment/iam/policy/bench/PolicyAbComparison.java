package org.opencoc.attachment.iam.policy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Compares two builds of the policy engine in one JVM, for a shared machine where wall-clock benchmarks of
 * separate runs scatter too much to compare: each build gets its own class loader, the two run the
 * {@link PolicyEvaluatorBenchmark} decisions in alternating rounds, and each round is timed in CPU time of the
 * running thread (time the thread is preempted does not count). Prints the median CPU nanoseconds per
 * decision of each build and their ratio. Started by {@code bench/policy-ab.sh}; JDK classes only, so that it
 * can run from a class path holding nothing else.
 *
 * <p>Arguments: dependency class path, benchmark classes directory, "before" engine classes, "after" engine
 * classes, rounds, and {@code fresh} to time {@code decideWithFreshContext} instead of {@code decide}.
 */
public final class PolicyAbComparison {

    /** By name: the class must be loaded by each build's loader, never by this class's own. */
    private static final String LOOP = "org.opencoc.attachment.iam.policy.bench.DecisionLoop";

    private PolicyAbComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: <dependency class path> <benchmark classes> <before classes>"
                    + " <after classes> <rounds> [fresh]");
        }
        ClassLoader dependencies = new URLClassLoader(urls(args[0].split(java.io.File.pathSeparator)),
                ClassLoader.getPlatformClassLoader());
        int rounds = Integer.parseInt(args[4]);
        boolean fresh = args.length > 5 && "fresh".equals(args[5]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int statements : new int[] {1, 10, 100}) {
            Method[] run = new Method[2];
            Object[] state = new Object[2];
            for (int build = 0; build < 2; build++) {
                ClassLoader loader = new URLClassLoader(urls(args[1], args[2 + build]), dependencies);
                Class<?> loop = loader.loadClass(LOOP);
                state[build] = loop.getMethod("create", int.class).invoke(null, statements);
                run[build] = loop.getMethod("run", Object.class, int.class, boolean.class);
            }
            int calls = Math.max(2_000, 2_000_000 / statements / (fresh ? 10 : 1));
            for (int warmUp = 0; warmUp < 5; warmUp++) {
                for (int build = 0; build < 2; build++) {
                    run[build].invoke(null, state[build], calls, fresh);
                }
            }
            List<List<Double>> nanos = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < 2; turn++) {
                    int build = (round + turn) % 2;
                    long start = threads.getCurrentThreadCpuTime();
                    run[build].invoke(null, state[build], calls, fresh);
                    nanos.get(build).add((threads.getCurrentThreadCpuTime() - start) / (double) calls);
                }
            }
            double before = median(nanos.get(0));
            double after = median(nanos.get(1));
            System.out.printf("%s statements=%d: CPU ns per decision, before %.0f, after %.0f, after/before %.2f"
                            + " (median of %d rounds of %d calls)%n", fresh ? "decideWithFreshContext" : "decide",
                    statements, before, after, after / before, rounds, calls);
        }
    }

    private static URL[] urls(String... paths) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String path : paths) {
            if (!path.isBlank()) {
                urls.add(Path.of(path).toUri().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
