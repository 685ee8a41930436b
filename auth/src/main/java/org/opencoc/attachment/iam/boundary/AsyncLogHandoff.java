package org.opencoc.attachment.iam.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Hands the records of one logger to a single writer thread, which publishes them to the handlers the
 * logger would otherwise have used (its parents'). Request threads then never queue on the
 * synchronised console or file handler: in the benchmark's JFR profile of 4 KiB GETs, the one audit
 * line per request made {@code StreamHandler.publish} the most contended lock of the service.
 *
 * <p>Nothing is dropped: the queue holds {@value #CAPACITY} records, and when it is full the logging
 * thread waits for room (back-pressure instead of loss). {@link #close()} drains what is queued and
 * gives the logger its handlers back.
 */
final class AsyncLogHandoff extends Handler {

    static final int CAPACITY = 8192;

    private final Logger logger;
    private final List<Handler> targets;
    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closed;

    private AsyncLogHandoff(Logger logger, List<Handler> targets) {
        this.logger = logger;
        this.targets = List.copyOf(targets);
        this.writer = new Thread(this::drain, "log-handoff-" + logger.getName());
        this.writer.setDaemon(true);
    }

    /**
     * Routes {@code logger} through a writer thread, if it uses its parents' handlers; otherwise (it
     * was configured with handlers of its own) leaves it alone and returns null.
     */
    static AsyncLogHandoff install(Logger logger) {
        if (!logger.getUseParentHandlers() || logger.getHandlers().length > 0) {
            return null;
        }
        List<Handler> targets = new ArrayList<>();
        for (Logger parent = logger.getParent(); parent != null; parent = parent.getUseParentHandlers() ? parent.getParent() : null) {
            targets.addAll(List.of(parent.getHandlers()));
        }
        AsyncLogHandoff handoff = new AsyncLogHandoff(logger, targets);
        handoff.writer.start();
        logger.addHandler(handoff);
        logger.setUseParentHandlers(false);
        return handoff;
    }

    @Override
    public void publish(LogRecord record) {
        if (closed) {
            publishNow(record);
            return;
        }
        // the writer thread cannot infer where the record came from: let the caller's thread do it now
        record.getSourceClassName();
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            publishNow(record);
        }
    }

    @Override
    public void flush() {
        targets.forEach(Handler::flush);
    }

    /** Drains the queue, stops the writer and gives the logger its parents' handlers back. */
    @Override
    public void close() {
        logger.setUseParentHandlers(true);
        logger.removeHandler(this);
        closed = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LogRecord record = queue.poll(); record != null; record = queue.poll()) {
            publishNow(record);
        }
        flush();
    }

    private void drain() {
        while (!closed) {
            try {
                publishNow(queue.take());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publishNow(LogRecord record) {
        for (Handler target : targets) {
            target.publish(record);
        }
    }
}
