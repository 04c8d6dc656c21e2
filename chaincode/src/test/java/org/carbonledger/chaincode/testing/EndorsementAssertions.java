package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Checks a key-level endorsement policy by what it means at commit: decoded with {@link SignaturePolicies} and
 * evaluated, the way the committing peer does, against every set of the three members' peers.
 */
public final class EndorsementAssertions {
    private EndorsementAssertions() {
    }

    /** The owner's peer and at least one other member's: any two of three that include the owner, never without it. */
    public static void assertOwnerAndOneOther(byte[] policy, String owner) {
        assertMeans(policy, endorsers -> endorsers.contains(owner) && endorsers.size() >= 2,
                "owner " + owner + " and one other member");
    }

    /** Either party's peer and at least one other member's. */
    public static void assertEitherPartyAndOneOther(byte[] policy, String party, String otherParty) {
        assertMeans(policy, endorsers -> (endorsers.contains(party) || endorsers.contains(otherParty)) && endorsers.size() >= 2,
                "either of " + party + ", " + otherParty + " and one other member");
    }

    private static void assertMeans(byte[] policy, Predicate<Set<String>> expected, String meaning) {
        SignaturePolicyEnvelope envelope = SignaturePolicies.parse(policy);
        String described = SignaturePolicies.describe(envelope);
        List<String> principals = new ArrayList<>();
        for (MSPPrincipal principal : envelope.getIdentitiesList()) {
            assertThat(principal.getPrincipalClassification()).as(described).isEqualTo(MSPPrincipal.Classification.ROLE);
            MSPRole role = role(principal);
            assertThat(role.getRole()).as("%s: endorsements come from peers", described).isEqualTo(MSPRole.MSPRoleType.PEER);
            principals.add(role.getMspIdentifier());
        }
        assertThat(principals).as("principals of " + described).containsExactlyElementsOf(Consortium.MEMBERS);
        for (Set<String> endorsers : subsets(Consortium.MEMBERS)) {
            assertThat(SignaturePolicies.isSatisfiedBy(envelope, List.copyOf(endorsers)))
                    .as("%s (%s) endorsed by %s", described, meaning, endorsers)
                    .isEqualTo(expected.test(endorsers));
        }
    }

    private static MSPRole role(MSPPrincipal principal) {
        try {
            return MSPRole.parseFrom(principal.getPrincipal());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("principal is not an MSPRole", e);
        }
    }

    private static List<Set<String>> subsets(List<String> items) {
        List<Set<String>> result = new ArrayList<>();
        for (int mask = 0; mask < 1 << items.size(); mask++) {
            Set<String> subset = new TreeSet<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(items.get(i));
                }
            }
            result.add(subset);
        }
        return result;
    }
}
