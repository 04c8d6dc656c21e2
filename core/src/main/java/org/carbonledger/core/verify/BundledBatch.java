package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredRecord;

/**
 * A batch of a proof bundle with the states stored under its key: its records and its attestations.
 *
 * <p>A batch's raw records are private to its owner and the certifiers it designated; a collector that may not read
 * them bundles the batch without records and says so ({@code recordsDisclosed} false). The verifier then takes the
 * batch's seal as sealed and requires an attestation to vouch for it, instead of recomputing it from nothing.
 *
 * @param batch the batch state
 * @param records its record states, sorted by record id; empty when they were not disclosed
 * @param attestations its attestation states, sorted by attestation id
 * @param recordsDisclosed whether the collector could read the batch's records (false: the ledger refused them)
 */
public record BundledBatch(StoredBatch batch, List<StoredRecord> records, List<StoredAttestation> attestations,
                           boolean recordsDisclosed) {

    /** Copies both lists, sorted by id; a batch whose records were not disclosed holds none. */
    public BundledBatch {
        Objects.requireNonNull(batch, "batch");
        List<StoredRecord> r = new ArrayList<>(Objects.requireNonNull(records, "records"));
        r.sort(Comparator.comparing(StoredRecord::recordId));
        records = List.copyOf(r);
        List<StoredAttestation> a = new ArrayList<>(Objects.requireNonNull(attestations, "attestations"));
        a.sort(Comparator.comparing(StoredAttestation::attestationId));
        attestations = List.copyOf(a);
        if (!recordsDisclosed && !records.isEmpty()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "recordsDisclosed", "false",
                    "batch " + batch.id() + " holds " + records.size() + " record(s): records not disclosed cannot "
                            + "be bundled");
        }
    }

    /**
     * A batch whose records were disclosed.
     *
     * @param batch the batch state
     * @param records its record states
     * @param attestations its attestation states
     */
    public BundledBatch(StoredBatch batch, List<StoredRecord> records, List<StoredAttestation> attestations) {
        this(batch, records, attestations, true);
    }
}
