package org.opencoc.attachment.client;

/**
 * Told about the bytes of a download as they arrive, for a progress display. Called on the
 * downloading thread; implementations should be quick. Every method has an empty default.
 */
public interface TransferListener {

    /** Listens to nothing. */
    TransferListener NONE = new TransferListener() {
    };

    /**
     * A response started: {@code offset} bytes are already in the partial file (non-zero when
     * resuming) of {@code total} (-1 when unknown).
     */
    default void started(long offset, long total) {
    }

    /** {@code bytes} more bytes were written. */
    default void transferred(long bytes) {
    }

    /** The transfer broke and will be retried after {@code delayMillis}: {@code reason} says why. */
    default void retrying(String reason, long delayMillis) {
    }

    /** All bytes are in; verification follows. */
    default void finished() {
    }
}
