package org.opencoc.attachment.iam.authentication;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.config.Names;
import org.opencoc.attachment.config.ConfigNames;

/**
 * The configuration of authentication, read once at start (MicroProfile Config keys below; system
 * properties and environment variables; the keys of the service and every default are
 * {@link ConfigNames}').
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
 * @param clockSkew           {@value #CLOCK_SKEW} (seconds, default {@value ConfigNames#CLOCK_SKEW_SECONDS_DEFAULT}):
 *                            the one leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param tokenAge            {@value #TOKEN_AGE} (seconds): if set, {@code iat} is required and may be
 *                            at most this old
 * @param maxTokenBytes       {@value ConfigNames#TOKEN_MAX_BYTES} (default {@value ConfigNames#TOKEN_MAX_BYTES_DEFAULT}):
 *                            longer tokens are refused before any parsing
 * @param keysReloadInterval  {@value ConfigNames#KEYS_RELOAD_SECONDS} (seconds, default
 *                            {@value ConfigNames#KEYS_RELOAD_SECONDS_DEFAULT}): how often the key file is checked
 *                            for a change; a change reloads the keys and empties the token cache
 * @param cacheEnabled        {@value ConfigNames#TOKEN_CACHE_ENABLED} (default
 *                            {@value ConfigNames#TOKEN_CACHE_ENABLED_DEFAULT}): whether verified tokens
 *                            are cached
 * @param cacheMaxEntries     {@value ConfigNames#TOKEN_CACHE_MAX_ENTRIES} (default {@value ConfigNames#TOKEN_CACHE_MAX_ENTRIES_DEFAULT})
 * @param cacheMaxBytes       {@value ConfigNames#TOKEN_CACHE_MAX_BYTES} (default {@value ConfigNames#TOKEN_CACHE_MAX_BYTES_DEFAULT}): the
 *                            bound on the cache's estimated heap, a byte per token character plus
 *                            {@link VerifiedTokenCache#ENTRY_OVERHEAD_BYTES} per token (about 5,000
 *                            tokens of 2.8 KB; tokens of 1 KB meet the entry bound first)
 * @param cacheMaxLifetime    {@value ConfigNames#TOKEN_CACHE_MAX_SECONDS} (seconds, default
 *                            {@value ConfigNames#TOKEN_CACHE_MAX_SECONDS_DEFAULT}): an entry lives until the earlier of
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
        requireNotNegative(keysReloadInterval, ConfigNames.KEYS_RELOAD_SECONDS);
        requireNotNegative(cacheMaxLifetime, ConfigNames.TOKEN_CACHE_MAX_SECONDS);
        if (maxTokenBytes < 64 || cacheMaxEntries < 0 || cacheMaxBytes < 0) {
            throw new IllegalArgumentException(ConfigNames.TOKEN_MAX_BYTES + ", " + ConfigNames.TOKEN_CACHE_MAX_ENTRIES + " or "
                    + ConfigNames.TOKEN_CACHE_MAX_BYTES + " is out of range");
        }
    }

    private static void requireNotNegative(Duration value, String key) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
    }
}
