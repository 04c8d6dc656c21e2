package org.carbonledger.chaincode.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Evaluates and prints Fabric signature policies (the bytes of a key-level endorsement policy) the way the peer's
 * {@code cauthdsl} does. The evaluation is Fabric's greedy one: each endorsement satisfies at most one
 * {@code SignedBy} in the whole policy, so {@code AND('A.peer', OutOf(2, 'A.peer', 'B.peer', 'C.peer'))} needs A
 * and two <em>other</em> peers.
 */
public final class SignaturePolicies {
    private SignaturePolicies() {
    }

    /** The bytes of OR('msp1.peer', 'msp2.peer', ...): any one of these organizations' peers. */
    public static byte[] anyPeerOf(String... mspIds) {
        SignaturePolicyEnvelope.Builder envelope = SignaturePolicyEnvelope.newBuilder();
        SignaturePolicy.NOutOf.Builder any = SignaturePolicy.NOutOf.newBuilder().setN(1);
        for (int i = 0; i < mspIds.length; i++) {
            envelope.addIdentities(MSPPrincipal.newBuilder()
                    .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                    .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspIds[i]).setRole(MSPRole.MSPRoleType.PEER)
                            .build().toByteString()));
            any.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
        }
        return envelope.setRule(SignaturePolicy.newBuilder().setNOutOf(any)).build().toByteArray();
    }

    /** Parses policy bytes as {@code common.SignaturePolicyEnvelope}. */
    public static SignaturePolicyEnvelope parse(byte[] policy) {
        try {
            return SignaturePolicyEnvelope.parseFrom(policy);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a SignaturePolicyEnvelope", e);
        }
    }

    /**
     * True when endorsements by one peer of each listed MSP (a MSP listed twice stands for two of its peers) satisfy
     * the policy.
     */
    public static boolean isSatisfiedBy(SignaturePolicyEnvelope envelope, List<String> endorsingPeerMsps) {
        List<Principal> principals = principals(envelope);
        boolean[] used = new boolean[endorsingPeerMsps.size()];
        return evaluate(envelope.getRule(), principals, endorsingPeerMsps, used);
    }

    /**
     * The policy in Fabric's policy language, e.g.
     * {@code AND(OR('SteelCoMSP.peer'), OutOf(2, 'ApplianceCoMSP.peer', 'CertCoMSP.peer', 'SteelCoMSP.peer'))}.
     * {@code NOutOf(n)} over n rules prints as AND, over more than one rule with n = 1 as OR.
     */
    public static String describe(SignaturePolicyEnvelope envelope) {
        return describe(envelope.getRule(), principals(envelope));
    }

    private static boolean evaluate(SignaturePolicy rule, List<Principal> principals, List<String> endorsers, boolean[] used) {
        if (rule.hasSignedBy()) {
            Principal principal = principals.get(rule.getSignedBy());
            for (int i = 0; i < endorsers.size(); i++) {
                if (!used[i] && principal.isSatisfiedByPeerOf(endorsers.get(i))) {
                    used[i] = true;
                    return true;
                }
            }
            return false;
        }
        SignaturePolicy.NOutOf nOutOf = rule.getNOutOf();
        int verified = 0;
        boolean[] attempt = new boolean[used.length];
        for (SignaturePolicy child : nOutOf.getRulesList()) {
            System.arraycopy(used, 0, attempt, 0, used.length);
            if (evaluate(child, principals, endorsers, attempt)) {
                verified++;
                System.arraycopy(attempt, 0, used, 0, used.length);
            }
        }
        return verified >= nOutOf.getN();
    }

    private static String describe(SignaturePolicy rule, List<Principal> principals) {
        if (rule.hasSignedBy()) {
            return "'" + principals.get(rule.getSignedBy()) + "'";
        }
        SignaturePolicy.NOutOf nOutOf = rule.getNOutOf();
        int count = nOutOf.getRulesCount();
        StringJoiner out;
        if (nOutOf.getN() == count && count > 1) {
            out = new StringJoiner(", ", "AND(", ")");
        } else if (nOutOf.getN() == 1) {
            out = new StringJoiner(", ", "OR(", ")");
        } else {
            out = new StringJoiner(", ", "OutOf(" + nOutOf.getN() + ", ", ")");
        }
        for (SignaturePolicy child : nOutOf.getRulesList()) {
            out.add(describe(child, principals));
        }
        return out.toString();
    }

    private static List<Principal> principals(SignaturePolicyEnvelope envelope) {
        List<Principal> result = new ArrayList<>();
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            if (principal.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
                throw new IllegalArgumentException("only ROLE principals are modelled, found "
                        + principal.getPrincipalClassification());
            }
            try {
                MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                result.add(new Principal(role.getMspIdentifier(), role.getRole()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("principal is not an MSPRole", e);
            }
        }
        return result;
    }

    private record Principal(String mspId, MSPRole.MSPRoleType role) {
        /** An endorsement always comes from a peer, which is also a member of its MSP. */
        boolean isSatisfiedByPeerOf(String endorserMsp) {
            return mspId.equals(endorserMsp)
                    && (role == MSPRole.MSPRoleType.PEER || role == MSPRole.MSPRoleType.MEMBER);
        }

        @Override
        public String toString() {
            return mspId + "." + role.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
