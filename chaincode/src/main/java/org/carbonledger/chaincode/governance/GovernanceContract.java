package org.carbonledger.chaincode.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.carbonledger.chaincode.ledger.EndorsementPolicies;
import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.ledger.LedgerContract;
import org.carbonledger.chaincode.ledger.UniqueIds;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredConsortium;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredOrganization;
import org.carbonledger.core.ledger.StoredProposal;
import org.carbonledger.core.ledger.StoredRole;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.core.ledger.request.OrganizationAnswer;
import org.carbonledger.core.ledger.request.OrganizationProfileRequest;
import org.carbonledger.core.ledger.request.ProposalRequest;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The consortium: its member organizations, their public profiles, and the PRODUCER / CERTIFIER roles, which
 * change only when admins of a majority of members approve the same proposal.
 */
@Contract(name = LedgerOperation.Contracts.GOVERNANCE, info = @Info(title = "Carbon Ledger governance", version = "1"))
@Default
public final class GovernanceContract extends LedgerContract {
    private static final String PROPOSAL = StateKeys.PROPOSAL;

    /**
     * Records the founding members, once, right after the chaincode's first commit (the deploy script does it
     * with the channel's application organizations). Only an admin of one of those members may do it.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Bootstrap(final Context context, final String membersJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            requireAdmin(ctx);
            if (ctx.exists(Membership.CONSORTIUM_KEY)) {
                throw new LedgerRuleException(ErrorCode.ALREADY_EXISTS, "", "the consortium is already bootstrapped");
            }
            JsonValue parsed = Json.parse(membersJson, "members");
            if (!(parsed instanceof JsonArray array) || array.size() == 0) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "members", "expected a non-empty array of MSP ids");
            }
            TreeSet<String> members = new TreeSet<>();
            for (int i = 0; i < array.size(); i++) {
                String msp = Token.require(JsonObjectReader.asString(array.get(i), "members[" + i + "]"), "members[" + i + "]", 128);
                if (!members.add(msp)) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "members[" + i + "]", msp, "listed twice");
                }
            }
            if (!members.contains(ctx.actingMsp())) {
                throw LedgerRuleException.ofField(ErrorCode.FORBIDDEN, "members",
                        "must include the bootstrapping organization " + ctx.actingMsp());
            }
            List<String> sorted = List.copyOf(members);
            StoredConsortium consortium = new StoredConsortium(sorted, ctx.actingMsp(), ctx.now(), ctx.txId());
            ctx.write("consortium", Membership.CONSORTIUM_KEY, consortium);
            for (String msp : sorted) {
                String key = ctx.key(Membership.ORG, msp);
                ctx.write("organization", key, new StoredOrganization(msp, msp, false, "", ctx.now(), ctx.now()));
                ctx.protect(key, EndorsementPolicies.ownerAndMajority(msp, sorted));
                String ownership = ctx.key(Membership.OWNERSHIP, msp);
                ctx.write("ownership", ownership, Membership.newOwnership(msp, ctx));
                ctx.protect(ownership, EndorsementPolicies.ownerAndMajority(msp, sorted));
            }
            return consortium.toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetConsortium(final Context context) {
        return transact(() -> ledger(context).read(Membership.CONSORTIUM_KEY, StoredConsortium::fromJson)
                .orElseThrow(() -> new LedgerRuleException(ErrorCode.NOT_FOUND, "",
                        "the consortium has not been bootstrapped yet"))
                .toJson());
    }

    /**
     * Sets the acting organization's public profile: {@code {"displayName": "...", "public": true|false,
     * "website": "..."}}. {@code public} says whether consumers may see the organization's name on footprints.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RegisterOrganization(final Context context, final String profileJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            // The profile decides what consumers see of the organization: an admin matter.
            requireAdmin(ctx);
            String msp = Membership.requireMember(ctx);
            OrganizationProfileRequest profile = OrganizationProfileRequest.fromJson(Json.parseObject(profileJson, "profile"), "");
            String key = ctx.key(Membership.ORG, msp);
            StoredOrganization existing = ctx.read(key, StoredOrganization::fromJson).orElseThrow();
            StoredOrganization updated = new StoredOrganization(msp, profile.displayName(), profile.isPublic(), profile.website(),
                    existing.registeredAt(), ctx.now());
            ctx.write("organization", key, updated);
            return withRoles(ctx, updated);
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetOrganization(final Context context, final String mspId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            StoredOrganization org = ctx.read(ctx.key(Membership.ORG, mspId), StoredOrganization::fromJson).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.NOT_FOUND, "mspId", mspId, "not a member organization"));
            return withRoles(ctx, org);
        });
    }

    /**
     * The stored record of a role an organization holds (who granted it, by which proposal, in which transaction),
     * exactly as the ledger keeps it: verifiers put it in proof bundles as evidence that a certifier held its role.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetRole(final Context context, final String mspId, final String role) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            Role parsed = Role.parse(role, "role");
            return ctx.read(ctx.key(Membership.ROLE, mspId, parsed.name()), StoredRole::fromJson).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.NOT_FOUND, "mspId", mspId, "does not hold the " + parsed + " role"))
                    .toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListOrganizations(final Context context) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            List<JsonValue> orgs = new ArrayList<>();
            for (StoredOrganization org : ctx.readAll(StoredOrganization::fromJson, Membership.ORG)) {
                orgs.add(withRoles(ctx, org));
            }
            return JsonObject.builder().put("items", JsonArray.of(orgs)).build();
        });
    }

    /**
     * Proposes to grant or revoke a role: {@code {"proposalId": uuid, "action": "GRANT"|"REVOKE", "mspId": "...",
     * "role": "PRODUCER"|"CERTIFIER"}}. The proposer's organization approves it by proposing.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ProposeRole(final Context context, final String proposalJson) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            requireAdmin(ctx);
            String proposer = Membership.requireMember(ctx);
            ProposalRequest request = ProposalRequest.fromJson(Json.parseObject(proposalJson, "proposal"), "");
            LedgerId id = request.proposalId();
            UniqueIds.claim(ctx, id, StoredIdClaim.PROPOSAL, "proposalId");
            String action = request.action();
            String target = request.mspId();
            if (!Membership.members(ctx).contains(target)) {
                throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "mspId", target, "not a member organization");
            }
            Role role = Role.valueOf(request.role());
            requireChangesSomething(ctx, action, target, role);
            StoredProposal proposal = StoredProposal.open(id, action, target, role.name(), proposer, ctx.now(), ctx.txId());
            return executeIfMajority(ctx, proposal).toJson();
        });
    }

    /** An admin of another member approves an open proposal; the approval that makes a majority executes it. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ApproveProposal(final Context context, final String proposalId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            requireAdmin(ctx);
            String approver = Membership.requireMember(ctx);
            LedgerId id = LedgerId.parse(proposalId, "proposalId");
            StoredProposal proposal = findProposal(ctx, id);
            if (!proposal.status().equals(StoredProposal.OPEN)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "proposalId", id.value(),
                        "proposal is " + proposal.status() + ", not OPEN");
            }
            TreeSet<String> approvals = new TreeSet<>(proposal.approvals());
            if (!approvals.add(approver)) {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "proposalId", id.value(), approver + " has already approved it");
            }
            return executeIfMajority(ctx, proposal.withApprovals(List.copyOf(approvals))).toJson();
        });
    }

    /**
     * An admin of the proposing organization withdraws its open proposal, e.g. when another proposal already made
     * the same change and this one can never execute.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String WithdrawProposal(final Context context, final String proposalId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            requireAdmin(ctx);
            String actor = Membership.requireMember(ctx);
            LedgerId id = LedgerId.parse(proposalId, "proposalId");
            String key = ctx.key(PROPOSAL, id.value());
            StoredProposal proposal = findProposal(ctx, id);
            if (!proposal.proposedBy().equals(actor)) {
                throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "proposalId", id.value(),
                        "only " + proposal.proposedBy() + ", which proposed it, may withdraw it");
            }
            if (!proposal.status().equals(StoredProposal.OPEN)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "proposalId", id.value(),
                        "proposal is " + proposal.status() + ", not OPEN");
            }
            StoredProposal withdrawn = proposal.withdrawn(ctx.now(), ctx.txId());
            ctx.write("proposal", key, withdrawn);
            return withdrawn.toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetProposal(final Context context, final String proposalId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            return findProposal(ctx, LedgerId.parse(proposalId, "proposalId")).toJson();
        });
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListProposals(final Context context) {
        return transact(() -> JsonObject.builder().put("items", JsonArray.of(ledger(context)
                .readAll(StoredProposal::fromJson, PROPOSAL).stream().map(StoredProposal::toJson).toList())).build());
    }

    private static StoredProposal findProposal(LedgerContext ctx, LedgerId id) {
        return ctx.read(ctx.key(PROPOSAL, id.value()), StoredProposal::fromJson).orElseThrow(() ->
                LedgerRuleException.of(ErrorCode.NOT_FOUND, "proposalId", id.value(), "no such proposal"));
    }

    private static StoredProposal executeIfMajority(LedgerContext ctx, StoredProposal proposal) {
        List<String> members = Membership.members(ctx);
        StoredProposal result = proposal;
        if (proposal.approvals().size() * 2 > members.size()) {
            String target = proposal.mspId();
            Role role = Role.valueOf(proposal.role());
            String action = proposal.action();
            requireChangesSomething(ctx, action, target, role);
            String roleKey = ctx.key(Membership.ROLE, target, role.name());
            if (action.equals(StoredProposal.GRANT)) {
                ctx.write("role", roleKey, new StoredRole(target, role.name(), ctx.now(), proposal.proposalId(), ctx.txId()));
            } else {
                ctx.delete("role", roleKey);
            }
            result = proposal.executed(ctx.now(), ctx.txId());
        }
        ctx.write("proposal", ctx.key(PROPOSAL, proposal.proposalId().value()), result);
        return result;
    }

    /**
     * The acting producer lets a certifier see its raw data from now on: the certifier's peer will endorse, check and
     * hold the producer's new records. A designation is refused for an organization without the CERTIFIER role, and
     * when it exists already.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String DesignateCertifier(final Context context, final String certifierMspId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String producer = Membership.requireRole(ctx, Role.PRODUCER);
            String certifier = Token.require(certifierMspId, "certifierMspId", 64);
            if (!Membership.members(ctx).contains(certifier)) {
                throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "certifierMspId", certifier, "not a member organization");
            }
            if (certifier.equals(producer)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "certifierMspId", certifier,
                        "an organization cannot designate itself: the point is a second organization's check");
            }
            if (!Membership.holds(ctx, certifier, Role.CERTIFIER)) {
                throw LedgerRuleException.of(ErrorCode.ROLE_REQUIRED, "certifierMspId", certifier,
                        "does not hold the CERTIFIER role");
            }
            String key = CertifierDesignations.key(ctx, producer, certifier);
            if (ctx.exists(key)) {
                throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "certifierMspId", certifier,
                        producer + " has designated it already");
            }
            StoredDesignation designation = new StoredDesignation(producer, certifier, ctx.now(), ctx.txId());
            ctx.write("designation", key, designation);
            return designation.toJson();
        });
    }

    /**
     * The acting producer stops sharing its new records with a certifier. What the certifier received before stays
     * with it (as a certifier's working papers would); its designation no longer counts for new records or seals.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String RevokeCertifier(final Context context, final String certifierMspId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String producer = Membership.requireRole(ctx, Role.PRODUCER);
            String certifier = Token.require(certifierMspId, "certifierMspId", 64);
            String key = CertifierDesignations.key(ctx, producer, certifier);
            StoredDesignation designation = ctx.read(key, StoredDesignation::fromJson).orElseThrow(() ->
                    LedgerRuleException.of(ErrorCode.NOT_FOUND, "certifierMspId", certifier,
                            "is not designated by " + producer));
            ctx.delete("designation", key);
            return designation.toJson();
        });
    }

    /** The certifiers a producer has designated and that hold the CERTIFIER role: who sees its raw data. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String ListDesignatedCertifiers(final Context context, final String producerMspId) {
        return transact(() -> {
            LedgerContext ctx = ledger(context);
            String producer = Token.require(producerMspId, "producerMspId", 64);
            return new Designations(producer, CertifierDesignations.counting(ctx, producer)).toJson();
        });
    }

    private static void requireChangesSomething(LedgerContext ctx, String action, String target, Role role) {
        boolean holds = Membership.holds(ctx, target, role);
        if (action.equals("GRANT") && holds) {
            throw LedgerRuleException.of(ErrorCode.ALREADY_EXISTS, "role", role.name(), target + " already holds it");
        }
        if (action.equals("REVOKE") && !holds) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "role", role.name(), target + " does not hold it");
        }
    }

    private static void requireAdmin(LedgerContext ctx) {
        if (!ctx.actorIsAdmin()) {
            throw new LedgerRuleException(ErrorCode.FORBIDDEN, "",
                    "only an admin identity (Node OU admin) of a member organization may do this");
        }
    }

    private static JsonObject withRoles(LedgerContext ctx, StoredOrganization org) {
        String msp = org.mspId();
        List<String> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            if (Membership.holds(ctx, msp, r)) {
                roles.add(r.name());
            }
        }
        return new OrganizationAnswer(org, roles).toJson();
    }
}
