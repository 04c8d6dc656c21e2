package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;

/**
 * A batch of a proof bundle with the states stored under its key: its records and its attestations.
 *
 * @param batch the batch state
 * @param records its record states, sorted by record id
 * @param attestations its attestation states, sorted by attestation id
 */
public record BundledBatch(StoredBatch batch, List<StoredRecord> records, List<StoredAttestation> attestations) {

    /** Copies both lists, sorted by id. */
    public BundledBatch {
        Objects.requireNonNull(batch, "batch");
        List<StoredRecord> r = new ArrayList<>(Objects.requireNonNull(records, "records"));
        r.sort(Comparator.comparing(StoredRecord::recordId));
        records = List.copyOf(r);
        List<StoredAttestation> a = new ArrayList<>(Objects.requireNonNull(attestations, "attestations"));
        a.sort(Comparator.comparing(StoredAttestation::attestationId));
        attestations = List.copyOf(a);
    }
}
