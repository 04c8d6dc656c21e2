package org.carbonledger.bench.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceException;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.apiclient.ServiceUnreachableException;

/**
 * Read-model lag as a client sees it: for each transaction the Gateway reported committed VALID (on SteelCo's peer,
 * the one the SteelCo service follows), the time until its last record can be read through the service's read API
 * ({@code GET /api/v1/batches/{gtin}/{lot}/records/{recordId}} answers 200 instead of 404). One thread sweeps all
 * pending transactions every {@link #INTERVAL}, one GET each, so the resolution is that interval plus one request,
 * and the probe adds at most one read per pending transaction per interval to the service's load.
 */
final class LagProbe {
    static final Duration INTERVAL = Duration.ofMillis(20);

    private record Pending(LoadFixture.PreparedTransaction tx, long committedNanos) {
    }

    /** Commit-to-visible times (ns) of the transactions seen, how many were never seen, and probe errors. */
    record Result(long[] lagNanos, int unseen, List<String> errors) {
    }

    private final ServiceClient api;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<Long> lags = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    LagProbe(ServiceClient api) {
        this.api = Objects.requireNonNull(api, "api");
        this.thread = new Thread(this::sweep, "lag-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Called by a load worker the moment the Gateway answered VALID for {@code tx}. */
    void committed(LoadFixture.PreparedTransaction tx, long committedNanos) {
        outstanding.incrementAndGet();
        queue.add(new Pending(tx, committedNanos));
    }

    /** Waits until every committed transaction was seen (at most {@code timeout}), then stops and reports. */
    Result finish(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis());
        }
        close();
        synchronized (this) {
            return new Result(lags.stream().mapToLong(Long::longValue).toArray(), outstanding.get(), List.copyOf(errors));
        }
    }

    void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(35));
    }

    private void sweep() {
        while (running) {
            for (Pending p = queue.poll(); p != null; p = queue.poll()) {
                pending.add(p);
            }
            for (Iterator<Pending> it = pending.iterator(); it.hasNext() && running; ) {
                Pending p = it.next();
                try {
                    ServiceResponse r = api.send(ServiceRequest.get(path(p.tx())).withTimeout(Duration.ofSeconds(30)));
                    if (r.status() == 200) {
                        long seen = System.nanoTime();
                        synchronized (this) {
                            lags.add(seen - p.committedNanos());
                        }
                        outstanding.decrementAndGet();
                        it.remove();
                    } else if (r.status() != 404) {
                        error("HTTP " + r.status() + " " + r.excerpt());
                    }
                } catch (ServiceUnreachableException e) {
                    if (e.reason() == ServiceUnreachableException.Reason.INTERRUPTED) {
                        return;
                    }
                    error(e.toString());
                } catch (ServiceException e) {
                    error(e.toString());
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void error(String message) {
        if (errors.size() < 5) {
            errors.add(message);
        }
    }

    static String path(LoadFixture.PreparedTransaction tx) {
        return "/api/v1/batches/" + encode(tx.batch().gtin().value()) + "/" + encode(tx.batch().lot().value())
                + "/records/" + encode(tx.lastRecordId());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
