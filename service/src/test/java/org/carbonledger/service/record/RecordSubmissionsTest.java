package org.carbonledger.service.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import io.micronaut.http.HttpStatus;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.Endorsement;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.client.testing.InMemoryRecordLedger;
import org.carbonledger.client.testing.TestRecords;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.LedgerFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bulk record endpoint's submissions, against an in-memory ledger with the chaincode's record rules. */
class RecordSubmissionsTest {
    private static final int CHUNK = 2;

    private final TestRecords records = new TestRecords();
    private final InMemoryRecordLedger ledger = new InMemoryRecordLedger().openBatch(TestRecords.BATCH);
    private final ApiProperties api = new ApiProperties(Duration.ZERO, CHUNK, 100, 50);
    private final InMemoryAccess access = new InMemoryAccess(ledger, api);
    private final RecordSubmissions submissions = new RecordSubmissions(access, api, 2);

    /** LedgerAccess as the service has it, reporting failures as LedgerFailure, on the in-memory ledger. */
    private static final class InMemoryAccess extends LedgerAccess {
        private final InMemoryRecordLedger ledger;
        /** When set, the ledger refuses every transaction as a whole with it (no record at fault). */
        private volatile Refusal refuseAll;

        InMemoryAccess(InMemoryRecordLedger ledger, ApiProperties api) {
            super(Optional.empty(), Optional.empty(), api);
            this.ledger = ledger;
        }

        @Override
        public Committed submit(Identity identity, String contract, String transaction, String... args) {
            if (refuseAll != null) {
                throw LedgerFailure.refused(transaction, Stage.ENDORSE, new LedgerRefusal(refuseAll), null);
            }
            try {
                return ledger.submit(contract, transaction, args);
            } catch (LedgerException e) {
                throw LedgerFailure.of(transaction, e);
            }
        }

        @Override
        public Committed submit(Identity identity, LedgerOperation operation, Endorsement endorsement, String... args) {
            if (refuseAll != null) {
                throw LedgerFailure.refused(operation.transaction(), Stage.ENDORSE, new LedgerRefusal(refuseAll), null);
            }
            try {
                return ledger.submit(operation, endorsement, args);
            } catch (LedgerException e) {
                throw LedgerFailure.of(operation.transaction(), e);
            }
        }

        @Override
        public String mspId() {
            return ledger.mspId();
        }

        @Override
        public JsonValue evaluate(String contract, String transaction, String... args) {
            try {
                return ledger.evaluate(contract, transaction, args);
            } catch (LedgerException e) {
                throw LedgerFailure.of(transaction, e);
            }
        }
    }

    @AfterEach
    void close() {
        submissions.close();
    }

    private static List<RecordSubmissions.Submitted> sent(List<EmissionRecord> list) {
        return IntStream.range(0, list.size())
                .mapToObj(i -> new RecordSubmissions.Submitted(list.get(i).json(), "records[" + i + "]")).toList();
    }

    private static JsonObjectReader read(JsonObject answer) {
        return JsonObjectReader.of(answer, "");
    }

    private static JsonObjectReader record(JsonObject answer, int i) {
        return JsonObjectReader.of((JsonObject) read(answer).requireArray("records").get(i), "records[" + i + "]");
    }

    @Test
    void all_records_are_accepted_in_transactions_of_the_chunk_size_and_answered_in_order() {
        List<EmissionRecord> list = records.signed(1, 4);

        JsonObject answer = submissions.submit(sent(list));

        assertThat(read(answer).requireInteger("accepted", 0, 10)).isEqualTo(3);
        assertThat(read(answer).requireInteger("replayed", 0, 10)).isZero();
        assertThat(read(answer).requireArray("transactions").size()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            StoredRecord stored = ledger.stored(TestRecords.id(i + 1)).orElseThrow();
            assertThat(record(answer, i).requireString("recordId")).isEqualTo(TestRecords.id(i + 1));
            assertThat(record(answer, i).requireString("transactionId")).isEqualTo(stored.txId());
            assertThat(record(answer, i).requireObject("co2e").object()).isEqualTo(stored.co2eJson());
            assertThat(record(answer, i).object().get("replayed")).contains(org.carbonledger.core.json.JsonBoolean.FALSE);
        }
    }

