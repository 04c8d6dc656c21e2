package org.carbonledger.client.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.carbonledger.client.ledger.Stage;
import org.carbonledger.client.records.RecordOutcome.Status;
import org.carbonledger.client.testing.InMemoryRecordLedger;
import org.carbonledger.client.testing.TestRecords;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.ledger.StoredRecord;
import org.junit.jupiter.api.Test;

class RecordSubmitterTest {
    private final TestRecords records = new TestRecords();
    private final InMemoryRecordLedger ledger = new InMemoryRecordLedger().openBatch(TestRecords.BATCH);
    private final List<Duration> pauses = new ArrayList<>();

    private RecordSubmitter submitter(boolean skipRefused, int attempts) {
        return ((RecordSubmitterImpl.BuilderImpl) RecordSubmitter.newInstance(ledger).skipRefused(skipRefused)
                .maxAttempts(attempts)).pause(pauses::add).build();
    }

    private RecordSubmitter submitter() {
        return submitter(false, 6);
    }

    private static List<Status> statuses(Submission s) {
        return s.outcomes().stream().map(RecordOutcome::status).toList();
    }

    @Test
    void all_records_are_accepted_in_one_transaction_with_the_ledgers_co2e() {
        Submission s = submitter().submit(records.signed(1, 4));

        assertThat(statuses(s)).containsExactly(Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED);
        assertThat(s.transactions()).hasSize(1);
        String txId = s.transactions().get(0).transactionId();
        assertThat(s.transactions().get(0).records()).isEqualTo(3);
        assertThat(s.transactions().get(0).blockNumber()).isPresent();
        for (RecordOutcome o : s.outcomes()) {
            StoredRecord stored = ledger.stored(o.recordId().value()).orElseThrow();
            assertThat(o.transactionId()).contains(txId);
            assertThat(o.co2e()).contains(stored.co2e());
        }
        assertThat(s.outcomes()).extracting(RecordOutcome::index).containsExactly(0, 1, 2);
        assertThat(s.failure()).isEmpty();
        assertThat(s.complete()).isTrue();
    }

    @Test
    void a_record_already_on_the_ledger_in_the_middle_is_replayed_and_the_others_are_written_once() {
        List<EmissionRecord> list = records.signed(1, 4);
        StoredRecord earlier = ledger.store(list.get(1));

        Submission s = submitter().submit(list);

        assertThat(statuses(s)).containsExactly(Status.ACCEPTED, Status.REPLAYED, Status.ACCEPTED);
        assertThat(s.outcomes().get(1).transactionId()).contains(earlier.txId());
        assertThat(s.outcomes().get(1).co2e()).contains(earlier.co2e());
        assertThat(ledger.submissions()).containsExactly(
                TestRecords.id(1) + "," + TestRecords.id(2) + "," + TestRecords.id(3),
                TestRecords.id(1) + "," + TestRecords.id(3));
        assertThat(ledger.stored(TestRecords.id(2)).orElseThrow().txId()).isEqualTo(earlier.txId());
        assertThat(ledger.recordCount()).isEqualTo(3);
        assertThat(s.count(Status.ACCEPTED)).isEqualTo(2);
        assertThat(s.transactions()).singleElement().extracting(Submission.Transaction::records).isEqualTo(2);
    }

    @Test
    void a_retry_of_a_committed_submission_is_answered_from_the_ledger_with_one_refused_transaction() {
        List<EmissionRecord> list = records.signed(1, 6);
        Submission first = submitter().submit(list);

        Submission retry = submitter().submit(list);

        assertThat(statuses(retry)).containsOnly(Status.REPLAYED);
        assertThat(retry.outcomes()).extracting(RecordOutcome::co2e)
                .containsExactlyElementsOf(first.outcomes().stream().map(RecordOutcome::co2e).toList());
        assertThat(retry.outcomes()).extracting(RecordOutcome::transactionId)
                .containsOnly(Optional.of(first.transactions().get(0).transactionId()));
        assertThat(retry.transactions()).isEmpty();
        assertThat(ledger.submissions()).hasSize(2);
        assertThat(ledger.recordCount()).isEqualTo(5);
    }

