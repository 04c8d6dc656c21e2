package org.carbonledger.core.ledger;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * An entry of either transfer index, {@code TRANSFER_BY_SOURCE/<gtin14>/<lot>/<transferId>} or
 * {@code TRANSFER_BY_RECEIVER/<mspId>/<transferId>}:
 * <pre>{@code {"transferId"}}</pre>
 *
 * @param transferId the indexed transfer
 */
public record StoredTransferIndex(LedgerId transferId) implements LedgerState {

    public static final List<String> MEMBERS = List.of("transferId");

    /** Null-checks the id. */
    public StoredTransferIndex {
        Objects.requireNonNull(transferId, "transferId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the index entry
     */
    public static StoredTransferIndex fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredTransferIndex(LedgerId.parse(r.requireString("transferId"), r.path("transferId")));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder().put("transferId", transferId.value()).build();
    }
}
