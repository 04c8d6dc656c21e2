package org.carbonledger.client.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsements;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.request.LedgerPage;
import org.carbonledger.core.ledger.request.RecordsAccepted;
import org.carbonledger.core.identifier.BatchId;

final class RecordSubmitterImpl implements RecordSubmitter {

    /** Waits between two attempts; a recorder in tests. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final LedgerCalls ledger;
    private final boolean skipRefused;
    private final int maxAttempts;
    private final Pause pause;

    private RecordSubmitterImpl(BuilderImpl b) {
        this.ledger = b.ledger;
        this.skipRefused = b.skipRefused;
        this.maxAttempts = b.maxAttempts;
        this.pause = b.pause;
    }

    static final class BuilderImpl implements Builder {
        private final LedgerCalls ledger;
        private boolean skipRefused;
        private int maxAttempts = 6;
        private Pause pause = d -> Thread.sleep(d.toMillis());

        BuilderImpl(LedgerCalls ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        @Override
        public Builder skipRefused(boolean skip) {
            this.skipRefused = skip;
            return this;
        }

        @Override
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        BuilderImpl pause(Pause pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        @Override
        public RecordSubmitter build() {
            return new RecordSubmitterImpl(this);
        }
    }

    /** The pause before attempt {@code attempt + 1}: 400 ms, doubling, at most 5 s. */
    static Duration backOff(int attempt) {
        return Duration.ofMillis(Math.min(5000L, 200L << Math.min(attempt, 5)));
    }

