package org.carbonledger.service.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.carbonledger.service.ledger.ChainHeight;
import org.carbonledger.service.ledger.LedgerGateway;
import org.carbonledger.service.sync.ReadModelSync;

/**
 * {@code ledger}: the organization's peer answers (channel height), and {@code readModel}: how far the read model
 * is behind it. The peer is asked at most once per {@value #CACHE_SECONDS} seconds, however often health is polled.
 * The read model lagging more than {@code carbonledger.health.max-lag-blocks} blocks, or its sync stopped on an
 * error, is {@code DEGRADED}: queries still answer, from older data.
 */
@Singleton
@Readiness
@Requires(beans = LedgerGateway.class)
public class LedgerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private static final long CACHE_SECONDS = 5;
    private static final HealthStatus DEGRADED = new HealthStatus("DEGRADED", "read model lagging behind the ledger", true, 1000);

    private final ChainHeight height;
    private final ReadModelSync sync;
    private final long maxLagBlocks;
    private final LedgerGateway gateway;
    private volatile Snapshot snapshot;

    public LedgerHealthIndicator(ChainHeight height, ReadModelSync sync, LedgerGateway gateway,
                                 @io.micronaut.context.annotation.Value("${carbonledger.health.max-lag-blocks:20}") long maxLagBlocks) {
        this.height = height;
        this.sync = sync;
        this.gateway = gateway;
        this.maxLagBlocks = maxLagBlocks;
    }

    private record Snapshot(long takenAt, long blocks, String error) {
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Snapshot s = current();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("peer", gateway.profile().gatewayPeer().address());
        details.put("channel", gateway.profile().channel());
        long applied = sync.lastBlock();
        details.put("readModelBlock", applied);
        sync.lastError().ifPresent(e -> details.put("syncError", e));
        if (s.error() != null) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", s.error());
            return details;
        }
        long lag = Math.max(0, s.blocks() - 1 - Math.max(applied, 0));
        details.put("ledgerHeight", s.blocks());
        details.put("lagBlocks", lag);
        healthStatus = lag > maxLagBlocks || sync.lastError().isPresent() || !sync.isRunning() ? DEGRADED : HealthStatus.UP;
        return details;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.takenAt() > Duration.ofSeconds(CACHE_SECONDS).toNanos()) {
            try {
                s = new Snapshot(now, height.blocks(), null);
            } catch (RuntimeException e) {
                s = new Snapshot(now, -1, e.getMessage());
            }
            snapshot = s;
        }
        return s;
    }

    @Override
    protected String getName() {
        return "ledger";
    }
}
