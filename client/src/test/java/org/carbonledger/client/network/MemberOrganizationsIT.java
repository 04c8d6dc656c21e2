package org.carbonledger.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** The channel as its member organizations use it, through their own peers' Gateway services. */
class MemberOrganizationsIT {
    private static final List<String> ORGS = List.of("steelco", "applianceco", "certco");
    private final LocalNetwork network = LocalNetwork.fromSystemProperty();

    @Test
    void each_member_organization_submits_a_transaction_that_every_other_reads_back() {
        for (String org : ORGS) {
            String displayName = org + " " + UUID.randomUUID();
            try (LedgerConnection writer = LedgerConnection.open(network.profile(org), "admin", Deadlines.defaults())) {
                byte[] result = writer.contract("Governance").submitTransaction("RegisterOrganization", profile(displayName));
                assertThat(new String(result, UTF_8)).contains(displayName).contains(writer.mspId());
                for (String reader : ORGS) {
                    try (LedgerConnection other = LedgerConnection.open(network.profile(reader), "client", Deadlines.defaults())) {
                        String read = new String(other.contract("Governance").evaluateTransaction("GetOrganization", writer.mspId()), UTF_8);
                        assertThat(read).as("%s reading %s", reader, org).contains(displayName);
                    }
                }
            } catch (Exception e) {
                throw new AssertionError(org + ": " + e, e);
            }
        }
    }

    @Test
    void a_transaction_endorsed_by_one_organization_only_is_invalidated_by_the_majority_policy() throws Exception {
        try (LedgerConnection steel = LedgerConnection.open(network.profile("steelco"), "admin", Deadlines.defaults())) {
            String before = new String(steel.contract("Governance").submitTransaction("RegisterOrganization", profile("SteelCo before " + UUID.randomUUID())), UTF_8);

            Status status = steel.contract("Governance").newProposal("RegisterOrganization")
                    .addArguments(profile("SteelCo alone " + UUID.randomUUID()))
                    .setEndorsingOrganizations(steel.mspId())
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus();

            assertThat(status.isSuccessful()).isFalse();
            assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            String after = new String(steel.contract("Governance").evaluateTransaction("GetOrganization", steel.mspId()), UTF_8);
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void a_majority_without_the_owner_cannot_change_the_owners_state() throws Exception {
        // An organization's profile key carries a key-level policy: its owner's peer AND a majority.
        try (LedgerConnection steel = LedgerConnection.open(network.profile("steelco"), "admin", Deadlines.defaults())) {
            String before = new String(steel.contract("Governance").evaluateTransaction("GetOrganization", steel.mspId()), UTF_8);

            Status status = steel.contract("Governance").newProposal("RegisterOrganization")
                    .addArguments(profile("written by others " + UUID.randomUUID()))
                    .setEndorsingOrganizations("ApplianceCoMSP", "CertCoMSP")
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus();

            assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            String after = new String(steel.contract("Governance").evaluateTransaction("GetOrganization", steel.mspId()), UTF_8);
            assertThat(after).isEqualTo(before);
        }
    }

    private static String profile(String displayName) {
        return "{\"displayName\":\"" + displayName + "\",\"public\":true}";
    }
}
