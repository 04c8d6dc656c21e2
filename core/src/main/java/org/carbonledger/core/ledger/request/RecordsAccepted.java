package org.carbonledger.core.ledger.request;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;

/**
 * The answer of {@code SubmitRecords}: {@code {"txId","accepted":n}}. A chaincode's answer is part of the endorsed
 * response that every member's peer stores in the block, so it says how many records were accepted and nothing of
 * which or how much; the submitter reads the stored records back from its own peer
 * ({@code ListTransactionRecords}).
 *
 * @param txId the transaction that stored them
 * @param accepted how many records it stored
 */
public record RecordsAccepted(String txId, int accepted) {

    public static final List<String> MEMBERS = List.of("txId", "accepted");

    /** Null-checks the id; a transaction stores at least one record. */
    public RecordsAccepted {
        Objects.requireNonNull(txId, "txId");
        if (accepted < 1) {
            throw new IllegalArgumentException("accepted must be at least 1, was " + accepted);
        }
    }

    /**
     * @param json the answer
     * @param path its JSON path, for error messages
     * @return the answer
     */
    public static RecordsAccepted fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new RecordsAccepted(StateReader.txId(r, "txId"), (int) r.requireInteger("accepted", 1, Integer.MAX_VALUE));
    }

    public JsonObject toJson() {
        return JsonObject.builder().put("txId", txId).put("accepted", (long) accepted).build();
    }
}