    @Override
    public Submission submit(List<EmissionRecord> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("records: at least one record is required");
        }
        return new Run(records).submit();
    }

    /** One call's state: the outcomes so far and the records (by index) still to be written. */
    private final class Run {
        private final List<EmissionRecord> records;
        private final RecordOutcome[] outcomes;
        private final List<Submission.Transaction> transactions = new ArrayList<>();
        private List<Integer> pending = new ArrayList<>();
        private LedgerException failure;

        Run(List<EmissionRecord> records) {
            this.records = List.copyOf(records);
            this.outcomes = new RecordOutcome[records.size()];
            for (int i = 0; i < records.size(); i++) {
                pending.add(i);
            }
        }

        Submission submit() {
            int attempt = 0;
            while (!pending.isEmpty()) {
                try {
                    byte[] json = array().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    accepted(ledger.submit(LedgerOperation.SUBMIT_RECORDS, Endorsements.forRecords(ledger, ledger.mspId(), json)));
                    break;
                } catch (LedgerException e) {
                    try {
                        if (e.refusal().isPresent()) {
                            if (!refused(e.refusal().get())) {
                                break;
                            }
                            continue;
                        }
                        if (e.stage() == Stage.COMMIT_STATUS && !resolveLostOutcome(e)) {
                            break;
                        }
                    } catch (LedgerException lookUp) {
                        // The stored records could not be read: what is pending stays unknown, as after any failure.
                        failure = lookUp;
                        break;
                    }
                    if (pending.isEmpty()) {
                        break;
                    }
                    if (!e.retryable() || ++attempt >= maxAttempts) {
                        failure = e;
                        break;
                    }
                    try {
                        pause.pause(backOff(attempt));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        failure = e;
                        break;
                    }
                }
            }
            for (int i : pending) {
                outcomes[i] = RecordOutcome.notSubmitted(i, records.get(i).recordId());
            }
            return new Submission(List.of(outcomes), transactions, Optional.ofNullable(failure));
        }

        private String array() {
            return Json.write(JsonArray.of(pending.stream().map(i -> (JsonValue) records.get(i).json()).toList()));
        }

        private void accepted(Committed committed) {
            RecordsAccepted answer = RecordsAccepted.fromJson(JsonObjectReader.asObject(committed.result(), "result"), "result");
            if (answer.accepted() != pending.size()) {
                throw new IllegalStateException("the ledger accepted " + answer.accepted() + " records of "
                        + pending.size() + " in transaction " + committed.transactionId());
            }
            // The answer is in the block every member stores, so it says how many and nothing more: the CO2e the
            // ledger computed is read back from this organization's own peer, one query per batch.
            Map<String, Co2e> co2e = new HashMap<>();
            java.util.Set<BatchId> batches = new java.util.LinkedHashSet<>();
            pending.forEach(i -> batches.add(records.get(i).batch()));
            for (BatchId batch : batches) {
                JsonValue page = ledger.evaluate(LedgerOperation.LIST_TRANSACTION_RECORDS, batch.gtin().value(),
                        batch.lot().value(), committed.transactionId());
                for (JsonObject item : LedgerPage.fromJson(JsonObjectReader.asObject(page, "records"), "records").items()) {
                    StoredRecord stored = StoredRecord.fromJson(item, "records.items");
                    co2e.put(stored.recordId().value(), stored.co2e());
                }
            }
            for (int i : pending) {
                String id = records.get(i).recordId().value();
                Co2e value = co2e.get(id);
                if (value == null) {
                    throw new IllegalStateException("the ledger does not list record " + id + " under transaction "
                            + committed.transactionId());
                }
                outcomes[i] = RecordOutcome.accepted(i, records.get(i).recordId(), value, committed.transactionId());
            }
            transactions.add(new Submission.Transaction(committed.transactionId(),
                    OptionalLong.of(committed.blockNumber()), pending.size()));
            pending = List.of();
        }

        /**
         * Settles the records a refusal is about.
         *
         * @return whether to submit the pending records again
         */
        private boolean refused(LedgerRefusal refusal) {
            Optional<Refusal.Item> item = refusal.item().filter(it -> it.index() < pending.size());
            if (item.isEmpty()) {
                // Not about one record (e.g. the submitter's role was revoked): the whole transaction is refused.
                for (int i : pending) {
                    outcomes[i] = RecordOutcome.refused(i, records.get(i).recordId(), refusal.refusal());
                }
                pending = List.of();
                return false;
            }
            int named = pending.get(item.get().index());
            if (refusal.code() == ErrorCode.DUPLICATE_ID) {
                // A retry resends records an earlier attempt wrote, usually all of them: every one is looked up at
                // once rather than one refused transaction per record.
                Map<Integer, StoredRecord> stored = lookUp(pending);
                if (!stored.containsKey(named)) {
                    // The id is taken by something that is not a record of this batch.
                    refuse(named, rebase(refusal.refusal(), item.get().index(), named));
                }
                boolean conflict = settleFound(stored, Optional.empty());
                return !pending.isEmpty() && (skipRefused || (!conflict && stored.containsKey(named)));
            }
            refuse(named, rebase(refusal.refusal(), item.get().index(), named));
            return !pending.isEmpty() && skipRefused;
        }

        /**
         * After a lost commit status, the records found on the ledger are settled (written by the lost transaction,
         * replays of an earlier one, or conflicts) and the rest stay pending.
         *
         * @return false when a conflict ends the submission
         */
        private boolean resolveLostOutcome(LedgerException e) {
            Map<Integer, StoredRecord> stored = lookUp(pending);
            boolean conflict = settleFound(stored, e.transactionId());
            return skipRefused || !conflict;
        }

        /**
         * Settles every pending record that is stored: the same content is on the ledger (accepted when the given
         * lost transaction wrote it, else replayed), other content is a conflict.
         *
         * @return whether there was a conflict
         */
        private boolean settleFound(Map<Integer, StoredRecord> stored, Optional<String> lostTransaction) {
            boolean conflict = false;
            int writtenByLost = 0;
            List<Integer> rest = new ArrayList<>();
            for (int i : pending) {
                StoredRecord s = stored.get(i);
                EmissionRecord record = records.get(i);
                if (s == null) {
                    rest.add(i);
                } else if (!s.contentHash().equals(record.contentHash())) {
                    refuse(i, conflict(i, record, s));
                    conflict = true;
                } else if (lostTransaction.filter(s.txId()::equals).isPresent()) {
                    outcomes[i] = RecordOutcome.accepted(i, record.recordId(), s.co2e(), s.txId());
                    writtenByLost++;
                } else {
                    outcomes[i] = RecordOutcome.replayed(i, record.recordId(), s.co2e(), s.txId());
                }
            }
            if (writtenByLost > 0) {
                transactions.add(new Submission.Transaction(lostTransaction.orElseThrow(), OptionalLong.empty(),
                        writtenByLost));
            }
            pending = rest;
            return conflict;
        }

        private void refuse(int index, Refusal refusal) {
            outcomes[index] = RecordOutcome.refused(index, records.get(index).recordId(), refusal);
            List<Integer> rest = new ArrayList<>(pending);
            rest.remove(Integer.valueOf(index));
            pending = rest;
        }

        private Map<Integer, StoredRecord> lookUp(List<Integer> indices) {
            Map<Integer, StoredRecord> found = new HashMap<>();
            for (int i : indices) {
                find(records.get(i)).ifPresent(s -> found.put(i, s));
            }
            return found;
        }

        private Optional<StoredRecord> find(EmissionRecord record) {
            try {
                JsonValue stored = ledger.evaluate(LedgerOperation.GET_RECORD, record.batch().gtin().value(),
                        record.batch().lot().value(), record.recordId().value());
                return Optional.of(StoredRecord.fromJson(JsonObjectReader.asObject(stored, "record"), "record"));
            } catch (LedgerException e) {
                if (e.refusal().map(LedgerRefusal::code).orElse(null) == ErrorCode.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }

    private static Refusal conflict(int index, EmissionRecord record, StoredRecord stored) {
        return new Refusal(ErrorCode.DUPLICATE_ID, "records[" + index + "].recordId", "recordId \""
                + record.recordId().value() + "\": already on the ledger with different content (transaction "
                + stored.txId() + "); a record id can be used once",
                Optional.of(new Refusal.Item(index, Optional.of(record.recordId().value()))));
    }

    /**
     * The ledger numbers the records of the transaction it refused; after replays were left out, that is not the
     * caller's numbering. Field, message and item are moved to the caller's index.
     */
    static Refusal rebase(Refusal refusal, int sent, int index) {
        String from = "records[" + sent + "]";
        String to = "records[" + index + "]";
        String field = refusal.field().startsWith(from) ? to + refusal.field().substring(from.length()) : refusal.field();
        String message = refusal.message().startsWith(from) ? to + refusal.message().substring(from.length())
                : refusal.message();
        Optional<Refusal.Item> item = refusal.item().map(it -> new Refusal.Item(index, it.id()));
        return new Refusal(refusal.code(), field, message, item);
    }
}
