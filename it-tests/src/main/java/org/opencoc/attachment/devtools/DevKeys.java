package org.opencoc.attachment.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * A signing key set for development and tests: one RSA (RS256) and one P-256 (ES256) key, kept as a
 * private JWK set (for minting) and a public one (for the server's {@code mp.jwt.verify.publickey.location}).
 * Generated on first use, never committed.
 */
public final class DevKeys {

    /** The key id of the RS256 key. */
    public static final String RS256_KID = "dev-rs256";

    /** The key id of the ES256 key. */
    public static final String ES256_KID = "dev-es256";

    private final JWKSet privateKeys;

    private DevKeys(JWKSet privateKeys) {
        this.privateKeys = privateKeys;
    }

    /** The private key set. */
    public JWKSet privateKeys() {
        return privateKeys;
    }

    /** Loads {@code dir/jwks-private.json}, generating both files on first use. */
    public static DevKeys loadOrCreate(Path dir) {
        Path privateFile = dir.resolve("jwks-private.json");
        Path publicFile = dir.resolve("jwks-public.json");
        try {
            if (!Files.exists(privateFile)) {
                Files.createDirectories(dir);
                JWKSet generated = new JWKSet(List.of(
                        new RSAKeyGenerator(2048).keyID(RS256_KID).keyUse(KeyUse.SIGNATURE)
                                .algorithm(JWSAlgorithm.RS256).generate(),
                        new ECKeyGenerator(Curve.P_256).keyID(ES256_KID).keyUse(KeyUse.SIGNATURE)
                                .algorithm(JWSAlgorithm.ES256).generate()));
                Files.writeString(privateFile, generated.toString(false), StandardCharsets.UTF_8);
                restrictToOwner(privateFile);
                Files.writeString(publicFile, generated.toPublicJWKSet().toString(), StandardCharsets.UTF_8);
            }
            return new DevKeys(JWKSet.parse(Files.readString(privateFile, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("Cannot create or read the development keys in " + dir, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX filesystem: nothing more to do
        }
    }
}
