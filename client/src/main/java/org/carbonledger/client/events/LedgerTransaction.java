package org.carbonledger.client.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.json.JsonObject;

/**
 * One committed, valid transaction: where it is on the ledger and every state it changed, in order, as its chaincode
 * event lists them with the values of its write set ({@link BlockTransactions}). The read model applies these and
 * nothing else.
 */
public record LedgerTransaction(long blockNumber, String transactionId, String timestamp, String mspId,
                                String function, List<Change> changes) {

    /** A state written (value present) or deleted (value empty) by the transaction. */
    public record Change(String type, String key, Optional<JsonObject> value) {
        public Change {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public LedgerTransaction {
        Objects.requireNonNull(transactionId, "transactionId");
        changes = List.copyOf(changes);
    }
}
