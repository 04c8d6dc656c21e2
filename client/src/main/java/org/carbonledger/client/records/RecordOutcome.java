package org.carbonledger.client.records;

import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.identifier.LedgerId;

/**
 * What became of one record of a bulk submission.
 *
 * @param index its position in the submitted list, from 0
 * @param recordId its id
 * @param status what happened
 * @param co2e the CO2e the ledger computed (ACCEPTED and REPLAYED)
 * @param transactionId the transaction that wrote it (ACCEPTED and REPLAYED: for a replay, the earlier one)
 * @param refusal why the ledger refused it (REFUSED), with {@code records[index]} in its field and item naming
 *     the position in the submitted list
 */
public record RecordOutcome(int index, LedgerId recordId, Status status, Optional<Co2e> co2e,
                            Optional<String> transactionId, Optional<Refusal> refusal) {

    /** What happened to a record. */
    public enum Status {
        /** Written by this submission. */
        ACCEPTED,
        /** Already on the ledger with the same content (a retry): answered with the stored result, not written again. */
        REPLAYED,
        /** Refused by the ledger, or its id is used on the ledger by different content. */
        REFUSED,
        /** Not written: another record was refused first, or the ledger could not be reached (see the failure). */
        NOT_SUBMITTED
    }

    /** Requires the parts each status has, and only those. */
    public RecordOutcome {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(co2e, "co2e");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(refusal, "refusal");
        boolean written = status == Status.ACCEPTED || status == Status.REPLAYED;
        if (written != co2e.isPresent() || written != transactionId.isPresent()) {
            throw new IllegalArgumentException(status + " needs co2e and transactionId exactly when it is on the ledger");
        }
        if ((status == Status.REFUSED) != refusal.isPresent()) {
            throw new IllegalArgumentException(status + " needs a refusal exactly when it is REFUSED");
        }
    }

    static RecordOutcome accepted(int index, LedgerId recordId, Co2e co2e, String transactionId) {
        return new RecordOutcome(index, recordId, Status.ACCEPTED, Optional.of(co2e), Optional.of(transactionId),
                Optional.empty());
    }

    static RecordOutcome replayed(int index, LedgerId recordId, Co2e co2e, String transactionId) {
        return new RecordOutcome(index, recordId, Status.REPLAYED, Optional.of(co2e), Optional.of(transactionId),
                Optional.empty());
    }

    static RecordOutcome refused(int index, LedgerId recordId, Refusal refusal) {
        return new RecordOutcome(index, recordId, Status.REFUSED, Optional.empty(), Optional.empty(),
                Optional.of(refusal));
    }

    static RecordOutcome notSubmitted(int index, LedgerId recordId) {
        return new RecordOutcome(index, recordId, Status.NOT_SUBMITTED, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * @return the refusal's message without the {@code records[index]: } it starts with when the ledger refused the
     *     record inside a bulk transaction, for a caller that names the record its own way (a file line)
     */
    public Optional<String> refusalReason() {
        String prefix = "records[" + index + "]: ";
        return refusal.map(r -> r.message().startsWith(prefix) ? r.message().substring(prefix.length()) : r.message());
    }
}
