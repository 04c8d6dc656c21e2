package org.carbonledger.client.records;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.carbonledger.client.ledger.LedgerException;

/**
 * The result of one bulk submission.
 *
 * @param outcomes one per submitted record, in the order submitted
 * @param transactions the transactions that committed records of it (more than one when replays or skipped refusals
 *     made the submitter send the rest again)
 * @param failure why records are NOT_SUBMITTED when it is not a refusal: the ledger could not be reached, or the
 *     outcome of a transaction stayed unknown, after the submitter's attempts
 */
public record Submission(List<RecordOutcome> outcomes, List<Transaction> transactions,
                         Optional<LedgerException> failure) {

    /**
     * A transaction that committed records of the submission.
     *
     * @param transactionId its id
     * @param blockNumber its block; empty when its commit status was lost and the records were found on the ledger
     * @param records how many records it wrote
     */
    public record Transaction(String transactionId, OptionalLong blockNumber, int records) {
        /** Null-checks the parts. */
        public Transaction {
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(blockNumber, "blockNumber");
        }
    }

    /** Copies the lists. */
    public Submission {
        outcomes = List.copyOf(outcomes);
        transactions = List.copyOf(transactions);
        Objects.requireNonNull(failure, "failure");
    }

    /** @return how many records ended in that status */
    public int count(RecordOutcome.Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** @return the first refused record, if any */
    public Optional<RecordOutcome> firstRefused() {
        return outcomes.stream().filter(o -> o.status() == RecordOutcome.Status.REFUSED).findFirst();
    }

    /** @return whether every record is on the ledger (accepted or replayed) */
    public boolean complete() {
        return count(RecordOutcome.Status.ACCEPTED) + count(RecordOutcome.Status.REPLAYED) == outcomes.size();
    }
}
