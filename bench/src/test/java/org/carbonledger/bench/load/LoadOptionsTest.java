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
}
