package org.carbonledger.client.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * One committed, valid transaction as its chaincode event describes it: where it is on the ledger and every state
 * it changed, in order. The read model applies these and nothing else.
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

    /** Parses the payload of a {@code carbonledger.changes} event of the given block. */
    public static LedgerTransaction parse(long blockNumber, byte[] payload) {
        JsonObjectReader event = JsonObjectReader.of(Json.parseObject(payload, "event"), "");
        List<Change> changes = new ArrayList<>();
        JsonArray list = event.requireArray("changes");
        for (int i = 0; i < list.size(); i++) {
            String path = "changes[" + i + "]";
            JsonObjectReader c = JsonObjectReader.of(JsonObjectReader.asObject(list.get(i), path), path);
            Optional<JsonObject> value = c.has("value") ? Optional.of(c.requireObject("value").object()) : Optional.empty();
            changes.add(new Change(c.requireString("type"), c.requireString("key"), value));
        }
        return new LedgerTransaction(blockNumber, event.requireString("txId"), event.requireString("timestamp"),
                event.requireString("mspId"), event.requireString("function"), changes);
    }
}
