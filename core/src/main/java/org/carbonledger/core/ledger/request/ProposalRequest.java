package org.carbonledger.core.ledger.request;

import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredProposal;
import org.carbonledger.core.ledger.StoredRole;

/**
 * The argument of {@code Governance:ProposeRole}: {@code {"proposalId": uuid, "action": "GRANT"|"REVOKE",
 * "mspId": "...", "role": "PRODUCER"|"CERTIFIER"}}.
 *
 * @param proposalId the client-chosen proposal id, usable once
 * @param action {@link StoredProposal#GRANT} or {@link StoredProposal#REVOKE}
 * @param mspId the organization whose role changes
 * @param role {@link StoredRole#PRODUCER} or {@link StoredRole#CERTIFIER}
 */
public record ProposalRequest(LedgerId proposalId, String action, String mspId, String role) {

    public static final List<String> MEMBERS = List.of("proposalId", "action", "mspId", "role");

    /** Null-checks every part. */
    public ProposalRequest {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(role, "role");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it before it looks at the ledger
     */
    public static ProposalRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        LedgerId id = LedgerId.parse(in.requireString("proposalId"), in.path("proposalId"));
        String action = in.requireString("action");
        if (!StoredProposal.ACTIONS.contains(action)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, in.path("action"), action,
                    "expected GRANT or REVOKE");
        }
        String target = in.requireString("mspId");
        String role = in.requireString("role");
        if (!StoredRole.ROLES.contains(role)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, in.path("role"), role,
                    "expected PRODUCER or CERTIFIER");
        }
        return new ProposalRequest(id, action, target, role);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        return JsonObject.builder().put("proposalId", proposalId.value()).put("action", action).put("mspId", mspId)
                .put("role", role).build();
    }
}
