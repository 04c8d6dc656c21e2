package org.carbonledger.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.junit.jupiter.api.Test;

/** Calls by operation reach the chaincode under the operation's contract and transaction, and only as intended. */
class LedgerCallsTest {

    /** Records what reaches the chaincode. */
    private static final class Recording implements LedgerCalls {
        final List<String> calls = new ArrayList<>();

        @Override
        public Committed submit(String contract, String transaction, String... args) {
            calls.add("submit " + contract + ":" + transaction + " " + List.of(args));
            return new Committed("a".repeat(64), 7, JsonString.of("ok"));
        }

        @Override
        public Committed submit(LedgerOperation operation, Endorsement endorsement, String... args) {
            calls.add("submit " + operation.qualifiedName() + " " + endorsement + " " + List.of(args));
            return new Committed("a".repeat(64), 7, JsonString.of("ok"));
        }

        @Override
        public String mspId() {
            return "SteelCoMSP";
        }

        @Override
        public JsonValue evaluate(String contract, String transaction, String... args) {
            calls.add("evaluate " + contract + ":" + transaction + " " + List.of(args));
            return JsonString.of("ok");
        }
    }

    @Test
    void an_operation_is_called_under_its_contract_and_transaction() {
        Recording ledger = new Recording();
        ledger.submit(LedgerOperation.SEAL_BATCH, "09506000134352", "COIL-7");
        ledger.evaluate(LedgerOperation.GET_TRANSFER, "t-1");
        assertThat(ledger.calls).containsExactly("submit Batches:SealBatch [09506000134352, COIL-7]",
                "evaluate Transfers:GetTransfer [t-1]");
    }

    @Test
    void a_query_is_never_submitted_for_ordering() {
        Recording ledger = new Recording();
        assertThatThrownBy(() -> ledger.submit(LedgerOperation.GET_BATCH, "09506000134352", "COIL-7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Batches:GetBatch is a query");
        assertThat(ledger.calls).isEmpty();
    }
}
