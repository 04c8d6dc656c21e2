package org.carbonledger.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaults_are_the_documented_run() {
        LoadOptions o = LoadOptions.parse();
        assertThat(o.records()).isEqualTo(20_000);
        assertThat(o.batchSizes()).containsExactly(500);
        assertThat(o.inFlights()).containsExactly(8);
        assertThat(o.repeats()).isEqualTo(1);
        assertThat(o.warmup()).isEqualTo(10_000);
        assertThat(o.maxDuration()).isEqualTo(Duration.ofSeconds(900));
        assertThat(o.endorseOnly()).isFalse();
        assertThat(o.timeOrderedIds()).isFalse();
        assertThat(o.recordsIn()).isEqualTo(RecordsIn.TRANSIENT);
    }

    @Test
    void records_travel_as_arguments_or_in_the_transient_map_and_nothing_else() {
        assertThat(LoadOptions.parse("--records-in", "arguments").recordsIn()).isEqualTo(RecordsIn.ARGUMENTS);
        assertThat(LoadOptions.parse("--records-in", "transient").recordsIn()).isEqualTo(RecordsIn.TRANSIENT);
        assertThatThrownBy(() -> LoadOptions.parse("--records-in", "private"))
                .hasMessage("--records-in \"private\": expected arguments or transient");
    }

    @Test
    void record_ids_are_random_or_time_ordered_and_nothing_else() {
        assertThat(LoadOptions.parse("--ids", "time-ordered").timeOrderedIds()).isTrue();
        assertThat(LoadOptions.parse("--ids", "random").timeOrderedIds()).isFalse();
        assertThatThrownBy(() -> LoadOptions.parse("--ids", "sequential")).hasMessageContaining("--ids \"sequential\"");
    }

    @Test
    void reads_lists_of_batch_sizes_and_in_flight_counts() {
        LoadOptions o = LoadOptions.parse("--network", "/tmp/run", "--records", "1000", "--batch", "100,500",
                "--in-flight", "4,8,16", "--repeat", "3", "--warmup", "0", "--endorse-only", "--json", "/tmp/x.jsonl");
        assertThat(o.networkDir()).isEqualTo(Path.of("/tmp/run"));
        assertThat(o.batchSizes()).isEqualTo(List.of(100, 500));
        assertThat(o.inFlights()).isEqualTo(List.of(4, 8, 16));
        assertThat(o.repeats()).isEqualTo(3);
        assertThat(o.endorseOnly()).isTrue();
        assertThat(o.json()).contains(Path.of("/tmp/x.jsonl"));
    }

    @Test
    void refuses_unbounded_or_oversized_runs() {
        assertThatThrownBy(() -> LoadOptions.parse("--records", "200001")).hasMessageContaining("--records");
        assertThatThrownBy(() -> LoadOptions.parse("--batch", "1001")).hasMessageContaining("--batch");
        assertThatThrownBy(() -> LoadOptions.parse("--in-flight", "0")).hasMessageContaining("--in-flight");
        assertThatThrownBy(() -> LoadOptions.parse("--repeat", "11")).hasMessageContaining("--repeat");
        assertThatThrownBy(() -> LoadOptions.parse("--max-seconds", "0")).hasMessageContaining("--max-seconds");
    }

    @Test
    void names_the_option_that_is_wrong() {
        assertThatThrownBy(() -> LoadOptions.parse("--records", "many")).hasMessage("--records \"many\": not an integer");
        assertThatThrownBy(() -> LoadOptions.parse("--speed", "1")).hasMessage("unknown option --speed");
        assertThatThrownBy(() -> LoadOptions.parse("--batch")).hasMessage("--batch needs a value");
    }

    @Test
    void service_mode_needs_its_clients_file_and_a_batch_that_is_one_transaction() {
        LoadOptions o = LoadOptions.parse("--service", "https://localhost:8443", "--client-env", "/tmp/c.env", "--compare",
                "--lag-probe", "--batch", "100,500");
        assertThat(o.service()).contains(java.net.URI.create("https://localhost:8443"));
        assertThat(o.clientEnv()).contains(Path.of("/tmp/c.env"));
        assertThat(o.compare()).isTrue();
        assertThat(o.lagProbe()).isTrue();
        assertThat(LoadOptions.parse().service()).isEmpty();
        assertThatThrownBy(() -> LoadOptions.parse("--service", "https://localhost:8443"))
                .hasMessageContaining("--service needs --client-env");
        assertThatThrownBy(() -> LoadOptions.parse("--compare")).hasMessage("--compare needs --service");
        assertThatThrownBy(() -> LoadOptions.parse("--lag-probe")).hasMessage("--lag-probe needs --service");
        assertThatThrownBy(() -> LoadOptions.parse("--service", "https://localhost:8443", "--client-env", "/tmp/c.env",
                "--batch", "1000")).hasMessageContaining("1..500 with --service");
        assertThatThrownBy(() -> LoadOptions.parse("--service", "https://localhost:8443", "--client-env", "/tmp/c.env",
                "--endorse-only")).hasMessageContaining("--endorse-only");
        assertThatThrownBy(() -> LoadOptions.parse("--service", "http://localhost:8443", "--client-env", "/tmp/c.env"))
                .hasMessage("--service \"http://localhost:8443\": expected https://HOST:PORT");
    }
}
