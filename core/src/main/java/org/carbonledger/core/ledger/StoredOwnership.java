package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * An organization's ownership sequence as the chaincode stores it under {@code OWNERSHIP/<mspId>}: advanced by every
 * creation in the organization's name, so such creations need its own endorsement.
 * <pre>{@code {"mspId","sequence":n,"txId"}}</pre>
 *
 * @param mspId the organization
 * @param sequence how many creations it has made
 * @param txId the transaction that last advanced it
 */
public record StoredOwnership(String mspId, long sequence, String txId) implements LedgerState {

    public static final List<String> MEMBERS = List.of("mspId", "sequence", "txId");
    /** The largest sequence: one below the largest integer canonical JSON carries exactly, so it can advance. */
    public static final long MAX_SEQUENCE = 9_007_199_254_740_990L;

    /** Null-checks every part. */
    public StoredOwnership {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the ownership sequence
     */
    public static StoredOwnership fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredOwnership(StateReader.mspId(r, "mspId"), r.requireInteger("sequence", 0, MAX_SEQUENCE),
                StateReader.txId(r, "txId"));
    }

    /**
     * @param txId the transaction that advances it
     * @return the sequence after one more creation
     */
    public StoredOwnership next(String txId) {
        return new StoredOwnership(mspId, sequence + 1, txId);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder().put("mspId", mspId).put("sequence", sequence).put("txId", txId).build();
    }
}
