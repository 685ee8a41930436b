package org.opencoc.attachment.it.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.opencoc.attachment.it.Service;
import org.opencoc.attachment.it.process.PayaraMicroProcess;

/**
 * One Payara Micro process for fault scenarios: the built WAR with the project's pre-boot commands and
 * JVM options, {@code -Xmx256m}, the filesystem store under its own directory in {@code target/fault},
 * and the test key set. Also reads what a test needs from outside the process: the live heap after a
 * full GC ({@code jcmd}), {@code OutOfMemoryError}s in its log, and readiness with its data.
 */
final class FaultServer implements AutoCloseable {

    /** The heap every fault scenario runs with, as in the measurements. */
    static final String HEAP = "256m";

    private static final Pattern USED_HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final PayaraMicroProcess process;
    private final Path dataRoot;
    private Service service;

    private FaultServer(PayaraMicroProcess process, Path dataRoot) {
        this.process = process;
        this.dataRoot = dataRoot;
    }

    /**
     * Starts an instance named {@code name} (its directory {@code target/fault/<name>}, emptied first)
     * with the extra system properties given as {@code key, value, key, value ...}.
     */
    static FaultServer start(String name, String... properties) {
        Path home = Path.of(System.getProperty("java.io.tmpdir")).resolveSibling("fault").resolve(name);
        deleteTree(home);
        Path data = home.resolve("data");
        PayaraMicroProcess.Builder builder = PayaraMicroProcess.builder(home)
                .heap(HEAP)
                .systemProperty("mp.jwt.verify.publickey.location",
                        "file:" + Path.of(System.getProperty("it.keys"), "jwks-public.json").toAbsolutePath())
                .systemProperty("coc.storage.filesystem.root", data.toString());
        for (int i = 0; i + 1 < properties.length; i += 2) {
            builder.systemProperty(properties[i], properties[i + 1]);
        }
        FaultServer server = new FaultServer(builder.build(), data);
        server.process.start();
        try {
            server.service = new Service(server.process.baseUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    Service service() {
        return service;
    }

    URI base() {
        return process.baseUri();
    }

    PayaraMicroProcess process() {
        return process;
    }

    /** The filesystem store's root directory. */
    Path dataRoot() {
        return dataRoot;
    }

    /** The published attachments in the store: one {@code metadata.json} each. */
    long publishedAttachments() {
        Path attachments = dataRoot.resolve("attachments");
        if (!Files.isDirectory(attachments)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(attachments)) {
            return files.filter(path -> path.getFileName().toString().equals("metadata.json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live heap in MiB right after a full GC, measured with {@code jcmd} from outside. */
    long heapAfterGcMiB() {
        long pid = process.pid().orElseThrow();
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = USED_HEAP.matcher(info);
        if (!used.find()) {
            throw new AssertionError("no heap figures in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(2)) / 1024;
    }

    /** How many times {@code OutOfMemoryError} appears in the server's log. */
    long outOfMemoryErrors() {
        try (Stream<String> lines = Files.lines(process.logFile(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains("OutOfMemoryError")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to {@code GET /health/<which>}, empty when nothing answers. */
    Optional<HttpResponse<byte[]>> health(String which) {
        try {
            return Optional.of(service.send(HttpRequest.newBuilder(base().resolve("health/" + which))
                    .timeout(Duration.ofSeconds(5)).GET().build()));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The transfers in flight that readiness reports, -1 when it cannot be read. */
    int transfersInFlight() {
        return health("ready").map(response -> {
            JsonObject check = Service.json(response).getJsonArray("checks").getJsonObject(0);
            return Integer.parseInt(check.getJsonObject("data").getString("transfers-in-flight"));
        }).orElse(-1);
    }

    @Override
    public void close() {
        process.close();
        deleteTree(process.workDirectory().resolve("payara-root"));
    }

    /** Polls {@code condition} every 100 ms until it holds; false if {@code timeout} passes first. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return true;
    }

    /** An integer system property, for round counts and durations. */
    static int intProperty(String key, int defaultValue) {
        return Integer.getInteger(key, defaultValue);
    }

    /** Prints a line of figures to the test output and appends it to {@code target/fault-figures.txt}. */
    static void figures(String scenario, String line) {
        String text = Instant.now() + " " + scenario + ": " + line;
        System.out.println(text);
        Path file = Path.of(System.getProperty("java.io.tmpdir")).resolveSibling("fault-figures.txt");
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The median and maximum of {@code millis}, for the printed figures. */
    static String spread(List<Long> millis) {
        if (millis.isEmpty()) {
            return "n/a";
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return "median " + sorted[sorted.length / 2] + " ms, max " + sorted[sorted.length - 1] + " ms (n="
                + sorted.length + ")";
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(Arrays.asList(jcmd.toString(), Long.toString(pid), command));
        try {
            Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
            byte[] out = run.getInputStream().readAllBytes();
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new AssertionError("jcmd " + command + " did not finish");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
