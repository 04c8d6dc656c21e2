package org.carbonledger.client.verify;

import java.util.Objects;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.verify.ProofBundle;

/**
 * Reads a batch's proof bundle from the ledger: the batch and every batch upstream of it (through received
 * transfers, recursively), with all their records, shipments and attestations, the devices and factors the records
 * name, the organizations holding CERTIFIER now, and, from the peer's block store ({@code qscc}), the block and
 * validation code of every transaction those states name. Nothing comes from a database or cache.
 *
 * <pre>{@code
 * ProofBundle bundle = ProofBundleCollector.newInstance(ledgerClient).collect(BatchId.of("09506000134390", "WM-2611-001"));
 * VerificationReport report = Verifier.newInstance().verify(bundle, Instant.now());
 * Files.write(Path.of("bundle.json"), bundle.toCanonicalBytes());
 * }</pre>
 * If the ledger changes while a bundle is collected (a state read twice differs), collection fails with
 * INVALID_STATE; collect again.
 */
public interface ProofBundleCollector {

    /**
     * @param ledger the organization's ledger client; its own Gateway peer answers
     * @return a collector
     */
    static ProofBundleCollector newInstance(LedgerClient ledger) {
        return builder(ledger).build();
    }

    /**
     * @param ledger the organization's ledger client
     * @return a builder for a collector with non-default options
     */
    static Builder builder(LedgerClient ledger) {
        return new Builder(Objects.requireNonNull(ledger, "ledger"));
    }

    /**
     * @param root the batch whose footprint the bundle proves
     * @return the bundle
     * @throws LedgerReadException when a query fails; {@code refusal()} is NOT_FOUND for an unknown root batch
     */
    ProofBundle collect(BatchId root);

    /** Options of a {@link ProofBundleCollector}. */
    final class Builder {
        private final LedgerClient ledger;
        private String peerMspId;
        private int parallelism = 4;

        Builder(LedgerClient ledger) {
            this.ledger = ledger;
        }

        /**
         * @param mspId the organization whose peer must answer (through the Gateway), instead of the Gateway peer
         * @return this builder
         */
        public Builder peerOrganization(String mspId) {
            this.peerMspId = Objects.requireNonNull(mspId, "mspId");
            return this;
        }

        /**
         * @param threads how many transaction look-ups ({@code qscc}) run at once, 1 to 64 (default 4)
         * @return this builder
         */
        public Builder parallelism(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("parallelism must be 1 to 64, was " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /** @return the collector */
        public ProofBundleCollector build() {
            return new ProofBundleCollectorImpl(PeerReader.of(ledger.connection(), peerMspId), parallelism);
        }
    }
}
