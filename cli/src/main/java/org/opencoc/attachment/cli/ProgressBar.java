package org.opencoc.attachment.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.opencoc.attachment.client.TransferListener;

/**
 * One line on a terminal, redrawn at most ten times a second:
 * {@code  45% [=========>           ]  4.5 MiB / 10.0 MiB  12.3 MiB/s  ETA 0:01}. The rate is that of
 * the current response (a resumed download does not count the bytes it already had).
 */
final class ProgressBar implements TransferListener {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private long total = -1;
    private long done;
    private long responseStart;
    private long responseBytes;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(long offset, long total) {
        this.total = total;
        this.done = offset;
        this.responseStart = System.nanoTime();
        this.responseBytes = 0;
        if (offset > 0) {
            endLine();
            err.println("resuming at " + size(offset) + (total > 0 ? " of " + size(total) : ""));
        }
        draw(true);
    }

    @Override
    public void transferred(long bytes) {
        done += bytes;
        responseBytes += bytes;
        draw(false);
    }

    @Override
    public void retrying(String reason, long delayMillis) {
        endLine();
        err.println("coc-attach: " + reason + "; retrying in " + seconds(delayMillis));
    }

    @Override
    public void finished() {
        draw(true);
        endLine();
    }

    private void endLine() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double elapsed = Math.max(1e-3, (now - responseStart) / 1e9);
        double rate = responseBytes / elapsed;
        StringBuilder line = new StringBuilder("\r");
        if (total > 0) {
            int percent = (int) Math.min(100, done * 100 / total);
            int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
            line.append(String.format(Locale.ROOT, "%3d%% [", percent))
                    .append("=".repeat(Math.max(0, filled - 1))).append(filled > 0 ? (filled == WIDTH ? "=" : ">") : "")
                    .append(" ".repeat(WIDTH - filled)).append("]  ")
                    .append(size(done)).append(" / ").append(size(total));
        } else {
            line.append(size(done));
        }
        line.append("  ").append(size((long) rate)).append("/s");
        if (total > 0 && rate > 0 && done < total) {
            long eta = (long) ((total - done) / rate);
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
        } else if (total > 0 && done >= total) {
            line.append("  done     ");
        }
        line.append("   ");
        err.print(line);
        err.flush();
        drawn = true;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1023.95 && unit < units.length - 1) { // 1023.96 KiB would print as 1024.0 KiB
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