    @Test
    void the_same_id_with_other_content_is_a_conflict_named_by_index_and_id() {
        List<EmissionRecord> list = records.signed(1, 4);
        StoredRecord other = ledger.store(records.signed(2, "999"));

        Submission s = submitter().submit(list);

        assertThat(statuses(s)).containsExactly(Status.NOT_SUBMITTED, Status.REFUSED, Status.NOT_SUBMITTED);
        Refusal refusal = s.outcomes().get(1).refusal().orElseThrow();
        assertThat(refusal.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
        assertThat(refusal.field()).isEqualTo("records[1].recordId");
        assertThat(refusal.item()).contains(new Refusal.Item(1, Optional.of(TestRecords.id(2))));
        assertThat(refusal.message()).isEqualTo("recordId \"" + TestRecords.id(2) + "\": already on the ledger with "
                + "different content (transaction " + other.txId() + "); a record id can be used once");
        assertThat(ledger.recordCount()).isEqualTo(1);
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void with_skip_refused_a_conflict_is_left_out_and_the_others_are_written() {
        List<EmissionRecord> list = records.signed(1, 4);
        ledger.store(records.signed(2, "999"));

        Submission s = submitter(true, 6).submit(list);

        assertThat(statuses(s)).containsExactly(Status.ACCEPTED, Status.REFUSED, Status.ACCEPTED);
        assertThat(ledger.stored(TestRecords.id(2)).orElseThrow().record()).isNotEqualTo(list.get(1).json());
    }

    @Test
    void a_refused_record_is_named_by_its_index_in_the_submitted_list_even_after_replays_were_left_out() {
        List<EmissionRecord> list = records.signed(1, 4);
        ledger.store(list.get(1));
        ledger.refuse(TestRecords.id(3), ErrorCode.UNIT_MISMATCH, "activity.unit", "kg is not the factor's unit");

        Submission s = submitter().submit(list);

        assertThat(statuses(s)).containsExactly(Status.NOT_SUBMITTED, Status.REPLAYED, Status.REFUSED);
        RecordOutcome refused = s.firstRefused().orElseThrow();
        Refusal refusal = refused.refusal().orElseThrow();
        assertThat(refusal.code()).isEqualTo(ErrorCode.UNIT_MISMATCH);
        assertThat(refusal.field()).isEqualTo("records[2].activity.unit");
        assertThat(refusal.item()).contains(new Refusal.Item(2, Optional.of(TestRecords.id(3))));
        assertThat(refusal.message()).isEqualTo("records[2]: activity.unit: kg is not the factor's unit");
        assertThat(refused.refusalReason()).contains("activity.unit: kg is not the factor's unit");
        assertThat(ledger.recordCount()).isEqualTo(1);
    }

    @Test
    void an_id_taken_by_another_kind_of_object_is_refused_with_the_ledgers_reason() {
        List<EmissionRecord> list = records.signed(1, 3);
        ledger.claimId(TestRecords.id(1), "transfer");

        Submission s = submitter(true, 6).submit(list);

        assertThat(statuses(s)).containsExactly(Status.REFUSED, Status.ACCEPTED);
        assertThat(s.outcomes().get(0).refusal().orElseThrow().message())
                .isEqualTo("records[0]: recordId \"" + TestRecords.id(1) + "\": already used by transfer in transaction " + InMemoryRecordLedger.txId(0));
    }

    @Test
    void a_lost_commit_status_of_a_committed_transaction_is_found_on_the_ledger_not_resubmitted() {
        ledger.failNext(Stage.COMMIT_STATUS, true);

        Submission s = submitter().submit(records.signed(1, 4));

        assertThat(statuses(s)).containsOnly(Status.ACCEPTED);
        assertThat(ledger.submissions()).hasSize(1);
        assertThat(s.transactions()).singleElement().satisfies(t -> {
            assertThat(t.records()).isEqualTo(3);
            assertThat(t.blockNumber()).isEmpty();
            assertThat(s.outcomes().get(0).transactionId()).contains(t.transactionId());
        });
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_lost_commit_status_of_a_transaction_that_did_not_commit_is_submitted_again() {
        ledger.failNext(Stage.COMMIT_STATUS, false);

        Submission s = submitter().submit(records.signed(1, 4));

        assertThat(statuses(s)).containsOnly(Status.ACCEPTED);
        assertThat(ledger.submissions()).hasSize(2);
        assertThat(pauses).containsExactly(RecordSubmitterImpl.backOff(1));
        assertThat(ledger.recordCount()).isEqualTo(3);
    }

    @Test
    void a_ledger_that_stays_unreachable_leaves_the_records_not_submitted_with_the_failure() {
        ledger.failNext(Stage.ENDORSE, false).failNext(Stage.ENDORSE, false).failNext(Stage.ENDORSE, false);

        Submission s = submitter(false, 3).submit(records.signed(1, 3));

        assertThat(statuses(s)).containsOnly(Status.NOT_SUBMITTED);
        assertThat(s.failure()).hasValueSatisfying(e -> assertThat(e.stage()).isEqualTo(Stage.ENDORSE));
        assertThat(pauses).containsExactly(Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(ledger.recordCount()).isZero();
    }

    @Test
    void the_builder_checks_its_arguments() {
        assertThatThrownBy(() -> RecordSubmitter.newInstance(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ledger");
        assertThatThrownBy(() -> RecordSubmitter.newInstance(ledger).maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> submitter().submit(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
