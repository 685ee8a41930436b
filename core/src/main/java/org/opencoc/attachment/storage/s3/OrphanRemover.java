package org.opencoc.attachment.storage.s3;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deletes the object of a PutObject that failed on our side, in the background. A PUT can fail for the
 * client after the store has stored the object (the answer was lost, the connection was cut, the call
 * timed out while the store finished); the upload is then answered with 503, no client ever learns the
 * doc_id, and the object must not stay behind. The delete runs off the request thread, so the 503 stays
 * as fast as the failure, with a few attempts spread over about a minute to outlast a short outage.
 *
 * <p>Limit: if every attempt fails, or the process stops first, the object stays; each such key is
 * logged at WARNING. Its doc_id is random and was never given out, so nobody can reach it.
 */
final class OrphanRemover implements AutoCloseable {

    /** When the attempts run, counted from the failed PUT. */
    static final List<Duration> ATTEMPTS = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    private static final Logger LOG = Logger.getLogger(OrphanRemover.class.getName());

    private final S3Client s3;
    private final String bucket;
    private final Duration timeout;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "s3-orphan-remover");
        thread.setDaemon(true);
        return thread;
    });

    OrphanRemover(S3Client s3, String bucket, Duration timeout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.timeout = timeout;
    }

    /** Schedules the removal of {@code key}, whose PUT failed with {@code failure}. */
    void remove(String key, SdkException failure) {
        LOG.log(Level.INFO, "PutObject of {0} failed ({1}); deleting whatever the store may have kept",
                new Object[] {key, failure.getMessage()});
        schedule(key, 0);
    }

    private void schedule(String key, int attempt) {
        try {
            executor.schedule(() -> attempt(key, attempt),
                    ATTEMPTS.get(attempt).minus(attempt == 0 ? Duration.ZERO : ATTEMPTS.get(attempt - 1)).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "The store is closing: object {0} of a failed upload may remain in bucket {1}",
                    new Object[] {key, bucket});
        }
    }

    private void attempt(String key, int attempt) {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)));
            LOG.log(Level.FINE, "Deleted {0} after its failed upload", key);
        } catch (SdkException e) {
            if (attempt + 1 < ATTEMPTS.size()) {
                schedule(key, attempt + 1);
            } else {
                LOG.log(Level.WARNING, "Cannot delete object {0} of a failed upload from bucket {1}; it is "
                        + "unreachable (its doc_id was never given out) but takes space: {2}",
                        new Object[] {key, bucket, e.toString()});
            }
        }
    }

    /** Stops; deletes still scheduled are given up and their keys logged. */
    @Override
    public void close() {
        List<Runnable> pending = executor.shutdownNow();
        if (!pending.isEmpty()) {
            LOG.log(Level.WARNING, "Closing with {0} deletes of failed uploads pending; those objects may remain",
                    pending.size());
        }
    }
}
