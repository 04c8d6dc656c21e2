package org.carbonledger.client.verify;

import java.util.List;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.ProofBundle;

/**
 * Checks a bundle's records against their on-chain commitments, from any peer of the channel, also one whose
 * organization may not read them. The ledger stores the records one transaction added to a batch together, as one
 * record set {@code RECORDS/<gtin>/<lot>/<txId>} ({@code StoredRecordSet}, each record with its salt) in its owner's
 * private collection: the set rebuilt from the bundle's records of that batch and transaction (UTF-8 JCS, records
 * in id order) must hash to the value hash that transaction wrote at that key, and the transaction must be VALID. A
 * sealed batch's bundle holds all of its records, so every set can be rebuilt; a record left out or changed fails
 * every record of its transaction. The peer's block
 * store ({@code qscc GetTransactionByID}) holds those hashes for every member; they are what the endorsing peers
 * signed. A disclosure recipient thus learns that the records it was shown are the ones the ledger accepted, not
 * copies edited after the fact, without being able to read anyone's private data.
 *
 * <pre>{@code
 * CommitmentVerifier v = CommitmentVerifier.builder(ledger).peerOrganization("CertCoMSP").build();
 * report = report.withChecks(v.check(disclosure.bundle()));
 * }</pre>
 */
public interface CommitmentVerifier {

    /** Check id: the record set a record belongs to hashes to the value hash its transaction committed. */
    String RECORD_COMMITMENT = "record.commitment";

    /**
     * @param ledger the organization's ledger client
     * @return a builder (which peer answers, how many look-ups at once)
     */
    static Builder builder(LedgerClient ledger) {
        return new Builder(ledger);
    }

    /**
     * @param bundle a bundle; every record of every batch whose records it carries is checked
     * @return one check per record, in batch and record order
     * @throws LedgerReadException when the peer cannot be asked
     */
    List<Check> check(ProofBundle bundle);

    /** @return the peer that answers, for reports */
    String peer();

    /** Options of a {@link CommitmentVerifier}: see {@link PeerReadOptions}. */
    final class Builder extends PeerReadOptions<Builder> {
        Builder(LedgerClient ledger) {
            super(ledger);
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the verifier */
        public CommitmentVerifier build() {
            return new CommitmentVerifierImpl(reader());
        }
    }
}
