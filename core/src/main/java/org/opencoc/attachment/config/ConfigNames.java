package org.opencoc.attachment.config;

/**
 * Every setting of the service: its MicroProfile Config key and, where it has one, its default, each
 * defined here and nowhere else (in the manner of MicroProfile JWT's {@code Names}). A key is set by a
 * system property ({@code -Dcoc.storage.type=s3}) or an environment variable
 * ({@code COC_STORAGE_TYPE=s3}); the WAR's {@code META-INF/microprofile-config.properties} holds only
 * the development settings that have no default here (issuer, audience) and never restates one.
 *
 * <p>The token verification keys {@code mp.jwt.verify.*} are MicroProfile JWT's own (its
 * {@code Names}); only their defaults, where the service has one, are here.
 */
public final class ConfigNames {

    // ---- storage ------------------------------------------------------------------------------------

    /** {@code filesystem} (one process per directory) or {@code s3} (shared by several instances). */
    public static final String STORAGE_TYPE = "coc.storage.type";
    public static final String STORAGE_TYPE_DEFAULT = "filesystem";

    /** The directory of the filesystem store, relative to the working directory unless absolute. */
    public static final String FILESYSTEM_ROOT = "coc.storage.filesystem.root";
    public static final String FILESYSTEM_ROOT_DEFAULT = "data";

    /**
     * The prefix of the S3 store's settings ({@code endpoint}, {@code bucket}, {@code region},
     * {@code access-key}, {@code secret-key}, {@code path-style}, {@code create-bucket},
     * {@code connect-timeout-ms}, {@code read-timeout-ms}, {@code staging-dir}); their defaults are
     * those of {@code S3Settings}, the value object that validates them.
     */
    public static final String S3_PREFIX = "coc.storage.s3";

    /**
     * Attachments whose metadata one instance remembers (metadata never changes; unknown ids are never
     * remembered); {@code 0} reads it from the store on every download.
     */
    public static final String METADATA_CACHE_MAX_ENTRIES = "coc.storage.metadata-cache.max-entries";
    public static final int METADATA_CACHE_MAX_ENTRIES_DEFAULT = 10_000;

    /**
     * The bound on the metadata cache's estimated heap, in bytes; {@code 0} turns the cache off. An
     * entry of an ordinary upload is estimated at about 0.6 KB, so the default only bites for unusually
     * long file names or principal names (a 255-byte name and long URNs make about 1.5 KB).
     */
    public static final String METADATA_CACHE_MAX_BYTES = "coc.storage.metadata-cache.max-bytes";
    public static final long METADATA_CACHE_MAX_BYTES_DEFAULT = 8L * 1024 * 1024;

    // ---- uploads ------------------------------------------------------------------------------------

    /** The largest upload, in bytes of the file (not of the multipart body). */
    public static final String UPLOAD_MAX_BYTES = "coc.upload.max-bytes";
    public static final long UPLOAD_MAX_BYTES_DEFAULT = 10L * 1024 * 1024;

    /** The allowed types, by extension, comma-separated: a subset of the default. */
    public static final String UPLOAD_ALLOWED_EXTENSIONS = "coc.upload.allowed-extensions";
    public static final String UPLOAD_ALLOWED_EXTENSIONS_DEFAULT = "jpg,jpeg,png,docx,txt,pdf";

    // ---- transfers ----------------------------------------------------------------------------------

    /**
     * The most downloads (GET bodies) one instance serves at once; one more is answered 503 with
     * {@code Retry-After}. Each download holds one HTTP worker thread while it blocks on a slow client,
     * so this stays below the HTTP thread pool's size (512 in {@code etc/payara-preboot.asadmin}),
     * leaving threads for uploads and everything else. The network-level limits (write and idle
     * timeouts, the per-connection write queue) are Payara settings in that file too.
     */
    public static final String DOWNLOAD_MAX_CONCURRENT = "coc.download.max-concurrent";
    public static final int DOWNLOAD_MAX_CONCURRENT_DEFAULT = 256;

    /** On SIGTERM, how long (seconds) the transfers in flight may finish before the process exits. */
    public static final String SHUTDOWN_GRACE_SECONDS = "coc.shutdown.grace-seconds";
    public static final int SHUTDOWN_GRACE_SECONDS_DEFAULT = 30;

    // ---- authentication -----------------------------------------------------------------------------

    /** The default of {@code mp.jwt.verify.clock.skew}, in seconds: the one leeway for exp, nbf and iat. */
    public static final long CLOCK_SKEW_SECONDS_DEFAULT = 30;

    /** Longer tokens (in characters) are refused before any parsing. */
    public static final String TOKEN_MAX_BYTES = "coc.auth.token.max-bytes";
    public static final int TOKEN_MAX_BYTES_DEFAULT = 32 * 1024;

    /** How often (seconds) the key file is checked for a change; a change empties the token cache. */
    public static final String KEYS_RELOAD_SECONDS = "coc.auth.keys.reload-seconds";
    public static final long KEYS_RELOAD_SECONDS_DEFAULT = 10;

    /** Whether verified tokens are cached (by their SHA-256); {@code false} verifies every request. */
    public static final String TOKEN_CACHE_ENABLED = "coc.auth.token-cache.enabled";
    public static final boolean TOKEN_CACHE_ENABLED_DEFAULT = true;

    /** The most verified tokens kept. */
    public static final String TOKEN_CACHE_MAX_ENTRIES = "coc.auth.token-cache.max-entries";
    public static final int TOKEN_CACHE_MAX_ENTRIES_DEFAULT = 10_000;

    /** The bound on the token cache's estimated heap, in bytes. */
    public static final String TOKEN_CACHE_MAX_BYTES = "coc.auth.token-cache.max-bytes";
    public static final long TOKEN_CACHE_MAX_BYTES_DEFAULT = 16L * 1024 * 1024;

    /** The longest (seconds) a verified token is kept; never beyond its {@code exp} plus the skew. */
    public static final String TOKEN_CACHE_MAX_SECONDS = "coc.auth.token-cache.max-seconds";
    public static final long TOKEN_CACHE_MAX_SECONDS_DEFAULT = 300;

    // ---- authorization ------------------------------------------------------------------------------

    /** A JSON file mapping group names to policy documents, read at start; no default (no groups). */
    public static final String GROUP_POLICIES = "coc.iam.group-policies";

    /**
     * Proxies (addresses or CIDR blocks, comma-separated) whose {@code X-Forwarded-For} is believed for
     * {@code g:SourceIp}; no default (no proxy is trusted).
     */
    public static final String TRUSTED_PROXIES = "coc.iam.trusted-proxies";

    private ConfigNames() {
    }
}
