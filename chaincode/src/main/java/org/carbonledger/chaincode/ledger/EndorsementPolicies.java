package org.carbonledger.chaincode.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Key-level (state-based) endorsement policies. A key-level policy replaces the chaincode's MAJORITY policy for
 * writes to that key, so the policies here always require a majority of members and add that the owner is part of
 * it: nobody writes to an organization's batch without that organization's peer, and no organization writes alone.
 *
 * <p>The policy is written as "owner AND ⌊n/2⌋ of the other members" rather than "owner AND majority of all":
 * Fabric lets one signature satisfy only one branch of a policy, so the second form would silently demand the
 * owner plus a majority of the others, and its duplicate principals confuse the Gateway's endorsement planning.
 */
public final class EndorsementPolicies {
    private EndorsementPolicies() {
    }

    /** AND(owner's peer, ⌊n/2⌋ of the other members' peers): a majority that includes the owner. */
    public static byte[] ownerAndMajority(String ownerMsp, List<String> members) {
        return anyOfAndMajority(List.of(ownerMsp), members);
    }

    /**
     * OR over the parties of: AND(party's peer, ⌊n/2⌋ of the other members' peers). Used for transfers, which
     * either of the two parties may act on, never with less than a majority.
     */
    public static byte[] anyOfAndMajority(List<String> parties, List<String> members) {
        TreeSet<String> all = new TreeSet<>(members);
        all.addAll(parties);
        List<String> principals = List.copyOf(all);
        SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder().setVersion(0);
        for (String msp : principals) {
            envelope.addIdentities(MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(msp).setRole(MSPRole.MSPRoleType.PEER).build().toByteString())
                    .build());
        }
        int n = members.size();
        SignaturePolicy.NOutOf.Builder anyParty = SignaturePolicy.NOutOf.newBuilder().setN(1);
        for (String party : new TreeSet<>(parties)) {
            List<String> others = new ArrayList<>(new TreeSet<>(members));
            boolean isMember = others.remove(party);
            int needed = isMember ? n / 2 : n / 2 + 1;
            SignaturePolicy.NOutOf.Builder ofOthers = SignaturePolicy.NOutOf.newBuilder().setN(needed);
            for (String other : others) {
                ofOthers.addRules(signedBy(principals.indexOf(other)));
            }
            SignaturePolicy.NOutOf.Builder both = SignaturePolicy.NOutOf.newBuilder().setN(1 + (needed > 0 ? 1 : 0))
                    .addRules(signedBy(principals.indexOf(party)));
            if (needed > 0) {
                both.addRules(SignaturePolicy.newBuilder().setNOutOf(ofOthers));
            }
            anyParty.addRules(SignaturePolicy.newBuilder().setNOutOf(both));
        }
        return envelope.setRule(SignaturePolicy.newBuilder().setNOutOf(anyParty)).build().toByteArray();
    }

    private static SignaturePolicy signedBy(int index) {
        return SignaturePolicy.newBuilder().setSignedBy(index).build();
    }
}
