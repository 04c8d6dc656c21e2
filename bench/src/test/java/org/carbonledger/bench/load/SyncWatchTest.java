package org.carbonledger.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.carbonledger.bench.service.Prometheus;
import org.junit.jupiter.api.Test;

class SyncWatchTest {

    @Test
    void the_mean_delay_is_over_this_measurement_only() {
        Prometheus before = Prometheus.parse("""
                carbonledger_sync_delay_seconds_count 10
                carbonledger_sync_delay_seconds_sum 100
                """);
        Prometheus after = Prometheus.parse("""
                carbonledger_sync_delay_seconds{quantile="0.5"} 2.0
                carbonledger_sync_delay_seconds{quantile="0.95"} 4.5
                carbonledger_sync_delay_seconds{quantile="0.99"} 6.0
                carbonledger_sync_delay_seconds_count 50
                carbonledger_sync_delay_seconds_sum 220
                """);
        SyncWatch.Observed o = SyncWatch.observe(before, after, List.of(0.0, 3.0, 1.0));
        // 40 transactions took 120 s in all: 3 s each, whatever happened before.
        assertThat(o.transactions()).isEqualTo(40);
        assertThat(o.meanDelaySeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(o.p95()).isEqualTo(4.5);
        assertThat(o.maxLagBlocks()).isEqualTo(3.0);
        assertThat(o.scrapes()).isEqualTo(3);
    }

    @Test
    void missing_metrics_are_not_a_number_not_zero() {
        SyncWatch.Observed o = SyncWatch.observe(Prometheus.parse(""), Prometheus.parse(""), List.of());
        assertThat(o.meanDelaySeconds()).isNaN();
        assertThat(o.p95()).isNaN();
        assertThat(o.maxLagBlocks()).isNaN();
        assertThat(Report.syncLine(o)).contains("mean n/a").contains("lag max n/a blocks over 0 scrapes");
    }
}
