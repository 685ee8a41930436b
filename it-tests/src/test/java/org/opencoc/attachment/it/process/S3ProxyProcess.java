package org.opencoc.attachment.it.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An S3Proxy server (an S3-compatible store on the local filesystem) run as a separate Java process on
 * a loopback port, configured by {@code s3proxy.properties} of the test resources, the file the
 * benchmark starts its S3Proxy with too: it checks AWS signatures (V2 or V4) against the throwaway
 * credentials of that file and keeps buckets as directories under {@code <workDirectory>/data}
 * (S3Proxy's {@code filesystem} backend). The port and the data directory are given as system
 * properties, which S3Proxy lets override the file. The log is {@code <workDirectory>/s3proxy.log},
 * appended on every start.
 *
 * <p>The port is fixed at construction; {@link #stop()} or {@link #kill()} then {@link #start()} brings
 * the same server back on the same port with the same data, as an outage test needs.
 *
 * <pre>{@code
 * try (S3ProxyProcess s3 = new S3ProxyProcess(Path.of("target/s3proxy")).start()) {
 *     URI endpoint = s3.endpoint(); // path-style, region us-east-1
 * }
 * }</pre>
 */
public final class S3ProxyProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Path PROPERTIES = propertiesFile();

    private final ServerProcess process;
    private final int port;
    private final Properties properties = load(PROPERTIES);

    /** Prepares a server (not started) on a free loopback port, writing under {@code workDirectory}. */
    public S3ProxyProcess(Path workDirectory) {
        this(workDirectory, ServerProcess.freeLoopbackPort());
    }

    /**
     * Prepares a server (not started) on a given loopback port, for callers that must tell the port to
     * another process before the server starts (the S3 integration run configures Payara Micro with it).
     */
    public S3ProxyProcess(Path workDirectory, int port) {
        this.port = port;
        this.process = new ServerProcess("S3Proxy on port " + port, workDirectory, "s3proxy.log");
    }

    /**
     * Starts the server (or does nothing if it runs) and returns once its port accepts connections.
     *
     * @throws IllegalStateException when the process exits or the port stays closed for 60 s; the
     *                               message carries the log's tail
     */
    public S3ProxyProcess start() {
        try {
            Files.createDirectories(dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dataDirectory(), e);
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ds3proxy.endpoint=" + endpoint(),
                "-Djclouds.filesystem.basedir=" + dataDirectory(),
                "-jar", ServerProcess.builtFile("it.deps", "s3proxy.jar").toString(),
                "--properties", PROPERTIES.toString());
        if (process.launch(command, Map.of())) {
            process.awaitReady(() -> portAnswers() ? null : "port " + port + " closed", START_TIMEOUT);
        }
        return this;
    }

    /** Stops the server (SIGTERM, SIGKILL after 10 s), if running, and waits until it is gone. */
    public void stop() {
        process.stop(STOP_TIMEOUT);
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would, and waits until it is gone; requests in flight
     * see their connection reset.
     */
    public void kill() {
        process.kill();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
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
        return properties.getProperty("s3proxy.identity");
    }

    /** The secret key the server accepts. */
    public String secretKey() {
        return properties.getProperty("s3proxy.credential");
    }

    /** The region to sign with. */
    public String region() {
        return "us-east-1";
    }

    private Path dataDirectory() {
        return process.workDirectory().resolve("data");
    }

    private boolean portAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code s3proxy.properties} of the test resources, as a file (S3Proxy reads a file). */
    private static Path propertiesFile() {
        URL resource = S3ProxyProcess.class.getResource("/s3proxy.properties");
        if (resource == null || !"file".equals(resource.getProtocol())) {
            throw new IllegalStateException("No s3proxy.properties file on the test class path: " + resource);
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return properties;
    }
}
