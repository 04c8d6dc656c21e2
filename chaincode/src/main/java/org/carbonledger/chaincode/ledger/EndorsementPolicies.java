package org.carbonledger.chaincode.ledger;

import java.util.ArrayList;
import java.util.List;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Key-level (state-based) endorsement policies. A key-level policy replaces the chaincode's MAJORITY policy for
 * writes to that key, so the policies here always keep the majority and add the owner: nobody writes to an
 * organization's batch without that organization's peer, and no organization writes anything alone.
 */
public final class EndorsementPolicies {
    private EndorsementPolicies() {
    }

    /** AND(owner's peer, MAJORITY of the members' peers). {@code members} must be sorted (determinism). */
    public static byte[] ownerAndMajority(String ownerMsp, List<String> members) {
        return anyOfAndMajority(List.of(ownerMsp), members);
    }

    /** AND(OR(the parties' peers), MAJORITY of the members' peers); the parties and members in sorted order. */
    public static byte[] anyOfAndMajority(List<String> parties, List<String> members) {
        List<String> principals = new ArrayList<>(members);
        for (String party : parties) {
            if (!principals.contains(party)) {
                principals.add(party);
            }
        }
        SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder().setVersion(0);
        for (String msp : principals) {
            envelope.addIdentities(MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(MSPRole.MSPRoleType.PEER).build().toByteString())
                    .build());
        }
        SignaturePolicy.NOutOf.Builder majority = SignaturePolicy.NOutOf.newBuilder().setN(members.size() / 2 + 1);
        for (String msp : members) {
            majority.addRules(signedBy(principals.indexOf(msp)));
        }
        SignaturePolicy.NOutOf.Builder anyParty = SignaturePolicy.NOutOf.newBuilder().setN(1);
        for (String party : parties) {
            anyParty.addRules(signedBy(principals.indexOf(party)));
        }
        SignaturePolicy both = SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(2)
                .addRules(SignaturePolicy.newBuilder().setNOutOf(anyParty))
                .addRules(SignaturePolicy.newBuilder().setNOutOf(majority))).build();
        return envelope.setRule(both).build().toByteArray();
    }

    private static SignaturePolicy signedBy(int index) {
        return SignaturePolicy.newBuilder().setSignedBy(index).build();
    }
}
