package org.opencoc.attachment.it.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.process.S3ProxyProcess;

/**
 * The load-balancer setup of {@code docs/scale-out.md}, run for real: nginx (Debian {@code nginx-light})
 * on loopback in front of two instances on one S3 bucket, with request and response buffering off so
 * uploads and downloads stream through. A missing nginx fails the test with how to install it.
 */
class NginxUpstreamIT {

    private static final Logger LOG = Logger.getLogger(NginxUpstreamIT.class.getName());
    private static final Duration NGINX_START = Duration.ofSeconds(20);
    private static final int MAX_UPLOAD = 10 * 1024 * 1024;

    private static Path work;
    private static S3ProxyProcess s3;
    private static PayaraMicroProcess a;
    private static PayaraMicroProcess b;
    private static Path nginxDirectory;
    private static Process nginx;
    private static Service viaNginx;

    @BeforeAll
    static void startStoreInstancesAndNginx() throws IOException {
        String nginxBinary = requireNginx();
        work = Cluster.workDirectory("NginxUpstreamIT");
        s3 = Cluster.s3Proxy(work).start();
        a = Cluster.instance(work, "instance-a", s3);
        b = Cluster.instance(work, "instance-b", s3);
        PayaraMicroProcess.startAll(List.of(a, b));
        int port = freePort();
        nginxDirectory = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(nginxDirectory.resolve("logs"));
        Files.createDirectories(nginxDirectory.resolve("tmp"));
        Files.writeString(nginxDirectory.resolve("nginx.conf"), config(port), StandardCharsets.UTF_8);
        nginx = new ProcessBuilder(nginxBinary, "-p", nginxDirectory.toString(), "-c", "nginx.conf", "-g", "daemon off;")
                .directory(nginxDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(nginxDirectory.resolve("logs/stdout.log").toFile())
                .start();
        viaNginx = client(port);
        Duration ready = Cluster.await("readiness through nginx on port " + port, NGINX_START,
                () -> nginx.isAlive() && Cluster.readiness(viaNginx) == 200);
        LOG.info(() -> "nginx on 127.0.0.1:" + port + " in front of " + a.baseUri() + " and " + b.baseUri()
                + " answered readiness after " + ready.toMillis() + " ms");
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (nginx != null) {
            nginx.descendants().forEach(ProcessHandle::destroy);
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.descendants().forEach(ProcessHandle::destroyForcibly);
                nginx.destroyForcibly();
            }
        }
        Cluster.closeAll(a, b, s3);
        Cluster.removeRuntimeCopies(work);
    }

    @Test
    void uploadThroughNginxDownloadsByteExactThroughNginx() {
        String token = viaNginx.accountToken("domain-nginx");
        byte[] content = Samples.text(7, 3 * 1024 * 1024);
        String docId = viaNginx.uploadOk(token, "through-nginx.txt", content);

        HttpResponse<byte[]> download = viaNginx.download(token, docId);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void largestAllowedUploadPassesNginx() {
        String token = viaNginx.accountToken("domain-nginx");
        byte[] content = Samples.text(8, MAX_UPLOAD);

        HttpResponse<byte[]> upload = viaNginx.upload(token, "largest.txt", content);

        assertThat(upload.statusCode()).as("body %s", new String(upload.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    @Test
    void uploadsThroughNginxAreSpreadOverBothInstances() throws IOException {
        String token = viaNginx.accountToken("domain-nginx");
        for (int i = 0; i < 6; i++) {
            viaNginx.uploadOk(token, "spread-" + i + ".txt", Samples.text(100 + i, 4096));
        }

        List<String> uploadLines = Files.readAllLines(nginxDirectory.resolve("logs/access.log"), StandardCharsets.UTF_8)
                .stream().filter(line -> line.contains("\"POST /v1/incident/attachments")).toList();

        assertThat(uploadLines)
                .anySatisfy(line -> assertThat(line).contains("upstream=127.0.0.1:" + a.port()))
                .anySatisfy(line -> assertThat(line).contains("upstream=127.0.0.1:" + b.port()));
    }

    private static String config(int port) {
        return """
                worker_processes 1;
                pid nginx.pid;
                error_log logs/error.log warn;
                events { worker_connections 256; }
                http {
                    log_format upstream '$remote_addr "$request" $status $body_bytes_sent upstream=$upstream_addr $request_time';
                    access_log logs/access.log upstream;
                    client_body_temp_path tmp/client_body;
                    proxy_temp_path tmp/proxy;
                    upstream coc_attachments {
                        server 127.0.0.1:%d max_fails=1 fail_timeout=5s;
                        server 127.0.0.1:%d max_fails=1 fail_timeout=5s;
                        keepalive 16;
                    }
                    server {
                        listen 127.0.0.1:%d;
                        client_max_body_size 11m;
                        proxy_request_buffering off;
                        proxy_buffering off;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        large_client_header_buffers 4 64k;
                        proxy_read_timeout 120s;
                        proxy_send_timeout 120s;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        location / {
                            proxy_pass http://coc_attachments;
                        }
                    }
                }
                """.formatted(a.port(), b.port(), port);
    }

    /** The nginx binary on PATH or in /usr/sbin; fails the test with how to install it. */
    private static String requireNginx() {
        String path = System.getenv().getOrDefault("PATH", "");
        Stream<String> directories = Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/sbin"));
        return directories.filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "nginx"))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .map(Path::toString)
                .findFirst()
                .orElseGet(() -> fail("nginx is not installed (not on PATH " + path + " nor in /usr/sbin). "
                        + "bin/test installs it; by hand: apt-get install nginx-light (Debian)."));
    }

    private static Service client(int port) {
        try {
            return new Service(URI.create("http://127.0.0.1:" + port + "/").toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
