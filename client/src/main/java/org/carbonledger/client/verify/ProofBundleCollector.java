package org.carbonledger.client.verify;

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
 * A batch's records are read only where the ledger discloses them to the caller's organization (its own batches,
 * and those of producers that designated it as certifier); for any other batch the ledger refuses with
 * NOT_DESIGNATED, and the batch is bundled without records, marked {@code recordsDisclosed: false}, for the verifier
 * to rest on its attestations. If the ledger changes while a bundle is collected (a state read twice differs),
 * collection fails with INVALID_STATE; collect again.
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
        return new Builder(ledger);
    }

    /**
     * @param root the batch whose footprint the bundle proves
     * @return the bundle
     * @throws LedgerReadException when a query fails; {@code refusal()} is NOT_FOUND for an unknown root batch
     */
    ProofBundle collect(BatchId root);

    /** Options of a {@link ProofBundleCollector}: see {@link PeerReadOptions}. */
    final class Builder extends PeerReadOptions<Builder> {
        Builder(LedgerClient ledger) {
            super(ledger);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the collector */
        public ProofBundleCollector build() {
            return new ProofBundleCollectorImpl(reader(), parallelism());
        }
    }
}
