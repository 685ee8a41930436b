package org.opencoc.attachment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import org.opencoc.attachment.api.UploadResponse;
import org.opencoc.attachment.client.ClientException;
import org.opencoc.attachment.config.ConfigNames;
import org.opencoc.attachment.error.AttachmentException;
import org.opencoc.attachment.model.FileName;
import org.opencoc.attachment.upload.UploadRules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code upload FILE [--name N] [--json]}: prints the new doc_id. What the service would refuse for
 * its name or size (with its default rules, or those given) is refused before a byte is sent, with
 * the service's own message, because the checks are the service's own classes.
 */
@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload FILE as a new attachment and print its doc_id.",
            "Sends Content-Digest (SHA-256) so the service stores nothing if a byte changed on the way. "
                + "Refuses locally, with the service's message, a file that is empty, too large or of a type "
                + "not allowed by its name. Retries a 503 after its Retry-After."},
        footer = {"%nExamples:", "  coc-attach upload screenshot.png", "  coc-attach upload /tmp/x.log --name evidence.txt --json"})
final class UploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "The name to store (default: the file's name).")
    String name;

    @Option(names = "--json", description = "Print the whole answer of the service as JSON.")
    boolean json;

    @Option(names = "--max-bytes", paramLabel = "BYTES", defaultValue = "" + ConfigNames.UPLOAD_MAX_BYTES_DEFAULT,
            description = "The service's size limit, checked locally (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--allowed-extensions", paramLabel = "LIST", defaultValue = ConfigNames.UPLOAD_ALLOWED_EXTENSIONS_DEFAULT,
            description = "The service's allowed types, checked locally (default ${DEFAULT-VALUE}).")
    String allowedExtensions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String storedName = name != null ? name : file.getFileName().toString();
        try {
            refuseWhatTheServiceWould(storedName);
            UploadResponse uploaded = connection.client().build().upload(file, storedName);
            if (json) {
                out.println(toJson(uploaded));
            } else {
                out.println(uploaded.id());
            }
            return ExitCode.OK;
        } catch (ClientException e) {
            return CocAttach.report(e, err);
        }
    }

    private void refuseWhatTheServiceWould(String storedName) throws ClientException {
        if (!Files.isRegularFile(file)) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "No such file: " + file, null);
        }
        try {
            UploadRules rules = UploadRules.of(maxBytes, allowedExtensions);
            rules.checkName(FileName.of(storedName));
            long size = Files.size(file);
            if (size == 0) {
                throw AttachmentException.invalidParameter("The file is empty.");
            }
            if (size > rules.maxBytes()) {
                throw AttachmentException.tooLarge(rules.maxBytes());
            }
        } catch (AttachmentException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, e.getMessage() + " [" + e.errorCode().code()
                    + ", not sent]", e);
        } catch (IllegalArgumentException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, e.getMessage(), e);
        } catch (IOException e) {
            throw ClientException.of(ClientException.Kind.REFUSED_LOCALLY, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String toJson(UploadResponse uploaded) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        if (uploaded.data() != null) {
            data.add("doc_id", uploaded.data().docId()).add("doc_name", uploaded.data().docName());
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", String.valueOf(uploaded.name()))
                .add("id", uploaded.id())
                .add("error_code", String.valueOf(uploaded.errorCode()));
        if (uploaded.errorMsg() == null) {
            json.addNull("error_msg");
        } else {
            json.add("error_msg", uploaded.errorMsg());
        }
        return json.add("provider_code", String.valueOf(uploaded.providerCode())).add("data", data).build().toString();
    }
}
