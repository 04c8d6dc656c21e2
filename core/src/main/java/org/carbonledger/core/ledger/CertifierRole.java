package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The verifier's view of a {@link StoredRole} that must be the CERTIFIER role: a role record exactly as the chaincode stores it under {@code ROLE/<mspId>/CERTIFIER} while the organization
 * holds the role (a revocation deletes the key):
 * <pre>{@code
 * {"mspId","role":"CERTIFIER","grantedAt","proposalId","txId"}
 * }</pre>
 *
 * @param json the state, verbatim
 * @param mspId the organization holding the role
 * @param grantedAt when the granting proposal was executed
 * @param proposalId the proposal that granted it
 * @param txId the transaction that executed the proposal
 */
public record CertifierRole(JsonObject json, String mspId, Instant grantedAt, LedgerId proposalId, String txId) {

    /** The role name. */
    public static final String CERTIFIER = StoredRole.CERTIFIER;

    public static final List<String> MEMBERS = StoredRole.MEMBERS;

    /** Null-checks every part. */
    public CertifierRole {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(txId, "txId");
    }

    /**
     * @param state the stored JSON; its role must be CERTIFIER
     * @param path its JSON path in the bundle, for error messages
     * @return the role record
     */
    public static CertifierRole fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        StateReader.oneOf(r, "role", List.of(CERTIFIER));
        StoredRole role = StoredRole.fromJson(state, path);
        return new CertifierRole(state, role.mspId(), role.grantedAt(), role.proposalId(), role.txId());
    }
}
