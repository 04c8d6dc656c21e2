package org.carbonledger.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.carbonledger.bench.load.BulkSubmitter.TxOutcome;
import org.junit.jupiter.api.Test;

class ServiceSubmitterTest {
    private final List<String> notes = new ArrayList<>();

    @Test
    void a_201_with_every_record_accepted_is_valid_and_names_its_block() {
        String body = """
                {"accepted":500,"replayed":0,"transactions":[{"transactionId":"ab12","blockNumber":731,"records":500}],"records":[]}""";
        TxOutcome o = ServiceSubmitter.outcome(500, 2_500_000_000L, 201, body, notes::add);
        assertThat(o.valid()).isTrue();
        assertThat(o.block()).isEqualTo(731);
        assertThat(o.commitNanos()).isEqualTo(2_500_000_000L);
        assertThat(o.endorseNanos()).isEqualTo(-1);
        assertThat(notes).isEmpty();
    }

    @Test
    void replays_refusals_and_garbage_do_not_count() {
        TxOutcome partial = ServiceSubmitter.outcome(500, 1, 201,
                "{\"accepted\":499,\"replayed\":1,\"transactions\":[],\"records\":[]}", notes::add);
        assertThat(partial.valid()).isFalse();
        assertThat(partial.code()).isEqualTo("PARTIAL");
        TxOutcome refused = ServiceSubmitter.outcome(500, 1, 503, "{\"title\":\"ledger unavailable\"}", notes::add);
        assertThat(refused.valid()).isFalse();
        assertThat(refused.code()).isEqualTo("HTTP_503");
        assertThat(refused.committed()).isTrue();
        TxOutcome garbage = ServiceSubmitter.outcome(500, 1, 201, "<html>", notes::add);
        assertThat(garbage.code()).isEqualTo("UNREADABLE");
        assertThat(notes).hasSize(3).anyMatch(n -> n.contains("HTTP 503")).anyMatch(n -> n.contains("499 of 500"));
    }
}
