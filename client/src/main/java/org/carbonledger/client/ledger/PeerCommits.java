package org.carbonledger.client.ledger;

import java.time.Duration;
import java.util.List;

import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.gateway.LedgerConnection;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Waits, for a bounded time, until the other member organizations' peers have committed a transaction the
 * organization's own peer has committed.
 *
 * <p>Why: the Gateway reports a commit as soon as its own peer has committed the block, while the next transaction
 * is endorsed by that peer <em>and another member's</em>, which may not have committed the block yet (a seal of
 * 10,000 records takes the other peers 100–150 ms more to validate). A command issued right after (ship what was
 * just sealed, record under a role just granted) would then be refused by the lagging peer for a state it has not
 * seen. Each peer is asked for its height through the Gateway with the system chaincode {@code qscc}
 * ({@code GetChainInfo}, targeted at that organization: a few bytes, whatever the size of the transaction). The wait is a courtesy, not a guarantee: a peer that is down or slower than the
 * limit is left behind, and the transaction stays committed either way.
 */
final class PeerCommits {
    private static final Duration POLL = Duration.ofMillis(20);

    private final LedgerConnection connection;
    private final Duration limit;

    PeerCommits(LedgerConnection connection, Duration limit) {
        this.connection = connection;
        this.limit = limit;
    }

    /** @param block the block the transaction was committed in */
    void await(long block) {
        if (limit.isZero()) {
            return;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> others = connection.profile().peers().stream().map(Endpoint::mspId).distinct()
                .filter(msp -> !msp.equals(connection.mspId())).toList();
        for (String msp : others) {
            while (!committed(msp, block)) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** True once the organization's peer has committed the block, or when it cannot be asked (nothing to wait for). */
    private boolean committed(String msp, long block) {
        try {
            byte[] info = connection.network().getContract("qscc").newProposal("GetChainInfo")
                    .addArguments(connection.profile().channel()).setEndorsingOrganizations(msp).build().evaluate();
            return BlockchainInfo.parseFrom(info).getHeight() > block;
        } catch (GatewayException | InvalidProtocolBufferException e) {
            return true;
        }
    }
}
