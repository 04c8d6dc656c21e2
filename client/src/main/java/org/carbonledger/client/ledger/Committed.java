package org.carbonledger.client.ledger;

import java.util.Objects;

import org.carbonledger.core.json.JsonValue;

/** A transaction committed as VALID: its id, its block, and the chaincode's result. */
public record Committed(String transactionId, long blockNumber, JsonValue result) {
    public Committed {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(result, "result");
    }
}
