package org.opencoc.attachment.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Payara Micro instance running the built WAR at context root {@code /}, as a separate Java process
 * on a loopback port, for the scale-out tests and the benchmark.
 *
 * <p>Each instance is on its own: no cluster membership ({@code --nocluster --nohazelcast}), no phone
 * home, and everything it writes under its work directory:
 * <pre>
 * &lt;workDirectory&gt;/payara-root/   --rootdir (domain configuration, unpacked runtime)
 * &lt;workDirectory&gt;/tmp/           java.io.tmpdir (so the S3 staging default is private too)
 * &lt;workDirectory&gt;/payara.log     standard output and error, appended on every start
 * </pre>
 * The port is fixed at construction (given, or a free loopback port), so {@link #kill()} or
 * {@link #stop()} then {@link #start()} brings the instance back on the same address with the same
 * directories. The {@code payara-root} is emptied at every start: Payara Micro would otherwise first
 * redeploy the application it remembers from the last run and then deploy {@code --deploy} again,
 * answering 404 for a while after readiness said 200. {@link #start()} returns once {@code GET /health/ready} answers 200, and
 * {@link #startupDuration()} tells how long that took from the process start. A shutdown hook kills
 * the process if the JVM exits without {@link #close()}.
 *
 * <pre>{@code
 * try (PayaraMicroProcess server = PayaraMicroProcess.builder(Path.of("target/instance-a"))
 *         .systemProperty("coc.storage.type", "s3")
 *         .jvmOption("-Xmx256m")
 *         .build()
 *         .start()) {
 *     URI base = server.baseUri(); // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>Thread-safe: the lifecycle methods are synchronized; {@link #kill()} may be called from any thread
 * while requests are in flight.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    /** How long {@link #start()} waits for readiness by default (a cold start on a small machine). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    /** How long {@link #stop()} waits for a graceful shutdown before it kills. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 60;
    /** The HTTP-layer hook that {@code etc/payara-preboot.asadmin} names, next to the WAR (it-deps). */
    private static final String GRIZZLY_HOOK_JAR = "coc-attachments-grizzly.jar";

    private final Path payaraJar;
    private final Path war;
    private final Path workDirectory;
    private final Path logFile;
    private final int port;
    private final Path prebootCommandFile;
    private final Path logProperties;
    private final Map<String, String> systemProperties;
    private final List<String> jvmOptions;
    private final List<String> microOptions;
    private final Map<String, String> environment;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(PROBE_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Process process;
    private long launchedAtNanos;
    private Thread shutdownHook;
    private Duration startupDuration;

    private PayaraMicroProcess(Builder builder) {
        this.payaraJar = requireFile(builder.payaraJar, "Payara Micro jar");
        this.war = requireFile(builder.war, "WAR");
        this.prebootCommandFile = builder.prebootCommandFile == null ? null
                : requireFile(builder.prebootCommandFile, "pre-boot command file");
        this.logProperties = builder.logProperties == null ? null
                : requireFile(builder.logProperties, "logging properties");
        this.workDirectory = builder.workDirectory.toAbsolutePath();
        this.logFile = workDirectory.resolve("payara.log");
        this.port = builder.port == 0 ? freeLoopbackPort() : builder.port;
        this.systemProperties = Map.copyOf(builder.systemProperties);
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.microOptions = List.copyOf(builder.microOptions);
        this.environment = Map.copyOf(builder.environment);
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
    }

    /**
     * A builder with the artifacts the it-tests build copies ({@link #payaraJarFromItDeps()},
     * {@link #warFromItDeps()}), the shared pre-boot commands ({@link #prebootFromItEtc()}: loopback
     * bind, 64 KiB request headers), JVM options ({@code etc/jvm.options}) and logging
     * ({@code etc/logging.properties}), writing under
     * {@code workDirectory}.
     */
    public static Builder builder(Path workDirectory) {
        Builder builder = new Builder(payaraJarFromItDeps(), warFromItDeps(), workDirectory)
                .prebootCommandFile(prebootFromItEtc())
                .logProperties(prebootFromItEtc().resolveSibling("logging.properties"));
        jvmOptionsFromEtc(prebootFromItEtc().resolveSibling("jvm.options")).forEach(builder::jvmOption);
        return builder;
    }

    /** The options of the project's {@code etc/jvm.options}: one per line, {@code #} comments skipped. */
    static List<String> jvmOptionsFromEtc(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the JVM options " + file, e);
        }
    }

    /** A builder for any Payara Micro jar and WAR, without pre-boot commands unless set. */
    public static Builder builder(Path payaraJar, Path war, Path workDirectory) {
        return new Builder(payaraJar, war, workDirectory);
    }

    /** {@code payara-micro.jar} in {@link #itDeps()}. */
    public static Path payaraJarFromItDeps() {
        return itDeps().resolve("payara-micro.jar");
    }

    /** {@code coc-attachments.war} in {@link #itDeps()}. */
    public static Path warFromItDeps() {
        return itDeps().resolve("coc-attachments.war");
    }

    /**
     * The directory the it-tests build copies the server, the WAR and S3Proxy to: the system property
     * {@code it.deps} (set by failsafe), else {@code target/it-deps} or {@code it-tests/target/it-deps}
     * under the working directory.
     */
    public static Path itDeps() {
        String itDeps = System.getProperty("it.deps");
        if (itDeps != null) {
            return Path.of(itDeps);
        }
        Path local = Path.of("target", "it-deps");
        return Files.isDirectory(local) ? local : Path.of("it-tests", "target", "it-deps");
    }

    /**
     * {@code payara-preboot.asadmin} in the project's {@code etc/}: the system property {@code it.etc}
     * (set by failsafe), else {@code ../etc} or {@code etc} under the working directory.
     */
    public static Path prebootFromItEtc() {
        String itEtc = System.getProperty("it.etc");
        if (itEtc != null) {
            return Path.of(itEtc, "payara-preboot.asadmin");
        }
        Path parent = Path.of("..", "etc", "payara-preboot.asadmin");
        return Files.isRegularFile(parent) ? parent : Path.of("etc", "payara-preboot.asadmin");
    }

    /**
     * Starts the instance (or does nothing if it runs) and returns once {@code /health/ready} answers
     * 200, recording {@link #startupDuration()}.
     *
     * @throws IllegalStateException when the process exits during start-up, or is not ready within the
     *                               start timeout (it is then killed); the message carries the log tail
     */
    public PayaraMicroProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Starts every instance at once and waits for all of them, which is faster than starting them one
     * after the other. If one fails, all are killed and the first failure is thrown.
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
     * Kills the process at once (SIGKILL: {@link Process#destroyForcibly()} on its descendants and on
     * itself), as a crash would, and waits until it is gone. Requests in flight see their connection
     * reset. Does nothing if not running.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        destroyForcibly(process);
        forget();
    }

    /**
     * Stops the process gracefully (SIGTERM, so Payara Micro runs its shutdown), waits up to the stop
     * timeout, then kills it. Does nothing if not running.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        running.descendants().forEach(ProcessHandle::destroy);
        running.destroy();
        try {
            if (!running.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyForcibly(running);
            }
        } catch (InterruptedException e) {
            destroyForcibly(running);
            Thread.currentThread().interrupt();
        }
        forget();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id while running. */
    public synchronized Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
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
     * The time from the last process start to its first successful request (readiness 200), as measured
     * by {@link #start()}; empty before that request succeeded. Precise to the poll interval (50 ms).
     */
    public synchronized Optional<Duration> startupDuration() {
        return Optional.ofNullable(startupDuration);
    }

    /** The directory everything of this instance lives under. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** The server's standard output and error, appended on every start. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the log, for failure messages; empty if there is no log yet. */
    public String logTail(int lines) {
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

    /** The command line {@link #start()} runs. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("java.io.tmpdir", workDirectory.resolve("tmp").toString());
        properties.putAll(systemProperties);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", payaraJar.toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", Integer.toString(port),
                "--addlibs", war.resolveSibling(GRIZZLY_HOOK_JAR).toString(),
                "--nocluster", "--nohazelcast", "--disablephonehome",
                "--rootdir", workDirectory.resolve("payara-root").toString()));
        if (prebootCommandFile != null) {
            command.addAll(List.of("--prebootcommandfile", prebootCommandFile.toString()));
        }
        if (logProperties != null) {
            command.addAll(List.of("--logproperties", logProperties.toString()));
        }
        command.addAll(microOptions);
        return command;
    }

    @Override
    public String toString() {
        return "Payara Micro on " + baseUri() + " (" + workDirectory + ")";
    }

    private synchronized void launch() {
        if (isRunning()) {
            return;
        }
        try {
            // Payara Micro redeploys what a kept root directory remembers and then deploys --deploy again,
            // answering 404 in between: every start begins with an empty root, as the first one did
            deleteTree(workDirectory.resolve("payara-root"));
            Files.createDirectories(workDirectory.resolve("tmp"));
            Files.writeString(logFile, System.lineSeparator() + "=== start: " + String.join(" ", maskSecrets(command()))
                    + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            startupDuration = null;
            launchedAtNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Payara Micro from " + payaraJar, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> destroyForcibly(started), "payara-micro-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void awaitReady() {
        Process started;
        long launched;
        synchronized (this) {
            if (process == null) {
                throw new IllegalStateException(this + " was not started");
            }
            if (startupDuration != null) {
                return; // ready since this launch
            }
            started = process;
            launched = launchedAtNanos;
        }
        long deadline = launched + startTimeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve("health/ready")).timeout(PROBE_TIMEOUT).GET().build();
        int lastStatus = -1;
        while (true) {
            lastStatus = readinessStatus(probe);
            if (lastStatus == 200) {
                synchronized (this) {
                    startupDuration = Duration.ofNanos(System.nanoTime() - launched);
                }
                return;
            }
            if (!started.isAlive()) {
                int exit = started.exitValue();
                kill();
                throw new IllegalStateException(this + " exited with " + exit + " during start-up; the end of "
                        + logFile + ":" + System.lineSeparator() + logTail(LOG_TAIL_LINES));
            }
            if (System.nanoTime() - deadline > 0) {
                kill();
                throw new IllegalStateException(this + " was not ready within " + startTimeout
                        + (lastStatus < 0 ? " (no HTTP answer)" : " (readiness answered " + lastStatus + ")")
                        + "; the end of " + logFile + ":" + System.lineSeparator() + logTail(LOG_TAIL_LINES));
            }
            try {
                // the pause between polls doubles as the exit check
                started.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("Interrupted while waiting for " + this + " to start", e);
            }
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

    /** The command for the log: values of system properties whose name says secret or password are hidden. */
    private static List<String> maskSecrets(List<String> command) {
        return command.stream().map(argument -> {
            int equals = argument.indexOf('=');
            String name = equals < 0 ? "" : argument.substring(0, equals).toLowerCase(Locale.ROOT);
            return argument.startsWith("-D") && (name.contains("secret") || name.contains("password"))
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

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path requireFile(Path file, String what) {
        Path absolute = Objects.requireNonNull(file, what).toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("No " + what + " at " + absolute
                    + " (run 'mvn install -DskipTests' once to build it into it-tests/target/it-deps)");
        }
        return absolute;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** Configures a {@link PayaraMicroProcess}; every setter returns the builder. */
    public static final class Builder {

        private final Path payaraJar;
        private final Path war;
        private final Path workDirectory;
        private Path prebootCommandFile;
        private Path logProperties;
        private int port;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> microOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

        private Builder(Path payaraJar, Path war, Path workDirectory) {
            this.payaraJar = Objects.requireNonNull(payaraJar, "payaraJar");
            this.war = Objects.requireNonNull(war, "war");
            this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        }

        /** The loopback port; default 0, a free port picked at {@link #build()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** A system property ({@code -Dkey=value}); {@code java.io.tmpdir} defaults to {@code <work>/tmp}. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several system properties, in map order. */
        public Builder systemProperties(Map<String, String> properties) {
            properties.forEach(this::systemProperty);
            return this;
        }

        /** A JVM option placed before {@code -jar}, e.g. {@code -Xmx256m}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** A further Payara Micro option placed after the standard ones. */
        public Builder microOption(String option) {
            microOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** An environment variable of the process (MicroProfile Config reads e.g. {@code COC_STORAGE_TYPE}). */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The asadmin commands run before boot; none when {@code null}. */
        public Builder prebootCommandFile(Path file) {
            this.prebootCommandFile = file;
            return this;
        }

        /**
         * The {@code java.util.logging} configuration ({@code --logproperties}); {@link #builder(Path)}
         * sets {@code etc/logging.properties} (human format, no ANSI colours), {@code etc/logging-json.properties}
         * gives one JSON object per line; none (Payara's own) when {@code null}.
         */
        public Builder logProperties(Path file) {
            this.logProperties = file;
            return this;
        }

        /** How long {@link PayaraMicroProcess#start()} waits for readiness; default 180 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /** How long {@link PayaraMicroProcess#stop()} waits before it kills; default 30 s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /** The instance, not started; picks the port if none was given. */
        public PayaraMicroProcess build() {
            return new PayaraMicroProcess(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
