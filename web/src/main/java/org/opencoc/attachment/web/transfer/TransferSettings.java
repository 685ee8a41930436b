package org.opencoc.attachment.web.transfer;

/**
 * The configuration keys of the transfer limits and the drain (MicroProfile Config; environment
 * variables such as {@code COC_DOWNLOAD_MAX_CONCURRENT} override). The defaults are here and only here.
 *
 * <p>The network-level limits (write timeout, idle timeout, the per-connection write queue, the size of
 * the HTTP thread pool) are Payara settings in {@code etc/payara-preboot.asadmin}.
 */
public final class TransferSettings {

    /**
     * The most downloads (GET bodies) one instance serves at once; one more is answered 503 with
     * {@code Retry-After}. Each download holds one HTTP worker thread while it blocks on a slow client,
     * so this stays below the HTTP thread pool's size (512 in {@code etc/payara-preboot.asadmin}),
     * leaving threads for uploads and everything else. Default {@value #DEFAULT_MAX_CONCURRENT_DOWNLOADS}.
     */
    public static final String MAX_CONCURRENT_DOWNLOADS = "coc.download.max-concurrent";

    /** Default of {@link #MAX_CONCURRENT_DOWNLOADS}. */
    public static final int DEFAULT_MAX_CONCURRENT_DOWNLOADS = 256;

    /**
     * Seconds the transfers in flight get to finish after {@code SIGTERM} before the process exits
     * anyway. Default {@value #DEFAULT_GRACE_SECONDS}.
     */
    public static final String SHUTDOWN_GRACE_SECONDS = "coc.shutdown.grace-seconds";

    /** Default of {@link #SHUTDOWN_GRACE_SECONDS}. */
    public static final int DEFAULT_GRACE_SECONDS = 30;

    private TransferSettings() {
    }
}
