package org.carbonledger.cli.importer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One line on stderr, redrawn in place: {@code 4,500/10,000  45% [#########...........]  812 rec/s  ETA 0:07}.
 * The rate is over the whole import so far (records committed ÷ time since the first submission), the ETA is the
 * remaining records at that rate.
 */
final class ProgressBar implements Importer.Listener, AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile long startNanos;
    private ScheduledExecutorService ticker;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void started(int total) {
        this.total = total;
        this.startNanos = System.nanoTime();
        if (enabled && total > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, 0, 250, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void committed(int records) {
        done.addAndGet(records);
    }

    private synchronized void draw() {
        err.print("\r" + line(done.get(), total, Duration.ofNanos(System.nanoTime() - startNanos)) + "   ");
        err.flush();
    }

    /** The progress line for {@code done} of {@code total} records after {@code elapsed}. */
    static String line(int done, int total, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String eta = done == 0 ? "--:--" : clock(Duration.ofSeconds((long) Math.ceil((total - done) / rate)));
        return String.format(Locale.ROOT, "%,d/%,d %3d%% [%s%s] %,.0f rec/s ETA %s", done, total,
                total == 0 ? 100 : (int) (100L * done / total), "#".repeat(filled), ".".repeat(WIDTH - filled),
                rate, eta);
    }

    static String clock(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Draws the final state and ends the line; later calls do nothing. */
    synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
            draw();
            err.println();
            err.flush();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
