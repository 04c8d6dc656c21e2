package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The consortium's member list as the chaincode stores it under the simple key {@code CONSORTIUM}:
 * <pre>{@code {"members":[msp,…] (sorted),"bootstrappedBy","bootstrappedAt","txId"}}</pre>
 *
 * @param members the member organizations, sorted
 * @param bootstrappedBy the organization whose admin bootstrapped it
 * @param bootstrappedAt when
 * @param txId the bootstrapping transaction
 */
public record StoredConsortium(List<String> members, String bootstrappedBy, Instant bootstrappedAt, String txId)
        implements LedgerState {

    public static final List<String> MEMBERS = List.of("members", "bootstrappedBy", "bootstrappedAt", "txId");

    /** Null-checks every part and copies the member list. */
    public StoredConsortium {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        Objects.requireNonNull(bootstrappedBy, "bootstrappedBy");
        Objects.requireNonNull(bootstrappedAt, "bootstrappedAt");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the consortium
     */
    public static StoredConsortium fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredConsortium(StateReader.mspIds(r, "members"), StateReader.mspId(r, "bootstrappedBy"),
                StateReader.instant(r, "bootstrappedAt"), StateReader.txId(r, "txId"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("members", StateReader.strings(members))
                .put("bootstrappedBy", bootstrappedBy)
                .put("bootstrappedAt", bootstrappedAt.toString())
                .put("txId", txId)
                .build();
    }
}
