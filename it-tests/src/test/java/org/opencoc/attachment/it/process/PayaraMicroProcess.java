package org.opencoc.attachment.it.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Payara Micro instance running the built WAR at context root {@code /} on a loopback port, started
 * by {@code bin/payara-micro} (the launch command of {@code bin/run} and the benchmark: the project's
 * {@code etc/jvm.options}, pre-boot commands and HTTP-layer hook, no cluster, no phone home). The
 * launcher execs the JVM, so {@link #pid()} is the server's own and {@link #kill()} and {@link #stop()}
 * signal Payara Micro itself. Everything it writes stays under its work directory:
 * <pre>
 * &lt;workDirectory&gt;/payara-root/   --rootdir (domain configuration, unpacked runtime)
 * &lt;workDirectory&gt;/tmp/           java.io.tmpdir (so the S3 staging default is private too)
 * &lt;workDirectory&gt;/payara.log     standard output and error, appended on every start
 * </pre>
 * The port is picked once, at {@link Builder#build()}, so {@link #kill()} or {@link #stop()} then
 * {@link #start()} brings the instance back on the same address with the same directories. The
 * {@code payara-root} is emptied at every start: Payara Micro would otherwise first redeploy the
 * application it remembers from the last run and then deploy {@code --deploy} again, answering 404 for a
 * while after readiness said 200.
 *
 * <pre>{@code
 * try (PayaraMicroProcess server = PayaraMicroProcess.builder(Path.of("target/instance-a"))
 *         .systemProperty("coc.storage.type", "s3")
 *         .build()
 *         .start()) {
 *     URI base = server.baseUri(); // http://127.0.0.1:<port>/
 * }
 * }</pre>
 */
public final class PayaraMicroProcess implements AutoCloseable {

    /** How long {@link #start()} waits for readiness (a cold start on a small, busy machine). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** How long {@link #stop()} waits for a graceful shutdown before it kills. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final String DEFAULT_HEAP = "256m";

    private final ServerProcess process;
    private final int port;
    private final String heap;
    private final String logProperties;
    private final Map<String, String> systemProperties;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(PROBE_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Duration startupDuration;

    private PayaraMicroProcess(Builder builder) {
        this.port = ServerProcess.freeLoopbackPort();
        this.process = new ServerProcess("Payara Micro on " + baseUri(), builder.workDirectory, "payara.log");
        this.heap = builder.heap;
        this.logProperties = builder.logProperties;
        this.systemProperties = Map.copyOf(builder.systemProperties);
    }

    /**
     * A builder for an instance writing under {@code workDirectory}, with the WAR and Payara Micro that
     * the build copied to {@code it.deps}, 256 MiB of heap (as {@code bin/run}) and the text log of
     * {@code etc/logging.properties}.
     */
    public static Builder builder(Path workDirectory) {
        return new Builder(workDirectory);
    }

    /**
     * Starts the instance (or does nothing if it runs) and returns once {@code GET /health/ready} answers
     * 200, recording {@link #startupDuration()}.
     *
     * @throws IllegalStateException when the process exits during start-up, or is not ready within 180 s
     *                               (it is then killed); the message carries the log's tail
     */
    public PayaraMicroProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Starts every instance at once and waits for all of them, which is faster than one after the other.
     * If one fails, all are killed and the first failure is thrown.
     */
    public static void startAll(List<PayaraMicroProcess> instances) {
        try {
            instances.forEach(PayaraMicroProcess::launch);
            instances.forEach(PayaraMicroProcess::awaitReady);
        } catch (RuntimeException e) {
            instances.forEach(PayaraMicroProcess::kill);
            throw e;
        }
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would, and waits until it is gone; requests in flight
     * see their connection reset. Does nothing if not running.
     */
    public void kill() {
        process.kill();
    }

    /**
     * Stops the server gracefully (SIGTERM, so Payara Micro runs its shutdown), waits up to 30 s, then
     * kills it. Does nothing if not running.
     */
    public void stop() {
        process.stop(STOP_TIMEOUT);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the server process is alive. */
    public boolean isRunning() {
        return process.isRunning();
    }

    /** The server JVM's process id while running. */
    public Optional<Long> pid() {
        return process.pid();
    }

    /** The base URI of the service, with a trailing slash: {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The loopback HTTP port, the same for every start of this instance. */
    public int port() {
        return port;
    }

    /**
     * The time from the last process start to its first successful readiness request, as measured by
     * {@link #start()}; empty before that. Precise to the poll interval (50 ms).
     */
    public synchronized Optional<Duration> startupDuration() {
        return Optional.ofNullable(startupDuration);
    }

    /** The directory everything of this instance lives under. */
    public Path workDirectory() {
        return process.workDirectory();
    }

    /** The server's standard output and error, appended on every start. */
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public String toString() {
        return "Payara Micro on " + baseUri() + " (" + workDirectory() + ")";
    }

    /** The command line of {@code bin/payara-micro} for this instance. */
    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                ServerProcess.builtFile("it.bin", "payara-micro").toString(),
                "--war", ServerProcess.builtFile("it.deps", "coc-attachments.war").toString(),
                "--port", Integer.toString(port),
                "--heap", heap,
                "--rootdir", workDirectory().resolve("payara-root").toString(),
                "--tmpdir", workDirectory().resolve("tmp").toString(),
                "--logproperties", ServerProcess.builtFile("it.etc", logProperties).toString()));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        return command;
    }

    private void launch() {
        List<String> command = command();
        synchronized (this) {
            if (process.isRunning()) {
                return;
            }
            // Payara Micro redeploys what a kept root directory remembers and then deploys --deploy again,
            // answering 404 in between: every start begins with an empty root, as the first one did
            deleteTree(workDirectory().resolve("payara-root"));
            startupDuration = null;
            // the launcher runs the JVM of this test run, whatever java is first on PATH
            process.launch(command, Map.of("JAVA_HOME", System.getProperty("java.home")));
        }
    }

    private void awaitReady() {
        synchronized (this) {
            if (startupDuration != null) {
                return; // ready since this launch
            }
        }
        HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve("health/ready")).timeout(PROBE_TIMEOUT).GET().build();
        Duration took = process.awaitReady(() -> {
            int status = readinessStatus(probe);
            return status == 200 ? null : status < 0 ? "no HTTP answer" : "readiness answered " + status;
        }, START_TIMEOUT);
        synchronized (this) {
            startupDuration = took;
        }
    }

    /** The readiness status, or -1 when nothing answers (yet). */
    private int readinessStatus(HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + root, e);
        }
    }

    /** Configures a {@link PayaraMicroProcess}; every setter returns the builder. */
    public static final class Builder {

        private final Path workDirectory;
        private String heap = DEFAULT_HEAP;
        private String logProperties = "logging.properties";
        private final Map<String, String> systemProperties = new LinkedHashMap<>();

        private Builder(Path workDirectory) {
            this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        }

        /** The maximum heap, as {@code -Xmx} takes it; default {@code 256m}. */
        public Builder heap(String size) {
            this.heap = Objects.requireNonNull(size, "size");
            return this;
        }

        /** A system property ({@code -Dkey=value}); {@code java.io.tmpdir} is {@code <work>/tmp}. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The log as one JSON object per line ({@code etc/logging-json.properties}) instead of text. */
        public Builder jsonLog() {
            this.logProperties = "logging-json.properties";
            return this;
        }

        /** The instance, not started, on a free loopback port. */
        public PayaraMicroProcess build() {
            return new PayaraMicroProcess(this);
        }
    }
}
