package org.carbonledger.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.carbonledger.client.ledger.Stage;
import org.carbonledger.client.testing.InMemoryRecordLedger;
import org.carbonledger.client.testing.TestRecords;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.record.Position;
import org.carbonledger.core.record.RecordProblem;
import org.carbonledger.core.record.RecordRow;
import org.junit.jupiter.api.Test;

/** carbonctl import's checks and submission, against an in-memory ledger with the chaincode's record rules. */
class ImporterTest {
    private final TestRecords records = new TestRecords();
    private final InMemoryRecordLedger ledger = new InMemoryRecordLedger().openBatch(TestRecords.BATCH)
            .device(TestRecords.DEVICE, records.device().publicKey());
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger committed = new AtomicInteger();
    private final Importer.Listener listener = new Importer.Listener() {
        @Override
        public void started(int total) {
            started.addAndGet(total);
        }

        @Override
        public void committed(int n) {
            committed.addAndGet(n);
        }
    };

    private Importer importer(boolean skipInvalid) {
        return new Importer(ledger, InMemoryRecordLedger.OWNER, new Importer.Options(2, 2, skipInvalid),
                List.of(records.device().privateKey()), listener);
    }

    /** Rows numbered 1 to {@code n}, on lines 2 to n + 1, signed. */
    private List<RecordRow> rows(int n) {
        List<RecordRow> rows = new ArrayList<>();
        List<EmissionRecord> signed = records.signed(1, n + 1);
        for (int i = 0; i < n; i++) {
            rows.add(new RecordRow(Position.line(i + 2), signed.get(i).json()));
        }
        return rows;
    }

    private Importer.Report run(Importer importer, List<RecordRow> rows) {
        Importer.Plan plan = importer.plan(rows);
        return importer.submit(plan, plan.invalid());
    }

