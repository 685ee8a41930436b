package org.opencoc.attachment.devtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Command line: mints a development token and prints it on standard output.
 * <pre>
 * DevToken [--keys DIR] [--domain ID] [--ttl SECONDS] [--alg RS256|ES256]
 *          (--account | --user NAME [--policy FILE]... [--group NAME]... [--mfa])
 * </pre>
 * Keys are created in {@code DIR} (default {@code .dev}) on first use.
 */
public final class DevToken {

    private DevToken() {
    }

    public static void main(String[] args) throws IOException {
        Path keys = Path.of(".dev");
        String domain = "dev-domain";
        Duration ttl = Duration.ofHours(12);
        String algorithm = "RS256";
        String type = null;
        String user = "root";
        boolean mfa = false;
        List<String> policies = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> keys = Path.of(args[++i]);
                case "--domain" -> domain = args[++i];
                case "--ttl" -> ttl = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--alg" -> algorithm = args[++i];
                case "--account" -> type = "account";
                case "--user" -> {
                    type = "user";
                    user = args[++i];
                }
                case "--policy" -> policies.add(Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8));
                case "--group" -> groups.add(args[++i]);
                case "--mfa" -> mfa = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (type == null) {
            usage("say --account or --user NAME");
        }
        JWTClaimsSet.Builder claims = TokenMinter.claims(type, domain, user, ttl).claim("groups", groups).claim("mfa", mfa);
        if (!policies.isEmpty()) {
            TokenMinter.withPolicies(claims, policies);
        }
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(keys));
        String token = "ES256".equalsIgnoreCase(algorithm) ? minter.es256(claims.build()) : minter.rs256(claims.build());
        System.out.println(token);
    }

    private static void usage(String problem) {
        System.err.println("DevToken: " + problem);
        System.err.println("usage: DevToken [--keys DIR] [--domain ID] [--ttl SECONDS] [--alg RS256|ES256]"
                + " (--account | --user NAME [--policy FILE]... [--group NAME]... [--mfa])");
        System.exit(2);
    }
}
