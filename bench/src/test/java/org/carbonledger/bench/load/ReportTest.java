package org.carbonledger.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.carbonledger.bench.load.BulkSubmitter.TxOutcome;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void percentiles_are_nearest_rank_in_milliseconds() {
        // 1..100 ms of endorsement: nearest rank gives exactly 50, 95 and 99.
        List<TxOutcome> outcomes = IntStream.rangeClosed(1, 100)
                .mapToObj(ms -> new TxOutcome(500, ms * 1_000_000L, 1, 1, "VALID", 1)).toList();
        Report.Percentiles p = Report.Percentiles.of(outcomes, TxOutcome::endorseNanos);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p95()).isEqualTo(95.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void stages_a_transaction_never_reached_are_left_out() {
        List<TxOutcome> outcomes = List.of(
                new TxOutcome(100, 2_000_000, 1, 7_000_000, "VALID", 3),
                new TxOutcome(100, 4_000_000, -1, -1, "SUBMIT_FAILED", -1));
        Report.Percentiles commit = Report.Percentiles.of(outcomes, TxOutcome::commitNanos);
        assertThat(commit.count()).isEqualTo(1);
        assertThat(commit.p99()).isEqualTo(7.0);
        assertThat(outcomes.get(1).valid()).isFalse();
        assertThat(outcomes.get(1).committed()).isFalse();
    }

    @Test
    void service_over_direct_per_pair_and_their_median() {
        List<Double> ratios = Report.ratios(List.of(400.0, 300.0, 0.0, 200.0), List.of(360.0, 330.0, 50.0, 100.0));
        // The pair with no direct throughput cannot give a ratio and is left out.
        assertThat(ratios).containsExactly(0.9, 1.1, 0.5);
        assertThat(Report.median(ratios)).isEqualTo(0.9);
        assertThat(Report.median(List.of(1.0, 4.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Report.median(List.of())).isNaN();
    }

    @Test
    void probe_lags_ignore_unreached_values() {
        Report.Percentiles p = Report.Percentiles.ofNanos(new long[] {30_000_000, -1, 10_000_000, 20_000_000});
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.p50()).isEqualTo(20.0);
        assertThat(p.p95()).isEqualTo(30.0);
    }
}
