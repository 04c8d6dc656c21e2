package org.carbonledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.service.ledger.LedgerFailure;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LedgerFailureProblemsTest {
    private static LedgerRefusal refusal(ErrorCode code, String field, String message) {
        return new LedgerRefusal(new Refusal(code, field, message, Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void a_refusal_answers_with_its_codes_status_type_and_title(ErrorCode code) {
        Problem problem = Problems.of(LedgerFailure.refused("Attest", Stage.ENDORSE,
                refusal(code, "sealHash", "sealHash: not the batch's current seal"), null));

        assertThat(problem.status()).isEqualTo(ErrorCodeStatus.of(code).getCode());
        assertThat(problem.type()).isEqualTo(ErrorCodeStatus.type(code));
        assertThat(problem.title()).isEqualTo(ErrorCodeStatus.title(code));
        assertThat(problem.code()).isEqualTo(code.name());
        assertThat(problem.detail()).isEqualTo("sealHash: not the batch's current seal");
    }

    @Test
    void a_refusal_lists_the_field_it_names_as_the_one_error() {
        Problem indexed = Problems.of(LedgerFailure.refused("SubmitRecords", Stage.ENDORSE, refusal(ErrorCode.INVALID_AMOUNT,
                "records[3].activity.amount", "records[3]: activity.amount \"-1\": must not be negative"), null));
        Problem none = Problems.of(LedgerFailure.refused("SealBatch", Stage.ENDORSE,
                refusal(ErrorCode.FORBIDDEN, "", "lot: only the batch's owner may seal it"), null));

        assertThat(indexed.errors()).containsExactly(new Problem.FieldError("records[3].activity.amount",
                "records[3]: activity.amount \"-1\": must not be negative"));
        assertThat(none.errors()).as("the field comes from the refusal, not from its prose").isEmpty();
    }

    @Test
    void an_unknown_commit_outcome_is_504_naming_the_transaction() {
        Problem problem = Problems.of(LedgerFailure.failed("ShipMaterial", Stage.COMMIT_STATUS, "tx-7", null, true, "x"));

        assertThat(problem.status()).isEqualTo(504);
        assertThat(problem.type()).isEqualTo(Problem.ABOUT_BLANK);
        assertThat(problem.code()).isNull();
        assertThat(problem.detail()).startsWith("ShipMaterial (transaction tx-7) was sent to the orderers but its outcome is not known yet");
    }

    @Test
    void a_commit_without_the_endorsements_the_policy_requires_is_403() {
        Problem problem = Problems.of(LedgerFailure.failed("ReceiveMaterial", Stage.COMMIT, "tx-8",
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE, false, "x"));

        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.detail()).contains("ENDORSEMENT_POLICY_FAILURE");
    }

    @Test
    void a_commit_marked_invalid_for_another_reason_is_409_and_changed_nothing() {
        Problem problem = Problems.of(LedgerFailure.failed("SealBatch", Stage.COMMIT, "tx-9",
                TxValidationCode.MVCC_READ_CONFLICT, false, "x"));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isNull();
        assertThat(problem.detail()).isEqualTo("SealBatch (transaction tx-9) was committed invalid (MVCC_READ_CONFLICT) "
                + "and changed nothing; retry it");
    }

    @Test
    void an_orderer_that_cannot_be_reached_is_503() {
        Problem problem = Problems.of(LedgerFailure.failed("CreateBatch", Stage.SUBMIT, "tx-10", null, false,
                "UNAVAILABLE no orderer"));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).contains("could not be handed to the ordering service").contains("UNAVAILABLE no orderer");
    }

    @Test
    void a_peer_that_cannot_be_reached_is_503_or_504_when_it_ran_out_of_time() {
        Problem unreachable = Problems.of(LedgerFailure.failed("GetBatch", Stage.EVALUATE, null, null, false, "UNAVAILABLE"));
        Problem slow = Problems.of(LedgerFailure.failed("CreateBatch", Stage.ENDORSE, null, null, true, "DEADLINE_EXCEEDED"));

        assertThat(unreachable.status()).isEqualTo(503);
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.detail()).startsWith("CreateBatch could not reach the organization's peer and changed nothing");
    }

    @Test
    void a_problem_exception_made_from_a_failure_answers_the_same_problem() {
        LedgerFailure failure = LedgerFailure.refused("SubmitRecords", Stage.ENDORSE,
                refusal(ErrorCode.DUPLICATE_ID, "records[0].recordId", "records[0].recordId \"r-1\": already used"), null);

        ProblemException exception = ProblemException.of(failure);

        assertThat(exception.problem()).isEqualTo(Problems.of(failure));
        assertThat(exception.getCause()).isSameAs(failure);
    }
}
