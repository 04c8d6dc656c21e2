package org.carbonledger.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micronaut.http.HttpResponse;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.Problems;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a write does with a refusal; the comparison of request and stored object is the client's, tested there. */
class ReplayTest {
    private static JsonObject json(String text) {
        return Json.parseObject(text, "test");
    }

    private static final JsonObject DEVICE = json("{\"deviceId\":\"meter-12\",\"validFrom\":\"2026-01-01T00:00:00Z\"}");
    private static final JsonObject STORED_DEVICE = json("{\"deviceId\":\"meter-12\",\"validFrom\":\"2026-01-01T00:00:00.000Z\","
            + "\"ownerMspId\":\"SteelCoMSP\",\"txId\":\"tx-first\"}");

    private static LedgerFailure refused(ErrorCode code, String field, String message) {
        return LedgerFailure.refused("RegisterDevice", Stage.ENDORSE,
                new LedgerRefusal(new Refusal(code, field, message, Optional.empty())), null);
    }

    /** A read of the stored object that counts how often the ledger was asked. */
    private static final class Stored implements Supplier<Optional<JsonObject>> {
        private final Optional<JsonObject> object;
        private final AtomicInteger reads = new AtomicInteger();

        Stored(Optional<JsonObject> object) {
            this.object = object;
        }

        @Override
        public Optional<JsonObject> get() {
            reads.incrementAndGet();
            return object;
        }
    }

    @Nested
    class A_create {
        @Test
        void refused_as_a_duplicate_of_the_same_object_answers_the_stored_object_as_a_replay() {
            Receipt receipt = Replay.ofCreate(DEVICE, () -> Optional.of(STORED_DEVICE))
                    .answer(refused(ErrorCode.DUPLICATE_ID, "deviceId", "deviceId \"meter-12\": already registered"));

            assertThat(receipt.replayed()).isTrue();
            assertThat(receipt.transactionId()).isEqualTo("tx-first");
            assertThat(receipt.result()).isEqualTo(STORED_DEVICE);
            assertThat(receipt.toJson().get("replayed")).contains(JsonBoolean.TRUE);
            assertThat(receipt.toJson().get("result")).contains(STORED_DEVICE);
            HttpResponse<String> response = receipt.created(URI.create("/api/v1/devices/SteelCoMSP/meter-12"));
            assertThat(response.code()).as("a replay created nothing").isEqualTo(200);
            assertThat(response.header("X-Transaction-Id")).isEqualTo("tx-first");
        }

        @Test
        void refused_as_already_existing_is_a_replay_too() {
            Receipt receipt = Replay.ofCreate(DEVICE, () -> Optional.of(STORED_DEVICE))
                    .answer(refused(ErrorCode.ALREADY_EXISTS, "deviceId", "deviceId \"meter-12\": already registered"));

            assertThat(receipt.replayed()).isTrue();
        }

        @Test
        void a_different_object_under_the_id_is_a_409_naming_the_member_that_differs() {
            JsonObject other = DEVICE.without("validFrom").with("validFrom", JsonString.of("2027-01-01T00:00:00Z"));
            LedgerFailure first = refused(ErrorCode.DUPLICATE_ID, "deviceId", "deviceId \"meter-12\": already registered");

            assertThatThrownBy(() -> Replay.ofCreate(other, () -> Optional.of(STORED_DEVICE)).answer(first))
                    .isInstanceOfSatisfying(LedgerFailure.class, e -> {
                        assertThat(e.refusedWith(ErrorCode.DUPLICATE_ID)).isTrue();
                        assertThat(e.getCause()).isSameAs(first);
                        Problem problem = Problems.of(e);
                        assertThat(problem.status()).isEqualTo(409);
                        assertThat(problem.code()).isEqualTo("DUPLICATE_ID");
                        assertThat(problem.detail()).startsWith("deviceId \"meter-12\": already registered; ")
                                .contains("(validFrom differs)");
                        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("deviceId");
                    });
        }

        @Test
        void the_comparison_given_decides_for_objects_stored_in_another_shape() {
            Replay replay = Replay.ofCreate(stored -> Optional.of("quantity"), () -> Optional.of(STORED_DEVICE));

            assertThatThrownBy(() -> replay.answer(refused(ErrorCode.DUPLICATE_ID, "transferId", "transferId \"t-1\": already used")))
                    .isInstanceOfSatisfying(LedgerFailure.class,
                            e -> assertThat(e.getMessage()).contains("(quantity differs)"));
        }

        @Test
        void without_a_stored_object_the_refusal_stands() {
            LedgerFailure first = refused(ErrorCode.DUPLICATE_ID, "deviceId", "deviceId \"meter-12\": id used by another kind");

            assertThatThrownBy(() -> Replay.ofCreate(DEVICE, Optional::empty).answer(first)).isSameAs(first);
        }

        @Test
        void another_refusal_stands_and_the_ledger_is_not_read_again() {
            Stored stored = new Stored(Optional.of(STORED_DEVICE));
            LedgerFailure first = refused(ErrorCode.INVALID_KEY, "publicKeyPem", "publicKeyPem: not an EC P-256 key");

            assertThatThrownBy(() -> Replay.ofCreate(DEVICE, stored).answer(first)).isSameAs(first);
            assertThat(stored.reads).hasValue(0);
        }

        @Test
        void a_failure_that_is_not_a_refusal_stands() {
            Stored stored = new Stored(Optional.of(STORED_DEVICE));
            LedgerFailure unknown = LedgerFailure.failed("RegisterDevice", Stage.COMMIT_STATUS, "tx-9", null, true,
                    "deadline exceeded");

            assertThatThrownBy(() -> Replay.ofCreate(DEVICE, stored).answer(unknown)).isSameAs(unknown);
            assertThat(stored.reads).hasValue(0);
        }
    }

    @Nested
    class A_step {
        private final JsonObject sealed = json("{\"status\":\"SEALED\",\"sealTxId\":\"tx-seal\",\"txId\":\"tx-create\"}");

        @Test
        void taken_already_answers_the_stored_object_with_the_transaction_that_took_it() {
            Receipt receipt = Replay.ofStep(stored -> true, () -> Optional.of(sealed), "sealTxId", ErrorCode.BATCH_SEALED)
                    .answer(refused(ErrorCode.BATCH_SEALED, "lot", "lot \"COIL-7\": the batch is sealed"));

            assertThat(receipt.replayed()).isTrue();
            assertThat(receipt.transactionId()).isEqualTo("tx-seal");
            assertThat(receipt.result()).isEqualTo(sealed);
            assertThat(receipt.ok().code()).isEqualTo(200);
        }

        @Test
        void any_of_the_refusals_named_starts_the_comparison() {
            Receipt receipt = Replay.ofStep(stored -> true, () -> Optional.of(sealed), "txId",
                            ErrorCode.INVALID_STATE, ErrorCode.ALREADY_EXISTS)
                    .answer(refused(ErrorCode.ALREADY_EXISTS, "proposalId", "proposalId \"p-1\": already approved"));

            assertThat(receipt.transactionId()).isEqualTo("tx-create");
        }

        @Test
        void not_taken_keeps_the_ledgers_own_refusal() {
            LedgerFailure first = refused(ErrorCode.INVALID_STATE, "transferId", "transferId \"t-1\": not SHIPPED but RECEIVED");

            assertThatThrownBy(() -> Replay.ofStep(stored -> false, () -> Optional.of(sealed), "closeTxId",
                    ErrorCode.INVALID_STATE).answer(first)).isSameAs(first);
        }
    }
}
