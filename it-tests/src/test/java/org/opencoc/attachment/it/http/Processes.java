package org.opencoc.attachment.it.http;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client (curl, wget, aria2c, node) as a process with a deadline. A client that is not
 * installed fails the test with a message that says how to get it: these tests prove what real
 * clients do, so a missing one is a failure, never a skip.
 */
public final class Processes {

    /** What a finished process left: its exit code and its whole output. */
    public record Finished(List<String> command, int exitCode, String stdout, String stderr) {
        /** For assertion messages. */
        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private Processes() {
    }

    /** The absolute path of {@code name} on {@code PATH}; fails the test if there is none. */
    public static String require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("The real client '" + name + "' is not installed (not on PATH " + path + "). "
                + "bin/test installs it (Debian: apt-get install curl wget aria2 chromium nodejs npm).");
    }

    /**
     * Runs {@code command} in {@code dir}, waits at most {@code timeout} (then kills it and fails the
     * test), and returns its exit code and output.
     */
    public static Finished run(Path dir, Duration timeout, List<String> command) {
        try {
            Path output = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            Path stdout = Files.createTempFile(output, "stdout-", ".txt");
            Path stderr = Files.createTempFile(output, "stderr-", ".txt");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeout + "; stderr: "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Finished finished = new Finished(command, process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            Files.delete(stdout);
            Files.delete(stderr);
            return finished;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
