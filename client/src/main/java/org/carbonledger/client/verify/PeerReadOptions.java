package org.carbonledger.client.verify;

import java.util.Objects;
import org.carbonledger.client.ledger.LedgerClient;

/**
 * The options every reader of the ledger in this package takes — whose peer answers and how many block-store
 * look-ups run at once — so {@link ProofBundleCollector} and {@link OnlineVerifier} read the ledger the same way.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class PeerReadOptions<B extends PeerReadOptions<B>> {
    private final LedgerClient ledger;
    private String peerMspId;
    private int parallelism = 4;

    PeerReadOptions(LedgerClient ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * @param mspId the organization whose peer must answer (through the Gateway), instead of the Gateway's own peer
     * @return this builder
     */
    public B peerOrganization(String mspId) {
        this.peerMspId = Objects.requireNonNull(mspId, "mspId");
        return self();
    }

    /**
     * @param threads how many transaction look-ups ({@code qscc}) run at once, 1 to 64 (default 4)
     * @return this builder
     */
    public B parallelism(int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("parallelism must be 1 to 64, was " + threads);
        }
        this.parallelism = threads;
        return self();
    }

    abstract B self();

    /** The peer the options name. */
    PeerReader reader() {
        return PeerReader.of(ledger.connection(), peerMspId);
    }

    int parallelism() {
        return parallelism;
    }
}
