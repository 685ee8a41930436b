package org.opencoc.attachment.web.transfer;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.opencoc.attachment.config.ConfigNames;

/**
 * The transfers (uploads and downloads) this instance has in flight, the download slots, and whether
 * the instance is draining. Thread-safe; one per application.
 *
 * <p>A download needs a slot ({@link #tryStartDownload()}); when all are taken the caller refuses the
 * request. Once {@link #startDraining()} was called, {@link #tryStart} refuses every new transfer,
 * and {@link #awaitIdle(Duration)} lets the stopping thread wait for the ones in flight.
 */
public final class Transfers {

    private final Semaphore downloadSlots;
    private final int maxDownloads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    private volatile boolean draining;

    /** @param maxDownloads the most downloads at once, at least 1 */
    public Transfers(int maxDownloads) {
        if (maxDownloads < 1) {
            throw new IllegalArgumentException(ConfigNames.DOWNLOAD_MAX_CONCURRENT + " must be at least 1, not "
                    + maxDownloads);
        }
        this.maxDownloads = maxDownloads;
        this.downloadSlots = new Semaphore(maxDownloads);
    }

    /** The outcome of asking to start a transfer. */
    public enum Admission {
        /** Started: the caller must call {@link Transfers#finish(boolean)} exactly once. */
        STARTED,
        /** Refused: every download slot is taken. */
        BUSY,
        /** Refused: the instance is stopping. */
        DRAINING
    }

    /**
     * Starts a transfer unless the instance is draining; a download also needs a free slot.
     *
     * @param download whether the transfer is a download (counted against the slots)
     */
    public Admission tryStart(boolean download) {
        if (draining) {
            return Admission.DRAINING;
        }
        if (download && !downloadSlots.tryAcquire()) {
            return Admission.BUSY;
        }
        lock.lock();
        try {
            if (draining) {
                if (download) {
                    downloadSlots.release();
                }
                return Admission.DRAINING;
            }
            inFlight++;
            return Admission.STARTED;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a transfer that {@link #tryStart(boolean)} started, with the same {@code download} flag. */
    public void finish(boolean download) {
        if (download) {
            downloadSlots.release();
        }
        lock.lock();
        try {
            inFlight--;
            if (inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** From now on every new transfer is refused; the ones in flight go on. Idempotent. */
    public void startDraining() {
        lock.lock();
        try {
            draining = true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #startDraining()} was called. */
    public boolean isDraining() {
        return draining;
    }

    /** Transfers in flight now. */
    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The configured number of download slots. */
    public int maxDownloads() {
        return maxDownloads;
    }

    /**
     * Waits until no transfer is in flight or {@code grace} has passed.
     *
     * @return the number still in flight (0 when all finished in time)
     */
    public int awaitIdle(Duration grace) throws InterruptedException {
        long remaining = grace.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && remaining > 0) {
                remaining = idle.awaitNanos(remaining);
            }
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Transfers[inFlight=" + inFlight() + ", maxDownloads=" + maxDownloads + ", draining=" + draining + "]";
    }
}
