package org.carbonledger.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.hyperledger.fabric.client.Contract;
import org.junit.jupiter.api.Test;

/** The channel keeps committing when one of the three Raft orderers dies, and the dead one catches up. */
class OrdererFailoverIT {
    private final LocalNetwork network = LocalNetwork.fromSystemProperty();

    @Test
    void channel_commits_after_the_raft_leader_is_killed_and_the_restarted_orderer_catches_up() throws Exception {
        var profile = network.profile("applianceco");
        String channel = profile.channel();
        LocalNetwork.Node peer = network.node("peer-applianceco");
        try (LedgerConnection ledger = LedgerConnection.open(profile, "admin", Deadlines.defaults())) {
            Contract contract = ledger.contract("Governance");
            contract.submitTransaction("RegisterOrganization", profile("warm-up " + UUID.randomUUID()));

            LocalNetwork.Node victim = network.raftLeader(channel);
            long heightBeforeKill = network.height(victim, channel).orElseThrow();
            network.killHard(victim);
            assertThat(network.isAlive(victim)).isFalse();

            // The remaining two orderers elect a new leader (about a second with 100 ms ticks) and keep committing.
            submitWithinTimeout(contract, Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) {
                contract.submitTransaction("RegisterOrganization", profile("while " + victim.name() + " is down " + i));
            }
            long peerHeight = network.height(peer, channel).orElseThrow();
            assertThat(peerHeight).isGreaterThan(heightBeforeKill + 3);

            network.restartStoppedNodes();
            assertThat(network.isAlive(victim)).isTrue();
            LocalNetwork.await(Duration.ofSeconds(60),
                    () -> network.height(victim, channel).orElse(0) >= peerHeight,
                    victim.name() + " to catch up to height " + peerHeight);

            // And the restarted orderer takes part again: the channel commits with it back.
            contract.submitTransaction("RegisterOrganization", profile("after restart " + UUID.randomUUID()));
        }
    }

    private static String profile(String displayName) {
        return "{\"displayName\":\"" + displayName + "\"}";
    }

    private static void submitWithinTimeout(Contract contract, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                contract.submitTransaction("RegisterOrganization", profile("after leader loss " + UUID.randomUUID()));
                return;
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no commit within " + timeout + " after killing an orderer", e);
                }
            }
        }
    }
}
