package org.carbonledger.client.ledger;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

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
 * ({@code GetChainInfo}, targeted at that organization: a few bytes, whatever the size of the transaction). The
 * wait is a courtesy, not a guarantee: a peer that cannot be asked, or is slower than the limit, is left behind,
 * and the transaction stays committed either way.
 */
final class PeerCommits {
    /**
     * Between two questions to a peer that is not there yet. Polling, because a peer's height can only be asked: the
     * Gateway streams block events from its own peer only. 20 ms is a few bytes of qscc each time, against the
     * 100–150 ms a lagging peer typically needs.
     */
    static final Duration POLL = Duration.ofMillis(20);

    /** Waits between two questions; {@link #SLEEP} in production, a recorder in tests. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    static final Pause SLEEP = d -> Thread.sleep(d.toMillis());

    private final List<String> others;
    private final Function<String, OptionalLong> heightOf;
    private final Duration limit;
    private final LongSupplier nanoTime;
    private final Pause pause;

    /**
     * @param others   the organizations whose peers to wait for
     * @param heightOf an organization's peer's block height, or empty when it cannot be asked
     * @param nanoTime the clock the limit is measured on
     * @param pause    how to wait {@link #POLL} between two questions
     */
    PeerCommits(List<String> others, Function<String, OptionalLong> heightOf, Duration limit, LongSupplier nanoTime,
                Pause pause) {
        this.others = List.copyOf(others);
        this.heightOf = heightOf;
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    /** Waits for every member of the connection profile but the connection's own organization, through its Gateway. */
    static PeerCommits of(LedgerConnection connection, Duration limit) {
        List<String> others = connection.profile().peers().stream().map(Endpoint::mspId).distinct()
                .filter(msp -> !msp.equals(connection.mspId())).toList();
        return new PeerCommits(others, msp -> height(connection, msp), limit, System::nanoTime, SLEEP);
    }

    /** @param block the block the transaction was committed in */
    void await(long block) {
        if (limit.isZero()) {
            return;
        }
        long deadline = nanoTime.getAsLong() + limit.toNanos();
        for (String msp : others) {
            while (true) {
                OptionalLong height = heightOf.apply(msp);
                if (height.isEmpty() || height.getAsLong() > block) {
                    break;
                }
                if (nanoTime.getAsLong() - deadline > 0) {
                    return;
                }
                try {
                    pause.pause(POLL);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static OptionalLong height(LedgerConnection connection, String msp) {
        try {
            byte[] info = connection.network().getContract("qscc").newProposal("GetChainInfo")
                    .addArguments(connection.profile().channel()).setEndorsingOrganizations(msp).build().evaluate();
            return OptionalLong.of(BlockchainInfo.parseFrom(info).getHeight());
        } catch (GatewayException | InvalidProtocolBufferException e) {
            return OptionalLong.empty();
        }
    }
}
