package org.carbonledger.bench.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTest {
    /** As the service exposes it (Micrometer's Prometheus registry), trimmed. */
    private static final String SCRAPE = """
            # HELP carbonledger_sync_delay_seconds time from a transaction's timestamp to its application in the read model
            # TYPE carbonledger_sync_delay_seconds summary
            carbonledger_sync_delay_seconds{quantile="0.5"} 1.275068416
            carbonledger_sync_delay_seconds{quantile="0.95"} 1.543503872
            carbonledger_sync_delay_seconds_count 8
            carbonledger_sync_delay_seconds_sum 7.185759346
            carbonledger_sync_lag_blocks 0.0
            http_server_requests_seconds_count{exception="none",method="GET",status="200",uri="/api/v1/batches/{gtin}/{lot}"} 12 1700000000000
            broken{quantile="0.5" 3
            weird_value NotANumber
            """;

    @Test
    void reads_samples_by_name_and_labels() {
        Prometheus p = Prometheus.parse(SCRAPE);
        assertThat(p.value("carbonledger_sync_delay_seconds", "quantile", "0.95")).contains(1.543503872);
        assertThat(p.value("carbonledger_sync_delay_seconds", "quantile", "0.5")).contains(1.275068416);
        assertThat(p.value("carbonledger_sync_delay_seconds_count")).contains(8.0);
        assertThat(p.value("carbonledger_sync_lag_blocks")).contains(0.0);
        // Labels with commas-free values and a trailing timestamp.
        assertThat(p.value("http_server_requests_seconds_count", "uri", "/api/v1/batches/{gtin}/{lot}", "method", "GET"))
                .contains(12.0);
    }

    @Test
    void skips_lines_it_cannot_read_instead_of_guessing() {
        Prometheus p = Prometheus.parse(SCRAPE);
        assertThat(p.value("broken")).isEmpty();
        assertThat(p.value("weird_value")).isEmpty();
        assertThat(p.value("carbonledger_sync_delay_seconds", "quantile", "0.99")).isEmpty();
        assertThat(p.samples()).hasSize(6);
    }

    @Test
    void label_values_may_hold_braces_commas_and_escaped_quotes() {
        Prometheus p = Prometheus.parse("m{a=\"x,y}\",b=\"say \\\"hi\\\"\"} 7\n");
        assertThat(p.samples()).hasSize(1);
        assertThat(p.samples().get(0).labels()).containsEntry("a", "x,y}").containsEntry("b", "say \"hi\"");
        assertThat(p.value("m", "a", "x,y}")).contains(7.0);
    }
}
