package org.opencoc.attachment.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.opencoc.attachment.client.AttachmentClient;
import org.opencoc.attachment.client.ClientException;
import org.opencoc.attachment.client.RemoteAttachment;
import org.opencoc.attachment.client.TransferListener;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code download DOC_ID [-o FILE | -O]}: saves the attachment, resuming a partial download, and
 * prints the path it saved. See {@link AttachmentClient} for resume and verification.
 */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download an attachment, verify its SHA-256 (Repr-Digest) and print the saved path.",
            "Bytes go to FILE.part first (its ETag in FILE.part.etag). Run the same command again after an "
                + "interruption and it continues with Range + If-Range; if the attachment changed meanwhile, it "
                + "starts over instead of splicing. The file appears only when its SHA-256 matches; a mismatch "
                + "keeps nothing (exit 8). A 503 is retried after its Retry-After, a cut connection with backoff. "
                + "A progress bar is drawn on a terminal only."},
        footer = {"%nExamples:", "  coc-attach download 0f8fad5b-d9cb-469f-a165-70867728950e            (server's file name)",
            "  coc-attach download 0f8fad5b-d9cb-469f-a165-70867728950e -o evidence.pdf"})
final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "DOC_ID", description = "The attachment id (a lower-case UUID).")
    String docId;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(names = "-o", paramLabel = "FILE", description = "Save as FILE.")
        Path file;

        @Option(names = "-O", description = "Save under the service's file name in the current directory (the default).")
        boolean remoteName;
    }

    @Option(names = "--progress", negatable = true,
            description = "Draw a progress bar (default: only when standard error is a terminal).")
    Boolean progress;

    @Option(names = "--limit-rate", paramLabel = "BYTES/S", defaultValue = "0",
            description = "At most this many bytes per second, e.g. 1m or 500k (default: unlimited).",
            converter = ByteSize.class)
    long limitRate;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean drawBar = progress != null ? progress : CocAttach.stderrIsTerminal();
        try {
            AttachmentClient client = connection.client().limitRate(limitRate).build();
            Path file = target.file;
            if (file == null) {
                RemoteAttachment remote = client.head(docId);
                file = Path.of(remote.fileName());
            }
            if (Files.isDirectory(file)) {
                throw new ParameterException(spec.commandLine(), file + " is a directory");
            }
            Path absolute = file.toAbsolutePath();
            TransferListener listener = drawBar ? new ProgressBar(err) : new RetryNotes(err);
            Path part = absolute.resolveSibling(absolute.getFileName() + ".part");
            Thread interrupted = new Thread(() -> {
                err.println();
                err.println("coc-attach: interrupted; " + part.getFileName() + " keeps what arrived: run the same command again to resume");
                err.flush();
            }, "coc-attach-interrupted");
            Runtime.getRuntime().addShutdownHook(interrupted);
            RemoteAttachment got;
            try {
                got = client.download(docId, absolute, listener);
            } finally {
                removeHook(interrupted);
            }
            out.println(file);
            err.println("saved " + file + " (" + Files.size(absolute) + " bytes"
                    + got.sha256Hex().map(hex -> ", sha256 " + hex + " verified").orElse(", no Repr-Digest to verify") + ")");
            return ExitCode.OK;
        } catch (ClientException e) {
            return CocAttach.report(e, err);
        } catch (java.io.IOException e) {
            err.println("coc-attach: " + e.getMessage());
            return ExitCode.REFUSED;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs and says how to resume
        }
    }

    /** Without a progress bar, still say why the command pauses. */
    static final class RetryNotes implements TransferListener {
        private final PrintWriter err;

        RetryNotes(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void retrying(String reason, long delayMillis) {
            err.println("coc-attach: " + reason + "; retrying in " + ProgressBar.seconds(delayMillis));
        }
    }
}
