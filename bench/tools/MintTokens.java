import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.opencoc.attachment.devtools.DevKeys;
import org.opencoc.attachment.devtools.TokenMinter;

/**
 * bench/run's token mixes: mints COUNT distinct tokens (each its own jti) for the user "bench" of the domain "dev-domain" (DevToken's default) with
 * the given policy and MFA, RS256, one per line, into OUT. Run with the dev tools class path:
 * java -cp DEVTOOLS MintTokens.java KEYS_DIR POLICY_FILE COUNT OUT
 */
public class MintTokens {
    public static void main(String[] args) throws IOException {
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(Path.of(args[0])));
        String policy = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        int count = Integer.parseInt(args[2]);
        String tokens = IntStream.range(0, count).parallel()
                .mapToObj(i -> minter.rs256(TokenMinter.withPolicies(
                        TokenMinter.claims("user", "dev-domain", "bench", Duration.ofHours(2)), List.of(policy))
                        .claim("mfa", true).build()))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(Path.of(args[3]), tokens, StandardCharsets.UTF_8);
    }
}
