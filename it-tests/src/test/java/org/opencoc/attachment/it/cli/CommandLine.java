package org.opencoc.attachment.it.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/coc-attach} as a process in a working directory, with the endpoint and token in
 * the environment as a user would set them, standard input from {@code /dev/null} and both outputs
 * captured to files (so standard error is not a terminal: no progress bar unless asked).
 */
final class CommandLine {

    /** What one run left. */
    record Run(List<String> args, int exitCode, String stdout, String stderr) {
        String describe() {
            return "coc-attach " + String.join(" ", args) + " exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Runs not yet awaited; killed if the test JVM exits first (a run may sleep through retries). */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "coc-attach-runs"));
    }

    private final Path script;
    private final Path workDirectory;
    private final Map<String, String> environment;

    CommandLine(Path workDirectory, URI endpoint, String token) {
        this(workDirectory, Map.of("COC_ENDPOINT", endpoint.toString(), "COC_TOKEN", token));
    }

    private CommandLine(Path workDirectory, Map<String, String> environment) {
        this.script = Path.of(System.getProperty("it.bin", "../bin"), "coc-attach").toAbsolutePath();
        this.workDirectory = workDirectory;
        this.environment = environment;
    }

    /** The same, with another endpoint (e.g. a proxy). */
    CommandLine endpoint(URI endpoint) {
        return new CommandLine(workDirectory, Map.of("COC_ENDPOINT", endpoint.toString(),
                "COC_TOKEN", environment.getOrDefault("COC_TOKEN", "")));
    }

    /** The same, without a token anywhere. */
    CommandLine anonymous() {
        return new CommandLine(workDirectory, Map.of("COC_ENDPOINT", environment.get("COC_ENDPOINT"), "COC_TOKEN", ""));
    }

    /** Runs to the end. */
    Run run(String... args) {
        Started started = start(args);
        return started.await();
    }

    /** Starts a run and returns at once. */
    Started start(String... args) {
        try {
            Path out = Files.createTempFile(workDirectory, "stdout-", ".txt");
            Path err = Files.createTempFile(workDirectory, "stderr-", ".txt");
            List<String> command = new ArrayList<>(List.of(script.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("COC_TOKEN_FILE");
            builder.environment().put("HOME", workDirectory.toString());
            builder.environment().putAll(environment);
            Process process = builder.start();
            RUNNING.add(process);
            return new Started(List.of(args), process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run in progress. */
    record Started(List<String> args, Process process, Path stdout, Path stderr) {

        /** What it has written to standard error so far. */
        String stderrSoFar() {
            try {
                return Files.readString(stderr, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Run await() {
            try {
                if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("coc-attach " + String.join(" ", args) + " did not finish within "
                            + TIMEOUT + "; stderr: " + stderrSoFar());
                }
                RUNNING.remove(process);
                Run run = new Run(args, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
                Files.delete(stdout);
                Files.delete(stderr);
                return run;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
