package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

/** The evaluator follows Fabric's cauthdsl, including its one-signature-per-principal rule. */
class SignaturePoliciesTest {
    private static final String A = "AMSP";
    private static final String B = "BMSP";
    private static final String C = "CMSP";

    private static SignaturePolicyEnvelope envelope(List<String> peers, MSPRole.MSPRoleType role, SignaturePolicy rule) {
        SignaturePolicyEnvelope.Builder builder = SignaturePolicyEnvelope.newBuilder().setRule(rule);
        for (String msp : peers) {
            builder.addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(role).build().toByteString()));
        }
        return builder.build();
    }

    private static SignaturePolicy signedBy(int index) {
        return SignaturePolicy.newBuilder().setSignedBy(index).build();
    }

    private static SignaturePolicy outOf(int n, SignaturePolicy... rules) {
        return SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(List.of(rules))).build();
    }

    /** AND('A.peer', OutOf(2, 'A.peer', 'B.peer', 'C.peer')) with principals [A, B, C]. */
    private static final SignaturePolicyEnvelope OWNER_AND_MAJORITY_OF_ALL = envelope(List.of(A, B, C), MSPRole.MSPRoleType.PEER,
            outOf(2, outOf(1, signedBy(0)), outOf(2, signedBy(0), signedBy(1), signedBy(2))));

    @Test
    void an_endorsement_satisfies_only_one_principal_so_the_owner_cannot_also_count_towards_the_majority() {
        assertThat(SignaturePolicies.isSatisfiedBy(OWNER_AND_MAJORITY_OF_ALL, List.of(A, B))).isFalse();
        assertThat(SignaturePolicies.isSatisfiedBy(OWNER_AND_MAJORITY_OF_ALL, List.of(A, B, C))).isTrue();
        assertThat(SignaturePolicies.isSatisfiedBy(OWNER_AND_MAJORITY_OF_ALL, List.of(B, C))).isFalse();
    }

    @Test
    void two_peers_of_the_same_organization_are_two_endorsements() {
        assertThat(SignaturePolicies.isSatisfiedBy(OWNER_AND_MAJORITY_OF_ALL, List.of(A, A, B))).isTrue();
    }

    @Test
    void owner_and_half_of_the_others_is_a_majority_that_includes_the_owner() {
        SignaturePolicyEnvelope policy = envelope(List.of(A, B, C), MSPRole.MSPRoleType.PEER,
                outOf(2, signedBy(0), outOf(1, signedBy(1), signedBy(2))));

        assertThat(SignaturePolicies.isSatisfiedBy(policy, List.of(A, B))).isTrue();
        assertThat(SignaturePolicies.isSatisfiedBy(policy, List.of(A, C))).isTrue();
        assertThat(SignaturePolicies.isSatisfiedBy(policy, List.of(A))).isFalse();
        assertThat(SignaturePolicies.isSatisfiedBy(policy, List.of(B, C))).isFalse();
    }

    @Test
    void a_member_principal_is_satisfied_by_that_organizations_peer_an_admin_principal_is_not() {
        SignaturePolicy one = outOf(1, signedBy(0));

        assertThat(SignaturePolicies.isSatisfiedBy(envelope(List.of(A), MSPRole.MSPRoleType.MEMBER, one), List.of(A))).isTrue();
        assertThat(SignaturePolicies.isSatisfiedBy(envelope(List.of(A), MSPRole.MSPRoleType.ADMIN, one), List.of(A))).isFalse();
        assertThat(SignaturePolicies.isSatisfiedBy(envelope(List.of(A), MSPRole.MSPRoleType.PEER, one), List.of(B))).isFalse();
    }

    @Test
    void describes_a_policy_in_fabrics_policy_language() {
        assertThat(SignaturePolicies.describe(OWNER_AND_MAJORITY_OF_ALL))
                .isEqualTo("AND(OR('AMSP.peer'), OutOf(2, 'AMSP.peer', 'BMSP.peer', 'CMSP.peer'))");
    }

    @Test
    void parses_the_bytes_a_chaincode_stores() {
        byte[] bytes = OWNER_AND_MAJORITY_OF_ALL.toByteArray();

        assertThat(SignaturePolicies.parse(bytes)).isEqualTo(OWNER_AND_MAJORITY_OF_ALL);
    }
}
