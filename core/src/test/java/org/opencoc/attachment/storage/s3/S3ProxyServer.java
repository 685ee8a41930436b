package org.opencoc.attachment.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3Proxy (filesystem backend, AWS V2/V4 signatures checked) inside the test JVM, on a loopback
 * port picked once: {@link #stop()} then {@link #start()} brings the same store back on the same port
 * with the same data, as an outage test needs. Each start builds a fresh server (a stopped Jetty is not
 * meant to be restarted); stopping aborts requests in flight at once.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "local-test-identity";
    static final String SECRET_KEY = "local-test-credential-not-a-secret";
    static final String REGION = "us-east-1";

    private final BlobStore blobs;
    private final int port;
    private S3Proxy server;

    /** Prepares a server (not started) that keeps its buckets as directories under {@code dataDirectory}. */
    S3ProxyServer(Path dataDirectory) {
        try {
            this.blobs = new FilesystemNio2BlobStore(Files.createDirectories(dataDirectory).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = freeLoopbackPort();
    }

    /** Starts the server, if stopped, and returns once it accepts connections. */
    synchronized S3ProxyServer start() {
        if (server == null) {
            S3Proxy started = S3Proxy.builder()
                    .blobStore(blobs)
                    .endpoint(endpoint())
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .stopTimeout(0)
                    .build();
            try {
                started.start();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start on port " + port, e);
            }
            server = started;
        }
        return this;
    }

    /** Stops the server, if running: its port refuses connections until {@link #start()}. */
    synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not stop", e);
            } finally {
                server = null;
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            blobs.close();
        }
    }

    /** A path-style client of this server with its credentials; the caller closes it. */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** The loopback port the server listens on while started. */
    int port() {
        return port;
    }

    /** The base URI for path-style S3 clients, e.g. {@code http://127.0.0.1:41234}. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