    @Test
    void a_retried_request_answers_the_records_already_on_the_ledger_as_replayed_and_writes_the_others_once() {
        List<EmissionRecord> list = records.signed(1, 4);
        StoredRecord earlier = ledger.store(list.get(1));

        JsonObject answer = submissions.submit(sent(list));

        assertThat(read(answer).requireInteger("accepted", 0, 10)).isEqualTo(2);
        assertThat(read(answer).requireInteger("replayed", 0, 10)).isEqualTo(1);
        assertThat(record(answer, 1).object().get("replayed")).contains(org.carbonledger.core.json.JsonBoolean.TRUE);
        assertThat(record(answer, 1).requireString("transactionId")).isEqualTo(earlier.txId());
        assertThat(record(answer, 1).requireObject("co2e").object()).isEqualTo(earlier.co2eJson());
        assertThat(ledger.recordCount()).isEqualTo(3);
    }

    @Test
    void the_same_id_with_other_content_is_a_conflict_on_that_record() {
        List<EmissionRecord> list = records.signed(1, 3);
        ledger.store(records.signed(2, "999"));

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> submissions.submit(sent(list)));

        assertThat(e.status().getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(String.valueOf(e.problem().code())).isEqualTo(ErrorCode.DUPLICATE_ID.name());
        assertThat(e.getMessage()).startsWith("records[1]: recordId \"" + TestRecords.id(2)
                + "\": already on the ledger with different content");
        assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly("records[1].recordId");
        assertThat(ledger.stored(TestRecords.id(1))).isEmpty();
    }

    @Test
    void a_record_whose_period_ends_in_the_future_is_refused_before_anything_is_submitted() {
        JsonObject unsigned = TestRecords.unsigned(2, "1");
        EmissionRecord future = EmissionRecord.sign(unsigned.without("periodEnd")
                .with("periodEnd", JsonString.of("9999-12-31T23:59:59Z")), records.device().privateKey());
        List<EmissionRecord> list = List.of(records.signed(1, "1"), future);

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> submissions.submit(sent(list)));

        assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly("records[1].periodEnd");
        assertThat(e.getMessage()).startsWith("records[1]: periodEnd \"9999-12-31T23:59:59Z\": ends after the latest "
                + "accepted instant ");
        assertThat(ledger.recordCount()).isZero();
    }

    @Test
    void a_refused_record_is_named_by_its_place_in_the_request_and_the_committed_chunks_are_counted() {
        List<EmissionRecord> list = records.signed(1, 5);
        ledger.refuse(TestRecords.id(4), ErrorCode.UNIT_MISMATCH, "activity.unit", "kg is not the factor's unit");

        ProblemException e = catchThrowableOfType(ProblemException.class, () -> submissions.submit(sent(list)));

        assertThat(String.valueOf(e.problem().code())).isEqualTo(ErrorCode.UNIT_MISMATCH.name());
        assertThat(e.getMessage()).isEqualTo("records[3]: activity.unit: kg is not the factor's unit (2 of 4 records "
                + "are on the ledger; retrying the same request submits only the others)");
        assertThat(e.problem().errors()).extracting(Problem.FieldError::field).containsExactly("records[3].activity.unit");
        assertThat(ledger.recordCount()).isEqualTo(2);
    }

    @Test
    void a_lost_commit_status_is_settled_from_the_ledger_and_otherwise_answered_504_and_safe_to_retry() {
        ledger.failNext(Stage.COMMIT_STATUS, true);
        JsonObject answer = submissions.submit(sent(records.signed(1, 3)));
        assertThat(read(answer).requireInteger("accepted", 0, 10)).isEqualTo(2);
        assertThat(ledger.submissions()).hasSize(1);

        List<EmissionRecord> more = records.signed(10, 12);
        ledger.failNext(Stage.COMMIT_STATUS, false);
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> submissions.submit(sent(more)));
        assertThat(e.status().getCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT.getCode());

        JsonObject retried = submissions.submit(sent(more));
        assertThat(read(retried).requireInteger("accepted", 0, 10)).isEqualTo(2);
        assertThat(ledger.recordCount()).isEqualTo(4);
    }

    @Test
    void a_producer_without_a_designated_certifier_is_told_how_to_designate_one() {
        access.refuseAll = new Refusal(ErrorCode.NOT_DESIGNATED, "", "SteelCoMSP has designated no certifier to "
                + "endorse its records", Optional.empty());

        ProblemException e = catchThrowableOfType(ProblemException.class,
                () -> submissions.submit(sent(records.signed(1, 3))));

        assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(String.valueOf(e.problem().code())).isEqualTo(ErrorCode.NOT_DESIGNATED.name());
        assertThat(e.getMessage()).startsWith("SteelCoMSP has designated no certifier to endorse its records; "
                + "designate a certifier first: PUT /api/v1/organizations/me/certifiers/{certifierMspId}");
        assertThat(ledger.recordCount()).isZero();
    }
}
