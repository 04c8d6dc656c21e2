package org.carbonledger.service.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredProposal;
import org.carbonledger.core.ledger.StoredRole;
import org.junit.jupiter.api.Test;

/** Whether a refused approval or withdrawal is a retry of a step the stored proposal already shows. */
class ProposalStepReplayTest {
    private static final Instant AT = Instant.parse("2026-10-01T08:00:00Z");
    private static final StoredProposal OPEN = StoredProposal.open(
            LedgerId.parse("50000000-0000-4000-8000-000000000001", "proposalId"), StoredProposal.GRANT, "CertCoMSP",
            StoredRole.CERTIFIER, "ApplianceCoMSP", AT, "a".repeat(64));

    @Test
    void an_approval_is_done_once_the_organization_is_among_the_stored_approvals() {
        StoredProposal approved = OPEN.withApprovals(List.of("ApplianceCoMSP", "SteelCoMSP"));

        assertThat(ProposalController.alreadyDone(approved.toJson(), LedgerOperation.APPROVE_PROPOSAL, "SteelCoMSP"))
                .isTrue();
        assertThat(ProposalController.alreadyDone(OPEN.toJson(), LedgerOperation.APPROVE_PROPOSAL, "SteelCoMSP"))
                .isFalse();
    }

    @Test
    void a_withdrawal_is_done_only_when_the_stored_proposal_is_withdrawn() {
        StoredProposal withdrawn = OPEN.withdrawn(AT.plusSeconds(60), "b".repeat(64));

        assertThat(ProposalController.alreadyDone(withdrawn.toJson(), LedgerOperation.WITHDRAW_PROPOSAL,
                "ApplianceCoMSP")).isTrue();
        assertThat(ProposalController.alreadyDone(OPEN.toJson(), LedgerOperation.WITHDRAW_PROPOSAL,
                "ApplianceCoMSP")).isFalse();
    }
}
