package org.carbonledger.service.sync;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.ledger.ChainHeight;

/**
 * How far the read model is behind the ledger, in blocks: the peer's last block minus the block of the last
 * transaction applied. Blocks without Carbon Ledger transactions (channel configuration) count until the next
 * Carbon Ledger transaction is applied. Published as the gauge {@code carbonledger.sync.lag.blocks}; the delay in
 * time is the timer {@code carbonledger.sync.delay}.
 */
@Singleton
@Requires(beans = ReadModelSync.class)
public class SyncStatus {
    private final ReadModelSync sync;
    private final ChainHeight height;
    /** Refreshed in the background: a scrape must never wait for the peer or the database. */
    private final AtomicLong lastLag = new AtomicLong(-1);

    public SyncStatus(ReadModelSync sync, ChainHeight height, MeterRegistry meters) {
        this.sync = sync;
        this.height = height;
        Gauge.builder("carbonledger.sync.lag.blocks", lastLag, AtomicLong::get)
                .description("blocks on the peer not yet reflected in the read model, measured every 5 s (-1: unknown)")
                .register(meters);
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void refresh() {
        lastLag.set(lagBlocks().orElse(-1));
    }

    /** The lag in blocks, or empty when the peer cannot be asked. */
    public OptionalLong lagBlocks() {
        try {
            long lastBlock = height.blocks() - 1;
            return OptionalLong.of(Math.max(0, lastBlock - Math.max(sync.lastBlock(), 0)));
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("running", sync.isRunning())
                .put("checkpointBlock", sync.lastBlock());
        sync.checkpointTransaction().ifPresent(tx -> b.put("checkpointTransaction", tx));
        b.put("appliedTransactions", sync.appliedTransactions());
        try {
            long blocks = height.blocks();
            b.put("ledgerHeight", blocks).put("lagBlocks", Math.max(0, blocks - 1 - Math.max(sync.lastBlock(), 0)));
        } catch (RuntimeException e) {
            b.put("ledgerError", e.getMessage());
        }
        sync.lastError().ifPresent(error -> b.put("lastError", error));
        return b.build();
    }
}
