package org.carbonledger.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.carbonledger.bench.service.Prometheus;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceException;
import org.carbonledger.bench.service.LocalService;

/**
 * Watches the service's read-model sync while a measurement runs, through its own metrics ({@code GET /prometheus}):
 * {@code carbonledger_sync_lag_blocks} (blocks on the peer not yet applied, refreshed by the service every 5 s) is
 * scraped every {@link #INTERVAL_MS} ms and its maximum kept; at the end the delay summary
 * {@code carbonledger_sync_delay_seconds} (from a transaction's timestamp, i.e. its proposal, to its application in
 * the read model: it includes endorsement, ordering and commit, not only the sync) is read: its count and sum
 * since the start give the mean over exactly this measurement, its quantiles are Micrometer's rolling window (the
 * last 1–2 minutes), which on a run of a minute or more is this run.
 */
final class SyncWatch {
    static final long INTERVAL_MS = 2000;

    /** What the service reported about its sync during one measurement; NaN where a metric was missing. */
    record Observed(long transactions, double meanDelaySeconds, double p50, double p95, double p99, double maxLagBlocks,
                    int scrapes, Optional<LagProbe.Result> probe) {
        Observed withProbe(LagProbe.Result result) {
            return new Observed(transactions, meanDelaySeconds, p50, p95, p99, maxLagBlocks, scrapes, Optional.of(result));
        }
    }

    private final ServiceClient api;
    private final Prometheus before;
    private final Thread thread;
    private final List<Double> lagBlocks = new ArrayList<>();
    private volatile boolean running = true;

    SyncWatch(ServiceClient api) {
        this.api = Objects.requireNonNull(api, "api");
        this.before = LocalService.metrics(api);
        this.thread = new Thread(this::scrape, "sync-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void scrape() {
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
                LocalService.metrics(api).value("carbonledger_sync_lag_blocks").ifPresent(this::lag);
            } catch (InterruptedException e) {
                return;
            } catch (ServiceException | IllegalStateException e) {
                // A missed scrape only lowers the number of samples (reported).
            }
        }
    }

    private synchronized void lag(double blocks) {
        lagBlocks.add(blocks);
    }

    /** Stops scraping and reads the delay summary once more. */
    Observed finish() throws InterruptedException {
        close();
        return observe(before, LocalService.metrics(api), snapshotLags());
    }

    private synchronized List<Double> snapshotLags() {
        return List.copyOf(lagBlocks);
    }

    static Observed observe(Prometheus before, Prometheus after, List<Double> lagBlocks) {
        String delay = "carbonledger_sync_delay_seconds";
        double count = after.value(delay + "_count").orElse(Double.NaN) - before.value(delay + "_count").orElse(Double.NaN);
        double sum = after.value(delay + "_sum").orElse(Double.NaN) - before.value(delay + "_sum").orElse(Double.NaN);
        double maxLag = lagBlocks.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new Observed(Double.isNaN(count) ? -1 : (long) count, count > 0 ? sum / count : Double.NaN,
                after.value(delay, "quantile", "0.5").orElse(Double.NaN),
                after.value(delay, "quantile", "0.95").orElse(Double.NaN),
                after.value(delay, "quantile", "0.99").orElse(Double.NaN),
                maxLag, lagBlocks.size(), Optional.empty());
    }

    void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(40));
    }
}
