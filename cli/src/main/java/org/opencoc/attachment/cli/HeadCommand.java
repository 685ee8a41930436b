package org.opencoc.attachment.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.opencoc.attachment.client.ClientException;
import org.opencoc.attachment.client.RemoteAttachment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code head DOC_ID [--json]}: the metadata of an attachment, from the headers of a {@code HEAD}. */
@Command(name = "head", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the metadata of an attachment (name, size, ETag, Last-Modified, SHA-256) without downloading it.",
        footer = {"%nExample:", "  coc-attach head 0f8fad5b-d9cb-469f-a165-70867728950e --json"})
final class HeadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "DOC_ID", description = "The attachment id (a lower-case UUID).")
    String docId;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RemoteAttachment remote = connection.client().build().head(docId);
            if (json) {
                JsonObjectBuilder object = Json.createObjectBuilder()
                        .add("doc_id", remote.docId())
                        .add("doc_name", remote.fileName())
                        .add("size", remote.size());
                remote.etag().ifPresent(tag -> object.add("etag", tag));
                remote.lastModified().ifPresent(date -> object.add("last_modified", date));
                remote.sha256Hex().ifPresent(hex -> object.add("sha256", hex));
                remote.reprDigest().ifPresent(digest -> object.add("repr_digest", digest));
                out.println(object.build());
            } else {
                out.println("doc_id:        " + remote.docId());
                out.println("doc_name:      " + remote.fileName());
                out.println("size:          " + remote.size() + " bytes (" + ProgressBar.size(remote.size()) + ")");
                out.println("etag:          " + remote.etag().orElse("-"));
                out.println("last_modified: " + remote.lastModified().orElse("-"));
                out.println("sha256:        " + remote.sha256Hex().orElse("-"));
            }
            return ExitCode.OK;
        } catch (ClientException e) {
            return CocAttach.report(e, spec.commandLine().getErr());
        }
    }
}
