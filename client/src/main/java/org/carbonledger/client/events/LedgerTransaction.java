package org.carbonledger.client.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.json.JsonObject;

/**
 * One committed, valid transaction: where it is on the ledger and every state it changed that the reader may see, in
 * order: first its public changes, as its chaincode event lists them with the values of its write set, then its
 * private changes, as the reader's peer delivered them from the collections its organization belongs to
 * ({@link BlockTransactions}). The read model applies these and nothing else, so it holds exactly what its member may
 * see.
 */
public record LedgerTransaction(long blockNumber, String transactionId, String timestamp, String mspId,
                                String function, List<Change> changes) {

    /**
     * A state written (value present) or deleted (value empty) by the transaction.
     *
     * @param type the state's type: for a public state the one its change event names; for a private one derived from
     *             its key: each record of a record set {@code RECORDS/…} is a {@code "record"} keyed {@code ID/<recordId>}
     * @param key the readable key, {@code TYPE/attribute/…}, the same whether the state is public or private
     * @param value the state's JSON, empty when the transaction deleted it
     * @param collection empty for a public state; for a private one the collection the reader's peer delivered it
     *                   from (e.g. {@code org_SteelCoMSP}). A transaction's private state appears once even
     *                   when the reader holds it in several collections: then this names the first in name order.
     */
    public record Change(String type, String key, Optional<JsonObject> value, Optional<String> collection) {
        public Change {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(collection, "collection");
        }

        /** A change of the public world state. */
        public Change(String type, String key, Optional<JsonObject> value) {
            this(type, key, value, Optional.empty());
        }

        /** @return true for a state read from a private data collection */
        public boolean isPrivate() {
            return collection.isPresent();
        }
    }

    public LedgerTransaction {
        Objects.requireNonNull(transactionId, "transactionId");
        changes = List.copyOf(changes);
    }
}
