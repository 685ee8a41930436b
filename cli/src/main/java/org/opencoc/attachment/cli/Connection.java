package org.opencoc.attachment.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.opencoc.attachment.client.AttachmentClient;
import org.opencoc.attachment.client.RetryPolicy;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options every call to the service shares: where it is, who calls, how often to retry. The
 * token comes from {@code --token}, else {@code COC_TOKEN}, else the file of {@code --token-file} /
 * {@code COC_TOKEN_FILE}, else {@code ~/.config/coc-attach/token} when that exists.
 */
final class Connection {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:COC_ENDPOINT:-http://127.0.0.1:8080}",
            description = "The service (env COC_ENDPOINT; default ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--token", paramLabel = "JWT", description = "The bearer token (else env COC_TOKEN).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the token (else env COC_TOKEN_FILE, else ~/.config/coc-attach/token).")
    Path tokenFile;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
            description = "Retries after a 503 or a failed connection (default ${DEFAULT-VALUE}; 0: none).")
    int retries;

    @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "The longest pause between two tries, also for Retry-After (default ${DEFAULT-VALUE}).")
    long maxWaitSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the answer headers of one request (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    AttachmentClient.Builder client() {
        if (retries < 0 || maxWaitSeconds < 0 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--retries and --max-wait must not be negative, --timeout at least 1");
        }
        AttachmentClient.Builder builder;
        try {
            builder = AttachmentClient.builder(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration maxWait = Duration.ofSeconds(maxWaitSeconds);
        Duration first = maxWait.compareTo(Duration.ofSeconds(1)) < 0 ? maxWait : Duration.ofSeconds(1);
        return builder.token(resolveToken())
                .retry(new RetryPolicy(retries + 1, first, maxWait))
                .requestTimeout(Duration.ofSeconds(timeoutSeconds));
    }

    private String resolveToken() {
        if (token != null && !token.isBlank()) {
            return token;
        }
        String fromEnv = System.getenv("COC_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = tokenFile;
        if (file == null && System.getenv("COC_TOKEN_FILE") != null && !System.getenv("COC_TOKEN_FILE").isBlank()) {
            file = Path.of(System.getenv("COC_TOKEN_FILE"));
        }
        if (file == null) {
            Path standard = Path.of(System.getProperty("user.home"), ".config", "coc-attach", "token");
            file = Files.isRegularFile(standard) ? standard : null;
        }
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "Cannot read the token file " + file + ": " + e.getMessage());
        }
    }
}
