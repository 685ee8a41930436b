package org.opencoc.attachment.iam.authentication;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.config.Names;

/**
 * The configuration of authentication, read once at start (MicroProfile Config keys below; system
 * properties and environment variables override the WAR's {@code microprofile-config.properties}).
 * The standard {@code mp.jwt.verify.*} keys keep their MicroProfile JWT meaning.
 *
 * @param publicKeyLocation   {@value #PUBLIC_KEY_LOCATION}: a file (path or {@code file:} URL) or a
 *                            class-path resource holding a PEM public key or a JWK set (several keys,
 *                            selected by {@code kid}); files are re-read when they change
 * @param publicKey           {@value #PUBLIC_KEY}: the key (PEM, bare base64 or JWK set) inline
 * @param algorithm           {@value #PUBLIC_KEY_ALGORITHM}: if set, the only accepted {@code alg}
 *                            ({@code RS256} or {@code ES256}); otherwise both are
 * @param issuer              {@value #ISSUER}: the exact {@code iss}; required
 * @param audiences           {@value #AUDIENCES}: comma-separated; {@code aud} must name one; required
 * @param clockSkew           {@value #CLOCK_SKEW} (seconds, default {@value #DEFAULT_CLOCK_SKEW_SECONDS}):
 *                            the one leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param tokenAge            {@value #TOKEN_AGE} (seconds): if set, {@code iat} is required and may be
 *                            at most this old
 * @param maxTokenBytes       {@value #MAX_TOKEN_BYTES} (default {@value #DEFAULT_MAX_TOKEN_BYTES}):
 *                            longer tokens are refused before any parsing
 * @param keysReloadInterval  {@value #KEYS_RELOAD_SECONDS} (seconds, default
 *                            {@value #DEFAULT_KEYS_RELOAD_SECONDS}): how often the key file is checked
 *                            for a change; a change reloads the keys and empties the token cache
 * @param cacheEnabled        {@value #CACHE_ENABLED} (default true): whether verified tokens are cached
 * @param cacheMaxEntries     {@value #CACHE_MAX_ENTRIES} (default {@value #DEFAULT_CACHE_MAX_ENTRIES})
 * @param cacheMaxBytes       {@value #CACHE_MAX_BYTES} (default {@value #DEFAULT_CACHE_MAX_BYTES}): the
 *                            bound on the cache's estimated heap, a byte per token character plus
 *                            {@link VerifiedTokenCache#ENTRY_OVERHEAD_BYTES} per token (about 5,000
 *                            tokens of 2.8 KB; tokens of 1 KB meet the entry bound first)
 * @param cacheMaxLifetime    {@value #CACHE_MAX_SECONDS} (seconds, default
 *                            {@value #DEFAULT_CACHE_MAX_SECONDS}): an entry lives until the earlier of
 *                            {@code exp} + skew and this
 */
public record AuthenticationSettings(Optional<String> publicKeyLocation, Optional<String> publicKey,
                                     Optional<String> algorithm, String issuer, Set<String> audiences,
                                     Duration clockSkew, Optional<Duration> tokenAge, int maxTokenBytes,
                                     Duration keysReloadInterval, boolean cacheEnabled, int cacheMaxEntries,
                                     long cacheMaxBytes, Duration cacheMaxLifetime) {

    public static final String PUBLIC_KEY_LOCATION = Names.VERIFIER_PUBLIC_KEY_LOCATION;
    public static final String PUBLIC_KEY = Names.VERIFIER_PUBLIC_KEY;
    public static final String PUBLIC_KEY_ALGORITHM = Names.VERIFIER_PUBLIC_KEY_ALGORITHM;
    public static final String ISSUER = Names.ISSUER;
    public static final String AUDIENCES = Names.AUDIENCES;
    public static final String CLOCK_SKEW = Names.CLOCK_SKEW;
    public static final String TOKEN_AGE = Names.TOKEN_AGE;
    public static final String MAX_TOKEN_BYTES = "coc.auth.token.max-bytes";
    public static final String KEYS_RELOAD_SECONDS = "coc.auth.keys.reload-seconds";
    public static final String CACHE_ENABLED = "coc.auth.token-cache.enabled";
    public static final String CACHE_MAX_ENTRIES = "coc.auth.token-cache.max-entries";
    public static final String CACHE_MAX_BYTES = "coc.auth.token-cache.max-bytes";
    public static final String CACHE_MAX_SECONDS = "coc.auth.token-cache.max-seconds";

    public static final long DEFAULT_CLOCK_SKEW_SECONDS = 30;
    public static final int DEFAULT_MAX_TOKEN_BYTES = 32 * 1024;
    public static final long DEFAULT_KEYS_RELOAD_SECONDS = 10;
    public static final int DEFAULT_CACHE_MAX_ENTRIES = 10_000;
    public static final long DEFAULT_CACHE_MAX_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_CACHE_MAX_SECONDS = 300;

    public AuthenticationSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException(ISSUER + " must be set");
        }
        if (audiences == null || audiences.isEmpty()) {
            throw new IllegalArgumentException(AUDIENCES + " must name at least one audience");
        }
        if (publicKeyLocation.isEmpty() && publicKey.isEmpty()) {
            throw new IllegalArgumentException(PUBLIC_KEY_LOCATION + " or " + PUBLIC_KEY + " must be set");
        }
        algorithm.ifPresent(alg -> {
            if (!TrustedKeys.ALGORITHMS.contains(alg)) {
                throw new IllegalArgumentException(PUBLIC_KEY_ALGORITHM + " must be RS256 or ES256, not " + alg);
            }
        });
        audiences = Set.copyOf(audiences);
        requireNotNegative(clockSkew, CLOCK_SKEW);
        tokenAge.ifPresent(age -> requireNotNegative(age, TOKEN_AGE));
        requireNotNegative(keysReloadInterval, KEYS_RELOAD_SECONDS);
        requireNotNegative(cacheMaxLifetime, CACHE_MAX_SECONDS);
        if (maxTokenBytes < 64 || cacheMaxEntries < 0 || cacheMaxBytes < 0) {
            throw new IllegalArgumentException(MAX_TOKEN_BYTES + ", " + CACHE_MAX_ENTRIES + " or "
                    + CACHE_MAX_BYTES + " is out of range");
        }
    }

    private static void requireNotNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
    }
}