    @Test
    void all_rows_are_imported_in_transactions_of_the_batch_size() {
        Importer.Report report = run(importer(false), rows(3));

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.transactions()).isEqualTo(2);
        assertThat(report.alreadyOnLedger()).isZero();
        assertThat(report.refused()).isEmpty();
        assertThat(report.notSubmitted()).isEmpty();
        assertThat(report.stopReason()).isEmpty();
        assertThat(ledger.recordCount()).isEqualTo(3);
        assertThat(started.get()).isEqualTo(3);
        assertThat(committed.get()).isEqualTo(3);
    }

    @Test
    void unsigned_rows_are_signed_with_the_devices_key() {
        List<RecordRow> rows = List.of(new RecordRow(Position.line(2), TestRecords.unsigned(1, "12.5")));

        Importer.Report report = run(importer(false), rows);

        assertThat(report.imported()).isEqualTo(1);
        EmissionRecord stored = EmissionRecord.parse(ledger.stored(TestRecords.id(1)).orElseThrow().record());
        assertThat(stored.verifySignature(records.device().publicKey())).isTrue();
    }

    @Test
    void a_rerun_counts_the_rows_on_the_ledger_and_imports_only_the_others() {
        List<RecordRow> rows = rows(3);
        ledger.store(EmissionRecord.parse(rows.get(1).record()));

        Importer.Report report = run(importer(false), rows);

        assertThat(report.alreadyOnLedger()).isEqualTo(1);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(ledger.recordCount()).isEqualTo(3);
    }

    @Test
    void a_row_committed_after_the_checks_is_replayed_in_the_middle_of_its_transaction_not_written_twice() {
        List<RecordRow> rows = rows(3);
        Importer importer = importer(false);
        Importer.Plan plan = importer.plan(rows);
        ledger.store(EmissionRecord.parse(rows.get(0).record()));

        Importer.Report report = importer.submit(plan, plan.invalid());

        assertThat(report.alreadyOnLedger()).isEqualTo(1);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.refused()).isEmpty();
        assertThat(ledger.recordCount()).isEqualTo(3);
        assertThat(committed.get()).isEqualTo(3);
    }

    /** The test records' period ends 2026-10-31T23:59:59Z; the chaincode accepts it up to 15 minutes ahead. */
    @Test
    void a_period_ending_after_the_submitting_time_plus_the_allowance_is_refused_before_anything_is_submitted() {
        List<RecordRow> rows = List.of(rows(1).get(0),
                new RecordRow(Position.line(3), TestRecords.unsigned(2, "12.5")));

        Importer.Plan early = importer(false).plan(rows, Instant.parse("2026-10-31T23:44:58Z"));
        Importer.Plan inTime = importer(false).plan(rows, Instant.parse("2026-10-31T23:44:59Z"));

        assertThat(early.toSubmit()).isEmpty();
        assertThat(early.invalid()).hasSize(2).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.INVALID_PERIOD);
            assertThat(p.field()).isEqualTo("periodEnd");
            assertThat(p.message()).contains("latest accepted instant 2026-10-31T23:59:58Z");
        });
        assertThat(inTime.invalid()).isEmpty();
        assertThat(inTime.toSubmit()).hasSize(2);
        assertThat(ledger.recordCount()).isZero();
    }

    /** An unsigned activity record of {@code amount unit} pinning factor "grid-2026". */
    private static RecordRow activityRow(int n, String amount, String unit) {
        JsonObject record = TestRecords.unsigned(n, "1").without("gases").toBuilder()
                .put("activity", JsonObject.builder().put("factorId", "grid-2026").put("amount", amount)
                        .put("unit", unit).build())
                .build();
        return new RecordRow(Position.line(n + 1), record);
    }

    @Test
    void an_activity_unit_the_factors_unit_cannot_take_is_refused_before_anything_is_submitted() {
        ledger.factor("grid-2026", "kWh");
        List<RecordRow> rows = List.of(activityRow(1, "120", "MWh"), activityRow(2, "120", "kg"));

        Importer.Plan plan = importer(false).plan(rows);

        assertThat(plan.toSubmit()).extracting(r -> r.row().position()).containsExactly(Position.line(2));
        assertThat(plan.invalid()).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(Position.line(3));
            assertThat(p.code()).isEqualTo(ErrorCode.UNIT_MISMATCH);
            assertThat(p.field()).isEqualTo("activity.unit");
            assertThat(p.message()).contains("cannot convert kg (mass) to kWh (energy), the unit of factor grid-2026");
        });
        assertThat(ledger.submissions()).isEmpty();
    }

    @Test
    void an_activity_pinning_an_unpublished_factor_is_refused_before_anything_is_submitted() {
        Importer.Plan plan = importer(false).plan(List.of(activityRow(1, "120", "kWh")));

        assertThat(plan.toSubmit()).isEmpty();
        assertThat(plan.invalid()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.UNKNOWN_FACTOR);
            assertThat(p.message()).isEqualTo("factorId \"grid-2026\": no such emission factor is published on the "
                    + "ledger");
        });
    }

    @Test
    void the_same_id_with_other_content_is_refused_before_anything_is_submitted() {
        List<RecordRow> rows = rows(2);
        ledger.store(records.signed(2, "999"));

        Importer.Plan plan = importer(false).plan(rows);

        assertThat(plan.toSubmit()).hasSize(1);
        assertThat(plan.invalid()).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(Position.line(3));
            assertThat(p.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
            assertThat(p.message()).startsWith("recordId \"" + TestRecords.id(2) + "\": already used on the ledger by a "
                    + "different record");
        });
    }

    @Test
    void the_same_id_with_other_content_written_after_the_checks_is_refused_on_its_row() {
        List<RecordRow> rows = rows(2);
        Importer importer = importer(true);
        Importer.Plan plan = importer.plan(rows);
        ledger.store(records.signed(2, "999"));

        Importer.Report report = importer.submit(plan, plan.invalid());

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.refused()).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo(Position.line(3));
            assertThat(p.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
            assertThat(p.message()).startsWith("refused by the ledger: DUPLICATE_ID: recordId \"" + TestRecords.id(2)
                    + "\": already on the ledger with different content");
        });
    }

    @Test
    void a_refused_row_is_named_by_its_line_and_stops_the_import_without_skip_invalid() {
        ledger.refuse(TestRecords.id(2), ErrorCode.UNIT_MISMATCH, "activity.unit", "kg is not the factor's unit");
        Importer importer = new Importer(ledger, InMemoryRecordLedger.OWNER, new Importer.Options(4, 1, false),
                List.of(), listener);

        Importer.Report report = run(importer, rows(3));

        assertThat(report.refused()).singleElement().isEqualTo(new RecordProblem(Position.line(3), "",
                ErrorCode.UNIT_MISMATCH, "refused by the ledger: UNIT_MISMATCH: activity.unit: kg is not the factor's unit"));
        assertThat(report.notSubmitted()).extracting(RecordProblem::position)
                .containsExactly(Position.line(2), Position.line(4));
        assertThat(report.stopReason()).hasValueSatisfying(e -> assertThat(e.getMessage())
                .isEqualTo("the ledger refused the row at " + Position.line(3)
                        + ": UNIT_MISMATCH: activity.unit: kg is not the factor's unit"));
        assertThat(ledger.recordCount()).isZero();
    }

    @Test
    void with_skip_invalid_a_refused_row_is_left_out_and_the_others_are_imported() {
        ledger.refuse(TestRecords.id(2), ErrorCode.UNIT_MISMATCH, "activity.unit", "kg is not the factor's unit");

        Importer.Report report = run(importer(true), rows(3));

        assertThat(report.refused()).extracting(RecordProblem::position).containsExactly(Position.line(3));
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.notSubmitted()).isEmpty();
        assertThat(report.stopReason()).isEmpty();
    }

    @Test
    void a_transaction_whose_commit_status_was_lost_is_found_on_the_ledger_and_not_submitted_again() {
        ledger.failNext(Stage.COMMIT_STATUS, true);
        Importer importer = new Importer(ledger, InMemoryRecordLedger.OWNER, new Importer.Options(4, 1, false),
                List.of(), listener);

        Importer.Report report = run(importer, rows(3));

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.transactions()).isEqualTo(1);
        assertThat(ledger.submissions()).hasSize(1);
        assertThat(ledger.recordCount()).isEqualTo(3);
    }

    @Test
    void a_transaction_whose_commit_status_was_lost_before_it_committed_is_submitted_again() {
        ledger.failNext(Stage.COMMIT_STATUS, false);
        Importer importer = new Importer(ledger, InMemoryRecordLedger.OWNER, new Importer.Options(4, 1, false),
                List.of(), listener);

        Importer.Report report = run(importer, rows(3));

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.notSubmitted()).isEmpty();
        assertThat(ledger.submissions()).hasSize(2);
        assertThat(ledger.recordCount()).isEqualTo(3);
    }

    @Test
    void a_record_id_used_in_another_batch_is_refused_with_the_ledgers_reason_on_its_row() {
        BatchId other = BatchId.of(TestRecords.BATCH.gtin().value(), "OTHER-LOT");
        ledger.openBatch(other);
        ledger.store(records.signed(2, "5"));
        JsonObject reused = TestRecords.unsigned(2, "7").without("lot").with("lot", JsonString.of(other.lot().value()));
        List<RecordRow> rows = List.of(new RecordRow(Position.line(2),
                EmissionRecord.sign(reused, records.device().privateKey()).json()));

        Importer.Report report = run(importer(false), rows);

        assertThat(report.refused()).singleElement().satisfies(p -> assertThat(p.message()).startsWith(
                "refused by the ledger: DUPLICATE_ID: recordId \"" + TestRecords.id(2) + "\": already used by record "
                        + "in transaction "));
        assertThat(report.imported()).isZero();
    }
}
