package org.carbonledger.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.carbonledger.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class LedgerRefusalTest {

    @Test
    void reads_code_and_message_from_a_peer_error() {
        var refusal = LedgerRefusal.parse("chaincode response 500, MASS_BALANCE_EXCEEDED: quantity \"30 t\": exceeds 25 t");
        assertThat(refusal).contains(new LedgerRefusal(ErrorCode.MASS_BALANCE_EXCEEDED, "quantity \"30 t\": exceeds 25 t"));
    }

    @Test
    void ignores_errors_that_are_not_chaincode_refusals() {
        assertThat(LedgerRefusal.parse("rpc error: code = Unavailable desc = connection refused")).isEmpty();
        assertThat(LedgerRefusal.parse("chaincode response 500, Unexpected error")).isEmpty();
        assertThat(LedgerRefusal.parse("chaincode response 500, NOT_A_CODE: x")).isEmpty();
    }
}
