package org.carbonledger.core.ledger;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;

/**
 * A state the chaincode keeps in the world state, as a typed value: each kind has one strict reader
 * ({@code fromJson(JsonObject, path)}) and its writer ({@link #toJson()}) side by side, so what the chaincode writes
 * and what every reader off the chain (verifier, read model, CLI, bench) reads cannot drift apart.
 *
 * <pre>{@code
 * LedgerState state = LedgerState.read(StateKeys.BATCH, json, "BATCH/09506000134352/COIL-7");
 * if (state instanceof StoredBatch batch) { ... }
 * }</pre>
 */
public sealed interface LedgerState permits StoredAttestation, StoredBatch, StoredBatchIndex, StoredConsortium,
        StoredDataset, StoredDevice, StoredFactor, StoredIdClaim, StoredOrganization, StoredOwnership, StoredProduct,
        StoredProposal, StoredRecord, StoredRecordSet, StoredRecordTransaction, StoredDesignation, StoredRole,
        StoredTransfer, StoredTransferIndex {

    /** @return the state as the chaincode stores it (written canonically, so member order does not matter) */
    JsonObject toJson();

    /**
     * The reader of each key type of {@link StateKeys}. The id type holds only claims (a record's in its owner's
     * collection, the others' on the public state), told apart by their {@code kind} member; a batch's records are
     * stored by transaction, {@link StoredRecordSet}. A {@link StoredRecord} is a state only inside such a set.
     */
    Map<String, BiFunction<JsonObject, String, LedgerState>> READERS = Map.ofEntries(
            Map.entry(StateKeys.CONSORTIUM, StoredConsortium::fromJson),
            Map.entry(StateKeys.ORGANIZATION, StoredOrganization::fromJson),
            Map.entry(StateKeys.OWNERSHIP, StoredOwnership::fromJson),
            Map.entry(StateKeys.ROLE, StoredRole::fromJson),
            Map.entry(StateKeys.PROPOSAL, StoredProposal::fromJson),
            Map.entry(StateKeys.DEVICE, StoredDevice::fromJson),
            Map.entry(StateKeys.FACTOR, StoredFactor::fromJson),
            Map.entry(StateKeys.DATASET, StoredDataset::fromJson),
            Map.entry(StateKeys.PRODUCT, StoredProduct::fromJson),
            Map.entry(StateKeys.BATCH, StoredBatch::fromJson),
            Map.entry(StateKeys.BATCH_BY_OWNER, StoredBatchIndex::fromJson),
            Map.entry(StateKeys.ID, StoredIdClaim::fromJson),
            Map.entry(StateKeys.RECORD_INDEX, StoredRecordSet::fromJson),
            Map.entry(StateKeys.RECORD_TRANSACTION, StoredRecordTransaction::fromJson),
            Map.entry(StateKeys.DESIGNATION, StoredDesignation::fromJson),
            Map.entry(StateKeys.TRANSFER, StoredTransfer::fromJson),
            Map.entry(StateKeys.TRANSFER_BY_SOURCE, StoredTransferIndex::fromJson),
            Map.entry(StateKeys.TRANSFER_BY_RECEIVER, StoredTransferIndex::fromJson),
            Map.entry(StateKeys.ATTESTATION, StoredAttestation::fromJson));

    /**
     * Reads a state of any kind strictly.
     *
     * @param type its key type, one of the {@link StateKeys} constants
     * @param json the stored JSON
     * @param path its path (usually the readable key), for error messages
     * @return the typed state
     * @throws LedgerRuleException (INVALID_ARGUMENT) for an unknown type or a state that does not read
     */
    static LedgerState read(String type, JsonObject json, String path) {
        Objects.requireNonNull(type, "type");
        BiFunction<JsonObject, String, LedgerState> reader = READERS.get(type);
        if (reader == null) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, type, "not a ledger state type");
        }
        return reader.apply(Objects.requireNonNull(json, "json"), Objects.requireNonNull(path, "path"));
    }
}
