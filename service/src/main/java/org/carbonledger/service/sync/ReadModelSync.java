package org.carbonledger.service.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.carbonledger.client.events.ChangeFeed;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.service.ledger.LedgerGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps the read model following the ledger: one background thread reads the committed blocks, with the private
 * data the organization's peer delivers beside them, from the stored checkpoint and applies each transaction with
 * {@link ChangeApplier}. A rebuild replays the same stream from block 0, so it yields the same rows. On any failure (peer restart, database
 * outage) it backs off and resumes from the checkpoint, so nothing is skipped and nothing applied twice.
 */
@Singleton
@Requires(property = "carbonledger.fabric.connection-file")
public class ReadModelSync implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelSync.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final LedgerGateway gateway;
    private final ReadModelStore store;
    private final ChangeApplier applier;
    private final Counter applied;
    private final Timer delay;
    private final AtomicLong lastBlock = new AtomicLong(-1);
    private static final Duration ERROR_CLEARED_AFTER = Duration.ofSeconds(5);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    /** When the open change feed was opened; null while none is open. */
    private volatile Instant feedOpenedAt;
    private final AtomicReference<ChangeFeed> feed = new AtomicReference<>();
    /** Recently applied transaction ids, for {@link #awaitApplied}; guarded by {@code this.appliedLock}. */
    private final Object appliedLock = new Object();
    private final java.util.LinkedHashMap<String, Long> recentlyApplied = new java.util.LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    };
    private volatile boolean running;
    private Thread thread;

    public ReadModelSync(LedgerGateway gateway, ReadModelStore store, ChangeApplier applier, MeterRegistry meters) {
        this.gateway = gateway;
        this.store = store;
        this.applier = applier;
        this.applied = Counter.builder("carbonledger.sync.transactions").description("ledger transactions applied to the read model").register(meters);
        this.delay = Timer.builder("carbonledger.sync.delay").description("time from a transaction's timestamp to its application in the read model")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
        meters.gauge("carbonledger.sync.block", lastBlock);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "read-model-sync");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    public synchronized void stop() {
        running = false;
        ChangeFeed current = feed.getAndSet(null);
        if (current != null) {
            current.close();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** Drops the read model and replays the ledger from block 0. */
    public synchronized void rebuild() {
        stop();
        applier.clear();
        lastBlock.set(-1);
        start();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try (ChangeFeed opened = ChangeFeed.open(gateway.connection(), checkpoint())) {
                feed.set(opened);
                feedOpenedAt = Instant.now();
                while (running) {
                    LedgerTransaction tx = opened.next();
                    MDC.put("txId", tx.transactionId());
                    try {
                        if (applier.apply(tx)) {
                            applied.increment();
                            delay.record(Duration.between(Instant.parse(tx.timestamp()), Instant.now()));
                        }
                    } finally {
                        MDC.remove("txId");
                    }
                    lastBlock.set(tx.blockNumber());
                    lastError.set(null);
                    synchronized (appliedLock) {
                        recentlyApplied.put(tx.transactionId(), tx.blockNumber());
                        appliedLock.notifyAll();
                    }
                    backoff = Duration.ofMillis(500);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                LOG.warn("read model sync interrupted, resuming from the checkpoint in {} ms: {}", backoff.toMillis(), e.toString());
                // A plain backoff sleep: stop() interrupts it, and the checkpoint makes resuming safe at any point.
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                feedOpenedAt = null;
                feed.set(null);
            }
        }
    }

    private ChangeFeed.Position checkpoint() {
        Optional<Long> block = store.checkpointBlock();
        return block.map(b -> new ChangeFeed.Position(b, store.checkpointTransaction()))
                .orElse(ChangeFeed.Position.start());
    }

    /**
     * Waits until the read model has applied a committed transaction (or a later block), at most {@code timeout}.
     *
     * @return true when it has; false on timeout (the read model is lagging; it will catch up)
     */
    public boolean awaitApplied(String transactionId, long blockNumber, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appliedLock) {
            while (!recentlyApplied.containsKey(transactionId) && lastBlock.get() <= blockNumber) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(appliedLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The last block the read model is up to date through, or -1 before the first: the checkpoint's block, or a later
     * block that held nothing to apply (e.g. the lifecycle transactions of a chaincode upgrade), which the feed has
     * read past.
     */
    public long lastBlock() {
        long checkpoint = store.checkpointBlock().orElse(-1L);
        ChangeFeed current = feed.get();
        return current == null ? checkpoint : Math.max(checkpoint, current.skippedThrough());
    }

    public Optional<String> checkpointTransaction() {
        return store.checkpointTransaction();
    }

    public long appliedTransactions() {
        return store.appliedTransactions().orElse(0L);
    }

    public Optional<String> lastError() {
        // A feed that reopened after the error and has stayed open is past it, even when no block came since (an
        // idle ledger after a peer restart would otherwise stay "degraded" until the next transaction). A feed to an
        // unreachable peer fails within seconds, so staying open that long means the peer answers.
        Instant opened = feedOpenedAt;
        if (opened != null && Duration.between(opened, Instant.now()).compareTo(ERROR_CLEARED_AFTER) >= 0) {
            lastError.set(null);
        }
        return Optional.ofNullable(lastError.get());
    }

    public boolean isRunning() {
        return running;
    }
}
