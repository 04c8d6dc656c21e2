package org.carbonledger.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.junit.jupiter.api.Test;

class LedgerRefusalTest {

    @Test
    void reads_code_field_message_and_refused_record_from_a_peer_error() {
        Refusal sent = new Refusal(ErrorCode.UNIT_MISMATCH, "records[3].activity.unit",
                "records[3]: activity.unit \"kg\": the factor is per kWh",
                Optional.of(new Refusal.Item(3, Optional.of("0b9f0000-0000-4000-8000-000000000001"))));

        var read = LedgerRefusal.parse("chaincode response 500, " + sent.toJsonText());

        assertThat(read).contains(new LedgerRefusal(sent));
        assertThat(read.orElseThrow().item().orElseThrow().index()).isEqualTo(3);
        assertThat(read.orElseThrow().field()).isEqualTo("records[3].activity.unit");
    }

    @Test
    void reads_a_refusal_that_names_no_field_or_record() {
        Refusal sent = new Refusal(ErrorCode.MASS_BALANCE_EXCEEDED, "", "exceeds 25 t", Optional.empty());

        assertThat(LedgerRefusal.parse("chaincode response 500, " + sent.toJsonText())).contains(new LedgerRefusal(sent));
    }

    @Test
    void ignores_errors_that_are_not_chaincode_refusals() {
        assertThat(LedgerRefusal.parse("rpc error: code = Unavailable desc = connection refused")).isEmpty();
        assertThat(LedgerRefusal.parse("chaincode response 500, Unexpected error")).isEmpty();
        assertThat(LedgerRefusal.parse("chaincode response 500, MASS_BALANCE_EXCEEDED: old text form")).isEmpty();
        assertThat(LedgerRefusal.parse("chaincode response 500, {\"code\":\"NOT_A_CODE\",\"field\":\"\",\"message\":\"x\"}"))
                .isEmpty();
    }
}
