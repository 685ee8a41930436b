package org.opencoc.attachment.storage;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A second process for the staging tests: opens a {@link StagingArea}, stages one upload, prints
 * {@code staged <path>}, then either halts at once (as kill -9 would leave it: no shutdown hooks, no
 * cleanup) or waits until its standard input closes.
 */
public final class StagingChild {

    private static final String STAGED = "staged ";

    private StagingChild() {
    }

    /** {@code args}: the staging root and {@code halt} or {@code wait}. */
    public static void main(String[] args) throws IOException {
        StagingArea staging = new StagingArea(Path.of(args[0]));
        staging.sweep();
        StagedFile staged = staging.stage(new ByteArrayInputStream(new byte[1000]), 10_000);
        System.out.println(STAGED + staged.content());
        System.out.flush();
        if (args[1].equals("halt")) {
            Runtime.getRuntime().halt(0);
        }
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    /** Starts the child in a new JVM on this test's class path. */
    static Process start(Path stagingRoot, String mode) throws IOException {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StagingChild.class.getName(),
                stagingRoot.toString(), mode))
                .redirectErrorStream(true)
                .start();
    }

    /** Reads the child's output until it names its staged file. */
    static Path awaitStaged(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(STAGED)) {
                return Path.of(line.substring(STAGED.length()));
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("The staging child ended without staging: " + seen);
    }
}
