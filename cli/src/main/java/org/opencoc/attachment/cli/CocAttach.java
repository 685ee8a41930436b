package org.opencoc.attachment.cli;

import java.io.PrintWriter;

import org.opencoc.attachment.client.ClientException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coc-attach}: upload, download and inspect attachments, and simulate IAM decisions.
 *
 * <p>The launcher {@code bin/coc-attach} sets the system property {@value #TERMINAL_PROPERTY} to
 * {@code true} when standard error is a terminal; only then is a progress bar drawn.
 */
@Command(name = "coc-attach", mixinStandardHelpOptions = true, version = "coc-attach 1.0",
        description = "Upload, download and inspect incident attachments; simulate IAM policy decisions.",
        subcommands = {UploadCommand.class, DownloadCommand.class, HeadCommand.class, IamCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (simulate: allowed)",
            "2:usage: unknown option, missing argument",
            "3:auth: 401/403, no or invalid token, denied by policy",
            "4:not found: no such attachment",
            "5:refused: 400/412/413/415/416, or locally with the service's message",
            "6:server: 5xx or storage unavailable after the retries",
            "7:network: cannot connect or connection cut, after the retries",
            "8:integrity: download does not match Repr-Digest, nothing kept",
            "10:simulate: explicit deny",
            "11:simulate: implicit deny"})
public final class CocAttach {

    /** Set to {@code true} by the launcher when standard error is a terminal. */
    public static final String TERMINAL_PROPERTY = "coc.attach.terminal";

    private CocAttach() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The parsed command model writing to {@code out} and {@code err}. Building it is most of the cost
     * of a run in a warm JVM; picocli resets every option before each {@code execute}, so a caller that
     * runs many commands in one JVM (the tests) may keep one per thread.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(CocAttach.class)
                .setOut(out)
                .setErr(err)
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("coc-attach: unexpected failure: " + e);
                    return ExitCode.SOFTWARE;
                });
    }

    static boolean stderrIsTerminal() {
        return Boolean.getBoolean(TERMINAL_PROPERTY);
    }

    /** Prints a failed call as one line on {@code err} and returns its exit status. */
    static int report(ClientException e, PrintWriter err) {
        StringBuilder line = new StringBuilder("coc-attach: ").append(e.getMessage());
        if (e.status() > 0) {
            line.append(" (HTTP ").append(e.status());
            e.envelope().map(envelope -> envelope.errorCode()).ifPresent(code -> line.append(' ').append(code));
            e.requestId().ifPresent(id -> line.append(", request id ").append(id));
            line.append(')');
        }
        err.println(line);
        return ExitCode.of(e.kind());
    }
}
