package org.opencoc.attachment.iam.authentication;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.opencoc.attachment.config.ConfigNames;

/**
 * The application's one {@link TokenVerifier}, configured from MicroProfile Config (keys in
 * {@link AuthenticationSettings}) when the application starts: missing or unusable keys, issuer or
 * audiences stop the deployment with a message naming the key.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

    @Inject
    Config config;

    @Inject
    Clock clock;

    private TokenVerifier verifier;

    @PostConstruct
    void configure() {
        AuthenticationSettings settings = settings(config);
        verifier = new TokenVerifier(settings,
                KeySource.of(settings, Thread.currentThread().getContextClassLoader(), System::nanoTime), clock);
        LOG.info(() -> "Bearer tokens: issuer " + settings.issuer() + ", audiences " + settings.audiences()
                + ", clock skew " + settings.clockSkew().toSeconds() + " s, at most " + settings.maxTokenBytes()
                + " bytes; verified-token cache " + (settings.cacheEnabled() && settings.cacheMaxEntries() > 0
                        ? "on (" + settings.cacheMaxEntries() + " tokens, " + settings.cacheMaxBytes() + " bytes, "
                                + settings.cacheMaxLifetime().toSeconds() + " s at most)"
                        : "off"));
    }

    /** Configures at start, so a wrong key location fails the deployment rather than the first request. */
    void configureAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        verifier.cache();
    }

    /**
     * The one verifier. Callers on the hot path fetch it once per request and call it directly: it is
     * not a CDI bean, so those calls pass no client proxy (public for the same reason as
     * {@code AccessDecisions.decide}: Weld forwards a package-private method by reflection).
     */
    public TokenVerifier verifier() {
        return verifier;
    }

    static AuthenticationSettings settings(Config config) {
        return new AuthenticationSettings(
                text(config, AuthenticationSettings.PUBLIC_KEY_LOCATION),
                text(config, AuthenticationSettings.PUBLIC_KEY),
                text(config, AuthenticationSettings.PUBLIC_KEY_ALGORITHM),
                text(config, AuthenticationSettings.ISSUER).orElse(""),
                text(config, AuthenticationSettings.AUDIENCES).stream()
                        .flatMap(list -> Arrays.stream(list.split(",")))
                        .map(String::strip).filter(audience -> !audience.isEmpty()).collect(Collectors.toSet()),
                seconds(config, AuthenticationSettings.CLOCK_SKEW, ConfigNames.CLOCK_SKEW_SECONDS_DEFAULT),
                config.getOptionalValue(AuthenticationSettings.TOKEN_AGE, Long.class).map(Duration::ofSeconds),
                config.getOptionalValue(ConfigNames.TOKEN_MAX_BYTES, Integer.class)
                        .orElse(ConfigNames.TOKEN_MAX_BYTES_DEFAULT),
                seconds(config, ConfigNames.KEYS_RELOAD_SECONDS,
                        ConfigNames.KEYS_RELOAD_SECONDS_DEFAULT),
                config.getOptionalValue(ConfigNames.TOKEN_CACHE_ENABLED, Boolean.class)
                        .orElse(ConfigNames.TOKEN_CACHE_ENABLED_DEFAULT),
                config.getOptionalValue(ConfigNames.TOKEN_CACHE_MAX_ENTRIES, Integer.class)
                        .orElse(ConfigNames.TOKEN_CACHE_MAX_ENTRIES_DEFAULT),
                config.getOptionalValue(ConfigNames.TOKEN_CACHE_MAX_BYTES, Long.class)
                        .orElse(ConfigNames.TOKEN_CACHE_MAX_BYTES_DEFAULT),
                seconds(config, ConfigNames.TOKEN_CACHE_MAX_SECONDS, ConfigNames.TOKEN_CACHE_MAX_SECONDS_DEFAULT));
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank());
    }

    private static Duration seconds(Config config, String key, long defaultSeconds) {
        return Duration.ofSeconds(config.getOptionalValue(key, Long.class).orElse(defaultSeconds));
    }
}
