package org.opencoc.attachment.it.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The life of one server process that a test starts on loopback, shared by {@link PayaraMicroProcess}
 * and {@link S3ProxyProcess}: it runs a command in a work directory, appends its standard output and
 * error to one log file (with a {@code === start:} line per start), waits until a readiness probe says
 * yes, and stops it gracefully (SIGTERM, then SIGKILL after a grace period) or kills it (SIGKILL), each
 * time with the process's descendants. A shutdown hook kills the process if the test JVM exits while it
 * runs. The same instance may be started again after a stop or a kill.
 *
 * <p>Thread-safe: {@link #kill()} may be called from any thread while another waits for readiness.
 */
final class ServerProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 60;

    private final String name;
    private final Path workDirectory;
    private final Path logFile;

    private Process process;
    private long launchedAtNanos;
    private Thread shutdownHook;

    /** A process named {@code name} (for messages), writing {@code logFileName} under {@code workDirectory}. */
    ServerProcess(String name, Path workDirectory, String logFileName) {
        this.name = name;
        this.workDirectory = workDirectory.toAbsolutePath();
        this.logFile = this.workDirectory.resolve(logFileName);
    }

    /** A loopback port that is free now (the caller keeps it for every start of its server). */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /**
     * A file the build prepared, named by the system property {@code property} (failsafe sets it from
     * {@code it-tests/pom.xml}) and {@code more}; fails when it is not there.
     */
    static Path builtFile(String property, String... more) {
        String directory = System.getProperty(property);
        if (directory == null) {
            throw new IllegalStateException("System property " + property + " is not set (failsafe sets it; see it-tests/pom.xml)");
        }
        Path file = Path.of(directory, more).toAbsolutePath();
        if (!Files.exists(file)) {
            throw new IllegalStateException("No " + file + " (build first: mvn -B package -DskipTests)");
        }
        return file;
    }

    /**
     * Starts {@code command} with {@code environment} added to the test JVM's, unless the process runs.
     *
     * @return whether it started a process
     */
    synchronized boolean launch(List<String> command, Map<String, String> environment) {
        if (isRunning()) {
            return false;
        }
        try {
            Files.createDirectories(workDirectory);
            Files.writeString(logFile, System.lineSeparator() + "=== start: " + String.join(" ", maskSecrets(command))
                            + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            launchedAtNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> destroyForcibly(started), name + " shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        return true;
    }

    /**
     * Polls {@code probe} every 50 ms until it answers {@code null} (ready) and returns the time since the
     * last launch. The probe otherwise says what it saw ("no HTTP answer"), for the failure message.
     *
     * @throws IllegalStateException when the process exits first, or is not ready within {@code timeout}
     *                               after its launch (it is then killed); the message carries the log's tail
     */
    Duration awaitReady(Supplier<String> probe, Duration timeout) {
        Process started;
        long launched;
        synchronized (this) {
            if (process == null) {
                throw new IllegalStateException(name + " was not started");
            }
            started = process;
            launched = launchedAtNanos;
        }
        long deadline = launched + timeout.toNanos();
        while (true) {
            String notReady = probe.get();
            if (notReady == null) {
                return Duration.ofNanos(System.nanoTime() - launched);
            }
            if (!started.isAlive()) {
                int exit = started.exitValue();
                kill();
                throw failure(name + " exited with " + exit + " during start-up");
            }
            if (System.nanoTime() - deadline > 0) {
                kill();
                throw failure(name + " was not ready within " + timeout + " (" + notReady + ")");
            }
            try {
                // the pause between polls doubles as the exit check
                started.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("Interrupted while waiting for " + name + " to start", e);
            }
        }
    }

    /** SIGTERM to the process and its descendants, up to {@code grace} to exit, then SIGKILL. */
    synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        Process running = process;
        running.descendants().forEach(ProcessHandle::destroy);
        running.destroy();
        try {
            if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyForcibly(running);
            }
        } catch (InterruptedException e) {
            destroyForcibly(running);
            Thread.currentThread().interrupt();
        }
        forget();
    }

    /** SIGKILL to the process and its descendants, as a crash would, and waits until it is gone. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        destroyForcibly(process);
        forget();
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    Path workDirectory() {
        return workDirectory;
    }

    Path logFile() {
        return logFile;
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + "; the end of " + logFile + ":" + System.lineSeparator()
                + logTail(LOG_TAIL_LINES));
    }

    /** The last {@code lines} lines of the log; empty if there is none yet. */
    private String logTail(int lines) {
        if (!Files.isRegularFile(logFile)) {
            return "";
        }
        Deque<String> tail = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.ISO_8859_1)) {
            all.forEach(line -> {
                if (tail.size() == lines) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), tail);
    }

    /** The command for the log: values of {@code -D} options whose name says secret or password are hidden. */
    private static List<String> maskSecrets(List<String> command) {
        return command.stream().map(argument -> {
            int equals = argument.indexOf('=');
            String key = equals < 0 ? "" : argument.substring(0, equals).toLowerCase(Locale.ROOT);
            return argument.startsWith("-D") && (key.contains("secret") || key.contains("password"))
                    ? argument.substring(0, equals + 1) + "***" : argument;
        }).toList();
    }

    private void forget() {
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway, harmlessly
        }
        shutdownHook = null;
    }

    private static void destroyForcibly(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL for " + KILL_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
