package org.carbonledger.client.verify;

import java.time.Instant;
import java.util.List;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckIds;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;

/**
 * Part 2 of end-to-end verification, online (docs/verification.md §7): asks a peer whether the bundle is the
 * ledger. For every transaction the bundle names, the peer's block store ({@code qscc}) must have it, VALID, in the
 * block the bundle claims ({@value CheckIds#TRANSACTION_COMMITTED}); every bundled state must be what the peer's
 * world state holds now ({@value #STATE_ON_LEDGER}), and the ledger must hold no record of a bundled batch that the
 * bundle lacks. Records are private to their owner and the certifiers it designated: a batch bundled without them
 * ({@code recordsDisclosed} false) is not asked about, and bundled records the asking organization may not read
 * (the ledger refuses NOT_DESIGNATED) give one informational check for their batch instead of failing.
 *
 * <pre>{@code
 * OnlineVerifier online = OnlineVerifier.builder(ledgerClient).peerOrganization("CertCoMSP").build();
 * VerificationReport report = online.verify(ProofBundle.fromJson(bytes), Instant.now());  // offline + online
 * }</pre>
 *
 * <p>Which peer: the Gateway peer of the connection, or the peer of the organization named with
 * {@link Builder#peerOrganization}, which the Gateway asks on the caller's behalf. Choose an organization other
 * than the batch owners'. (The answer is relayed by your own Gateway peer; to exclude it, connect with another
 * organization's connection file.)
 *
 * <p>A state that changed since collection in a way the ledger's rules allow after sealing — a sealed batch's
 * {@code shipped} total grew with a later shipment, a shipment was received, rejected or cancelled since — is
 * reported by an informational check; any other difference, and a state the ledger does not have, fails.
 */
public interface OnlineVerifier {

    /** Check id: a bundled state equals the state a peer holds now. */
    String STATE_ON_LEDGER = "state.on-ledger";

    /**
     * @param ledger the organization's ledger client
     * @return a verifier asking the client's Gateway peer
     */
    static OnlineVerifier newInstance(LedgerClient ledger) {
        return builder(ledger).build();
    }

    /**
     * @param ledger the organization's ledger client
     * @return a builder for a verifier with non-default options
     */
    static Builder builder(LedgerClient ledger) {
        return new Builder(ledger);
    }

    /**
     * @param bundle a bundle, collected now or long ago
     * @return the online checks, transactions first (in transaction id order), then states
     * @throws LedgerReadException when the peer cannot be asked (unreachable, or a query fails for another reason
     *     than a missing state)
     */
    List<Check> check(ProofBundle bundle);

    /**
     * Offline verification with the online checks added.
     *
     * @param bundle the bundle
     * @param at the instant attestations must be valid at
     * @return the complete report
     */
    default VerificationReport verify(ProofBundle bundle, Instant at) {
        return verify(bundle, at, Verifier.newInstance());
    }

    /**
     * Offline verification by {@code offline} (e.g. one that leaves the attestation checks out) with the online
     * checks added.
     *
     * @param bundle the bundle
     * @param at the instant attestations must be valid at
     * @param offline the offline verifier
     * @return the complete report
     */
    default VerificationReport verify(ProofBundle bundle, Instant at, Verifier offline) {
        java.util.Objects.requireNonNull(offline, "offline");
        // The online checks mostly wait for the peer; they run beside the offline checks, which keep the cores busy.
        java.util.concurrent.ExecutorService online = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "online-checks");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.Future<List<Check>> onlineChecks = online.submit(() -> check(bundle));
            VerificationReport report = offline.verify(bundle, at);
            try {
                return report.withChecks(onlineChecks.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the ledger", e);
            }
        } finally {
            online.shutdownNow();
        }
    }

    /** @return a description of the peer that answers, for reports */
    String peer();

    /** Options of an {@link OnlineVerifier}: see {@link PeerReadOptions}. */
    final class Builder extends PeerReadOptions<Builder> {
        Builder(LedgerClient ledger) {
            super(ledger);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the verifier */
        public OnlineVerifier build() {
            return new OnlineVerifierImpl(reader(), parallelism());
        }
    }
}
