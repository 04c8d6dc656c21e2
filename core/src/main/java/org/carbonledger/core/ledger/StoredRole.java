package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A role an organization holds, as the chaincode stores it under {@code ROLE/<mspId>/<role>} (a revocation
 * deletes the key):
 * <pre>{@code {"mspId","role":"PRODUCER"|"CERTIFIER","grantedAt","proposalId","txId"}}</pre>
 *
 * @param mspId the organization holding the role
 * @param role {@link #PRODUCER} or {@link #CERTIFIER}
 * @param grantedAt when the granting proposal was executed
 * @param proposalId the proposal that granted it
 * @param txId the transaction that executed the proposal
 */
public record StoredRole(String mspId, String role, Instant grantedAt, LedgerId proposalId, String txId)
        implements LedgerState {

    /** The role of organizations that make products, batches and records. */
    public static final String PRODUCER = "PRODUCER";
    /** The role of organizations that publish factors and attest footprints. */
    public static final String CERTIFIER = "CERTIFIER";
    public static final List<String> ROLES = List.of(PRODUCER, CERTIFIER);
    public static final List<String> MEMBERS = List.of("mspId", "role", "grantedAt", "proposalId", "txId");

    /** Null-checks every part. */
    public StoredRole {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the role record
     */
    public static StoredRole fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredRole(StateReader.mspId(r, "mspId"), StateReader.oneOf(r, "role", ROLES),
                StateReader.instant(r, "grantedAt"),
                LedgerId.parse(r.requireString("proposalId"), r.path("proposalId")),
                StateReader.txId(r, "txId"));
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("mspId", mspId)
                .put("role", role)
                .put("grantedAt", grantedAt.toString())
                .put("proposalId", proposalId.value())
                .put("txId", txId)
                .build();
    }
}
