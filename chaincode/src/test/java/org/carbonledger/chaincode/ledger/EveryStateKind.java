package org.carbonledger.chaincode.ledger;

import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.NodeOu;
import org.carbonledger.chaincode.testing.WorkedExample;

/**
 * The one scenario the stored-format tests play: the whole worked example plus the transitions it does not make (a
 * revoked device, a registered profile, a withdrawn proposal, a rejected and a cancelled transfer), so that every
 * kind of state and every optional member is written at least once.
 */
final class EveryStateKind {
    /** The proposal the scenario opens and withdraws. */
    static final String WITHDRAWN_PROPOSAL = "00000000-0000-4000-8000-000000000900";

    private EveryStateKind() {
    }

    static LedgerSnapshot play(ChaincodeHarness harness, Consortium network) {
        new WorkedExample(network).registerEverything().playChain();
        network.submit(CERT, network.attestations, "Attest", Fixtures.text("attestations/attest-washers.json"));
        network.submit(STEEL, network.devices, "RevokeDevice", "steelco-meter-12", "2027-01-01T00:00:00Z");
        harness.as(STEEL, NodeOu.ADMIN).submit(network.governance, "RegisterOrganization",
                "{\"displayName\":\"SteelCo\",\"public\":true,\"website\":\"https://steel.example\"}");
        harness.as(CERT, NodeOu.ADMIN).submit(network.governance, "ProposeRole", "{\"proposalId\":\""
                + WITHDRAWN_PROPOSAL + "\",\"action\":\"GRANT\",\"mspId\":\"CertCoMSP\",\"role\":\"PRODUCER\"}");
        harness.as(CERT, NodeOu.ADMIN).submit(network.governance, "WithdrawProposal", WITHDRAWN_PROPOSAL);
        network.ship(APPLIANCE, WorkedExample.shipment(9, WorkedExample.WASHERS, WorkedExample.WM, STEEL, "10", "piece"));
        network.submit(STEEL, network.transfers, "RejectTransfer", WorkedExample.transferId(9), "not ordered");
        network.ship(APPLIANCE, WorkedExample.shipment(10, WorkedExample.WASHERS, WorkedExample.WM, STEEL, "5", "piece"));
        network.submit(APPLIANCE, network.transfers, "CancelTransfer", WorkedExample.transferId(10), "");
        return harness.state();
    }

    /** @return the key type of a readable key ({@code BATCH/…} → {@code BATCH}) */
    static String type(String readableKey) {
        int slash = readableKey.indexOf('/');
        return slash < 0 ? readableKey : readableKey.substring(0, slash);
    }
}
