package org.opencoc.attachment.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An S3Proxy server (an S3-compatible store on the local filesystem) run as a separate Java process on
 * a loopback port, for the integration tests, the run script and the benchmark.
 *
 * <p>The server listens on {@code 127.0.0.1} only, checks AWS signatures (V2 or V4) against the
 * throwaway credentials {@link #ACCESS_KEY}/{@link #SECRET_KEY}, and keeps buckets as directories under
 * {@code <workDirectory>/data} (S3Proxy's {@code filesystem} backend). Everything it writes stays under
 * the work directory: {@code s3proxy.properties}, {@code data/} and {@code s3proxy.log} (appended on every
 * start).
 *
 * <p>The port is picked once, at construction; {@link #stop()} then {@link #start()} brings the same
 * server back on the same port with the same data, as an outage test needs. A shutdown hook kills the
 * process if the JVM exits without {@link #close()}.
 *
 * <pre>{@code
 * try (S3ProxyProcess s3 = new S3ProxyProcess(S3ProxyProcess.jarFromItDeps(), Path.of("target/s3proxy")).start()) {
 *     URI endpoint = s3.endpoint(); // path-style, region us-east-1
 * }
 * }</pre>
 */
public final class S3ProxyProcess implements AutoCloseable {

    /** The access key (S3Proxy identity): a fixed throwaway value for local use only. */
    public static final String ACCESS_KEY = "local-test-identity";

    /** The secret key (S3Proxy credential): a fixed throwaway value for local use only. */
    public static final String SECRET_KEY = "local-test-credential-not-a-secret";

    /** How long {@link #start()} waits for the port to answer by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Path jar;
    private final Path workDirectory;
    private final Path dataDirectory;
    private final Path propertiesFile;
    private final Path logFile;
    private final int port;
    private final Duration startTimeout;

    private Process process;
    private Thread shutdownHook;

    /** Prepares a server (not started) with {@link #DEFAULT_START_TIMEOUT}. */
    public S3ProxyProcess(Path jar, Path workDirectory) {
        this(jar, workDirectory, DEFAULT_START_TIMEOUT);
    }

    /**
     * Prepares a server (not started): picks a free loopback port and fixes the directories.
     *
     * @param jar           S3Proxy's {@code jar-with-dependencies}
     * @param workDirectory where the properties, the data and the log go; created if needed
     * @param startTimeout  how long {@link #start()} waits for the port to answer
     */
    public S3ProxyProcess(Path jar, Path workDirectory, Duration startTimeout) {
        this(jar, workDirectory, startTimeout, freeLoopbackPort());
    }

    /**
     * Prepares a server (not started) on a given loopback port, for callers that must tell the port to
     * another process before the server starts (the S3 integration run configures Payara Micro with it).
     */
    public S3ProxyProcess(Path jar, Path workDirectory, Duration startTimeout, int port) {
        this.jar = jar.toAbsolutePath();
        this.workDirectory = workDirectory.toAbsolutePath();
        this.dataDirectory = this.workDirectory.resolve("data");
        this.propertiesFile = this.workDirectory.resolve("s3proxy.properties");
        this.logFile = this.workDirectory.resolve("s3proxy.log");
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        if (!Files.isRegularFile(this.jar)) {
            throw new IllegalArgumentException("No S3Proxy jar at " + this.jar
                    + " (run 'mvn install -DskipTests' once to copy it to it-tests/target/it-deps)");
        }
        this.port = port;
    }

    /**
     * The S3Proxy jar the it-tests build copies: {@code s3proxy.jar} in the directory named by the system
     * property {@code it.deps} (set by failsafe), else {@code it-tests/target/it-deps} under the working
     * directory or its {@code it-tests} sub-directory.
     */
    public static Path jarFromItDeps() {
        String itDeps = System.getProperty("it.deps");
        if (itDeps != null) {
            return Path.of(itDeps, "s3proxy.jar");
        }
        Path local = Path.of("target", "it-deps", "s3proxy.jar");
        return Files.exists(local) ? local : Path.of("it-tests", "target", "it-deps", "s3proxy.jar");
    }

    /**
     * Starts the server (or does nothing if it runs) and returns once its port accepts connections.
     *
     * @throws IllegalStateException when the process exits or the port stays closed for the start
     *                               timeout; the message points to the log
     */
    public synchronized S3ProxyProcess start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDirectory);
            writeProperties();
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(),
                    "--properties", propertiesFile.toString());
            process = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start S3Proxy from " + jar, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> destroy(started), "s3proxy-shutdown-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitPort();
        return this;
    }

    /** Stops the server and its child processes, if running, and waits until they are gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        destroy(process);
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway, harmlessly
        }
        shutdownHook = null;
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would, and waits until it is gone; requests in flight
     * see their connection reset. {@link #start()} brings it back on the same port with the same data.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        shutdownHook = null;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the server process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The base URI for S3 clients, e.g. {@code http://127.0.0.1:41234}; use path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The loopback port, the same for every start of this instance. */
    public int port() {
        return port;
    }

    /** The access key id the server accepts. */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** The secret key the server accepts. */
    public String secretKey() {
        return SECRET_KEY;
    }

    /** The region to sign with. */
    public String region() {
        return "us-east-1";
    }

    /** Where the buckets live: one directory per bucket, one file per object. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's output, appended on every start. */
    public Path logFile() {
        return logFile;
    }

    private void writeProperties() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint().toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        properties.setProperty("jclouds.filesystem.basedir", dataDirectory.toString());
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            properties.store(out, "S3Proxy for local tests; throwaway credentials");
        }
    }

    private void awaitPort() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            if (portAnswers()) {
                return;
            }
            if (!process.isAlive()) {
                int exit = process.exitValue();
                stop();
                throw new IllegalStateException("S3Proxy exited with " + exit + " during start; see " + logFile);
            }
            if (System.nanoTime() - deadline > 0) {
                stop();
                throw new IllegalStateException("S3Proxy did not open port " + port + " within " + startTimeout
                        + "; see " + logFile);
            }
            try {
                // the pause between polls doubles as the exit check
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("Interrupted while waiting for S3Proxy to start", e);
            }
        }
    }

    private boolean portAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
