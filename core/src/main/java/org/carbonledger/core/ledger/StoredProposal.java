package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A role proposal as the chaincode stores it under {@code PROPOSAL/<proposalId>}:
 * <pre>{@code
 * {"proposalId","action":"GRANT"|"REVOKE","mspId","role","proposedBy","createdAt","txId","approvals":[msp,…],
 *  "status":"OPEN"|"EXECUTED"|"WITHDRAWN", once executed: "executedAt","executedTxId",
 *  once withdrawn: "withdrawnAt","withdrawnTxId"}
 * }</pre>
 *
 * @param proposalId the proposal id
 * @param action {@link #GRANT} or {@link #REVOKE}
 * @param mspId the organization whose role changes
 * @param role the role, one of {@link StoredRole#ROLES}
 * @param proposedBy the proposing organization
 * @param createdAt when it was proposed
 * @param txId the proposing transaction
 * @param approvals the organizations that approved it, sorted
 * @param status {@link #OPEN}, {@link #EXECUTED} or {@link #WITHDRAWN}
 * @param executedAt when the approval that made a majority executed it
 * @param executedTxId that transaction
 * @param withdrawnAt when the proposer withdrew it
 * @param withdrawnTxId that transaction
 */
public record StoredProposal(LedgerId proposalId, String action, String mspId, String role, String proposedBy,
                             Instant createdAt, String txId, List<String> approvals, String status,
                             Optional<Instant> executedAt, Optional<String> executedTxId,
                             Optional<Instant> withdrawnAt, Optional<String> withdrawnTxId) implements LedgerState {

    public static final String GRANT = "GRANT";
    public static final String REVOKE = "REVOKE";
    public static final String OPEN = "OPEN";
    public static final String EXECUTED = "EXECUTED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final List<String> ACTIONS = List.of(GRANT, REVOKE);
    public static final List<String> STATUSES = List.of(OPEN, EXECUTED, WITHDRAWN);
    public static final List<String> MEMBERS = List.of("proposalId", "action", "mspId", "role", "proposedBy",
            "createdAt", "txId", "approvals", "status", "executedAt", "executedTxId", "withdrawnAt",
            "withdrawnTxId");

    /** Null-checks every part and copies the approvals. */
    public StoredProposal {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(proposedBy, "proposedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(txId, "txId");
        approvals = List.copyOf(Objects.requireNonNull(approvals, "approvals"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(executedAt, "executedAt");
        Objects.requireNonNull(executedTxId, "executedTxId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        Objects.requireNonNull(withdrawnTxId, "withdrawnTxId");
    }

    /** A new open proposal, approved by its proposer. */
    public static StoredProposal open(LedgerId proposalId, String action, String mspId, String role,
                                      String proposedBy, Instant createdAt, String txId) {
        return new StoredProposal(proposalId, action, mspId, role, proposedBy, createdAt, txId,
                List.of(proposedBy), OPEN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path, for error messages
     * @return the proposal
     */
    public static StoredProposal fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredProposal(
                LedgerId.parse(r.requireString("proposalId"), r.path("proposalId")),
                StateReader.oneOf(r, "action", ACTIONS),
                StateReader.mspId(r, "mspId"),
                StateReader.oneOf(r, "role", StoredRole.ROLES),
                StateReader.mspId(r, "proposedBy"),
                StateReader.instant(r, "createdAt"),
                StateReader.txId(r, "txId"),
                StateReader.mspIds(r, "approvals"),
                StateReader.oneOf(r, "status", STATUSES),
                StateReader.optionalInstant(r, "executedAt"),
                StateReader.optionalTxId(r, "executedTxId"),
                StateReader.optionalInstant(r, "withdrawnAt"),
                StateReader.optionalTxId(r, "withdrawnTxId"));
    }

    /** @return this proposal with another set of approvals (sorted by the caller) */
    public StoredProposal withApprovals(List<String> newApprovals) {
        return new StoredProposal(proposalId, action, mspId, role, proposedBy, createdAt, txId, newApprovals, status,
                executedAt, executedTxId, withdrawnAt, withdrawnTxId);
    }

    /** @return this proposal, executed at {@code at} by transaction {@code by} */
    public StoredProposal executed(Instant at, String by) {
        return new StoredProposal(proposalId, action, mspId, role, proposedBy, createdAt, txId, approvals, EXECUTED,
                Optional.of(at), Optional.of(by), withdrawnAt, withdrawnTxId);
    }

    /** @return this proposal, withdrawn at {@code at} by transaction {@code by} */
    public StoredProposal withdrawn(Instant at, String by) {
        return new StoredProposal(proposalId, action, mspId, role, proposedBy, createdAt, txId, approvals, WITHDRAWN,
                executedAt, executedTxId, Optional.of(at), Optional.of(by));
    }

    @Override
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("proposalId", proposalId.value())
                .put("action", action)
                .put("mspId", mspId)
                .put("role", role)
                .put("proposedBy", proposedBy)
                .put("createdAt", createdAt.toString())
                .put("txId", txId)
                .put("approvals", StateReader.strings(approvals))
                .put("status", status);
        executedAt.ifPresent(t -> b.put("executedAt", t.toString()));
        executedTxId.ifPresent(t -> b.put("executedTxId", t));
        withdrawnAt.ifPresent(t -> b.put("withdrawnAt", t.toString()));
        withdrawnTxId.ifPresent(t -> b.put("withdrawnTxId", t));
        return b.build();
    }
}
