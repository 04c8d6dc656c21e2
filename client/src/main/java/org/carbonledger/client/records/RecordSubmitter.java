package org.carbonledger.client.records;

import java.util.List;

import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.core.accounting.EmissionRecord;

/**
 * Submits signed emission records as one bulk transaction ({@code Records:SubmitRecords}), safe to retry.
 *
 * <p>Record ids are the client's, so a retry is recognised as one: a record the ledger already holds with the same
 * content (the same content hash) is answered as {@link RecordOutcome.Status#REPLAYED REPLAYED} with the stored
 * result and not written again; the same id with other content is {@link RecordOutcome.Status#REFUSED REFUSED} as a
 * DUPLICATE_ID conflict; the other records are submitted. The ledger names the refused record of a bulk transaction
 * in its structured refusal, so every refusal is reported on the record it is about, with its field.
 *
 * <p>A transaction whose commit status was lost (a deadline) is looked up record by record, not resubmitted
 * blindly: a transaction is all or nothing, so what is found was written, and what is missing is sent again.
 * Failures that changed nothing and may pass on another try (read conflicts, unreachable peers) are retried up to
 * {@link Builder#maxAttempts} times with a growing pause.
 *
 * <pre>{@code
 * RecordSubmitter submitter = RecordSubmitter.newInstance(ledgerClient).skipRefused(false).build();
 * Submission s = submitter.submit(records);
 * s.outcomes().forEach(o -> System.out.println(o.recordId() + " " + o.status()));
 * }</pre>
 *
 * An instance keeps no state between calls: one may serve several threads, each submitting its own transaction.
 */
public interface RecordSubmitter {
    /**
     * @param records 1 to 1,000 signed records with distinct ids
     * @return one outcome per record, in order; never throws for a refusal or an unreachable ledger (see
     *     {@link Submission#failure()})
     */
    Submission submit(List<EmissionRecord> records);

    /** @param ledger the ledger to submit to and read stored records from */
    static Builder newInstance(LedgerCalls ledger) {
        return new RecordSubmitterImpl.BuilderImpl(ledger);
    }

    /** Settings of a submitter; every one has a default. */
    interface Builder {
        /**
         * @param skip when true, a refused record is left out and the others are submitted without it; when false
         *     (the default), the first refusal ends the submission and the records not yet written are NOT_SUBMITTED
         */
        Builder skipRefused(boolean skip);

        /**
         * @param attempts how often a transaction that failed without a refusal is tried in all (default 6); 1 leaves
         *     retrying to the caller
         */
        Builder maxAttempts(int attempts);

        RecordSubmitter build();
    }
}
