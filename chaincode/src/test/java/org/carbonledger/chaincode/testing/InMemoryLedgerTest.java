package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The committing peer's side: validation codes, versions, and what a snapshot compares. */
class InMemoryLedgerTest {
    private static final String STEEL = "SteelCoMSP";
    private static final String APPLIANCE = "ApplianceCoMSP";
    private static final String CERT = "CertCoMSP";

    private final InMemoryLedger ledger = InMemoryLedger.newInstance();

    private InMemoryStub begin() {
        return ledger.newTransaction(InMemoryLedger.Proposal.of(
                TestIdentities.of(STEEL, NodeOu.CLIENT).serialized(), Instant.parse("2026-10-01T00:00:00Z"), List.of("f")));
    }

    private TxValidationCode commitByAll(InMemoryStub stub) {
        return ledger.commit(stub, ledger.organizations());
    }

    private void put(String key, String value) {
        InMemoryStub stub = begin();
        stub.putStringState(key, value);
        assertThat(commitByAll(stub)).isEqualTo(TxValidationCode.VALID);
    }

    private static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    private static void drain(QueryResultsIterator<KeyValue> results, int count) {
        int read = 0;
        for (KeyValue ignored : results) {
            if (++read == count) {
                return;
            }
        }
    }

    private static byte[] onlyPeerOf(String msp) {
        return SignaturePolicies.anyPeerOf(msp);
    }

    @Nested
    class Mvcc {
        @Test
        void a_transaction_whose_read_was_overwritten_meanwhile_is_invalidated() {
            put("k", "1");
            InMemoryStub slow = begin();
            slow.getState("k");
            slow.putStringState("other", "x");
            put("k", "2");

            assertThat(commitByAll(slow)).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
            assertThat(ledger.get("other")).isEmpty();
        }

        @Test
        void reading_an_absent_key_conflicts_with_its_creation() {
            InMemoryStub first = begin();
            InMemoryStub second = begin();
            for (InMemoryStub stub : List.of(first, second)) {
                assertThat(stub.getState("id")).isEmpty();
                stub.putStringState("id", stub.getTxId());
            }

            assertThat(commitByAll(first)).isEqualTo(TxValidationCode.VALID);
            assertThat(commitByAll(second)).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
            assertThat(ledger.snapshot().text("id")).contains(first.getTxId());
        }

        @Test
        void a_write_to_a_key_the_transaction_did_not_read_is_no_conflict() {
            put("k", "1");
            InMemoryStub stub = begin();
            stub.getState("k");
            stub.putStringState("k", "mine");
            put("unrelated", "x");

            assertThat(commitByAll(stub)).isEqualTo(TxValidationCode.VALID);
        }

        @Test
        void a_key_inserted_into_a_range_read_meanwhile_is_a_phantom() {
            put(key("ORG", "A"), "{}");
            InMemoryStub stub = begin();
            drain(stub.getStateByPartialCompositeKey("ORG"), Integer.MAX_VALUE);
            stub.putStringState("summary", "1 org");
            put(key("ORG", "B"), "{}");

            assertThat(commitByAll(stub)).isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT);
        }

        @Test
        void a_key_deleted_from_a_range_read_meanwhile_is_a_phantom() {
            put(key("ORG", "A"), "{}");
            put(key("ORG", "B"), "{}");
            InMemoryStub stub = begin();
            drain(stub.getStateByPartialCompositeKey("ORG"), Integer.MAX_VALUE);
            InMemoryStub delete = begin();
            delete.delState(key("ORG", "B"));
            commitByAll(delete);

            assertThat(commitByAll(stub)).isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT);
        }

        @Test
        void a_change_outside_the_range_or_beyond_what_was_consumed_is_no_phantom() {
            put(key("ORG", "A"), "{}");
            put(key("ORG", "C"), "{}");
            InMemoryStub stub = begin();
            drain(stub.getStateByPartialCompositeKey("ORG"), 1);
            stub.putStringState("summary", "first org only");
            put(key("ORG", "D"), "{}");
            put(key("ROLE", "A"), "{}");

            assertThat(commitByAll(stub)).isEqualTo(TxValidationCode.VALID);
        }
    }

    @Nested
    class EndorsementValidation {
        @Test
        void keys_without_a_key_level_policy_need_a_majority_of_the_organizations() {
            InMemoryStub minority = begin();
            minority.putStringState("k", "v");
            InMemoryStub majority = begin();
            majority.putStringState("k", "v");

            assertThat(ledger.commit(minority, List.of(STEEL))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(ledger.commit(majority, List.of(STEEL, CERT))).isEqualTo(TxValidationCode.VALID);
        }

        @Test
        void a_transaction_that_writes_nothing_still_needs_the_chaincode_policy() {
            InMemoryStub readOnly = begin();
            readOnly.getState("k");

            assertThat(ledger.commit(readOnly, List.of(STEEL))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void a_key_level_policy_replaces_the_chaincode_policy_for_that_key() {
            InMemoryStub create = begin();
            create.putStringState("cert-only", "v1");
            create.setStateValidationParameter("cert-only", onlyPeerOf(CERT));
            assertThat(commitByAll(create)).isEqualTo(TxValidationCode.VALID);

            InMemoryStub byMajorityWithoutCert = begin();
            byMajorityWithoutCert.putStringState("cert-only", "v2");
            InMemoryStub byCertAlone = begin();
            byCertAlone.putStringState("cert-only", "v3");

            assertThat(ledger.commit(byMajorityWithoutCert, List.of(STEEL, APPLIANCE)))
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(ledger.commit(byCertAlone, List.of(CERT))).isEqualTo(TxValidationCode.VALID);
            assertThat(ledger.snapshot().text("cert-only")).contains("v3");
        }

        @Test
        void changing_a_keys_policy_is_judged_by_the_policy_it_had_not_the_new_one() {
            InMemoryStub create = begin();
            create.putStringState("k", "v");
            create.setStateValidationParameter("k", onlyPeerOf(CERT));
            commitByAll(create);

            InMemoryStub takeover = begin();
            takeover.setStateValidationParameter("k", onlyPeerOf(STEEL));

            assertThat(ledger.commit(takeover, List.of(STEEL))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(ledger.validationParameter("k")).hasValue(onlyPeerOf(CERT));
        }

        @Test
        void every_written_key_must_satisfy_its_own_policy() {
            for (String owner : List.of(STEEL, CERT)) {
                InMemoryStub create = begin();
                create.putStringState(owner, "v");
                create.setStateValidationParameter(owner, onlyPeerOf(owner));
                commitByAll(create);
            }
            InMemoryStub both = begin();
            both.putStringState(STEEL, "v2");
            both.putStringState(CERT, "v2");

            assertThat(ledger.commit(both, List.of(STEEL))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }
    }

    @Nested
    class History {
        @Test
        void records_valid_and_invalid_transactions_in_order_and_applies_only_the_valid() {
            InMemoryStub valid = begin();
            valid.putStringState("k", "v");
            InMemoryStub invalid = begin();
            invalid.putStringState("j", "w");

            commitByAll(valid);
            ledger.commit(invalid, List.of(APPLIANCE));

            assertThat(ledger.history()).extracting(InMemoryLedger.CommittedTransaction::validationCode)
                    .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(ledger.history()).extracting(InMemoryLedger.CommittedTransaction::txId)
                    .containsExactly(valid.getTxId(), invalid.getTxId());
            assertThat(ledger.snapshot().keys()).containsExactly("k");
        }

        @Test
        void seeded_state_is_readable_but_not_a_transaction() {
            ledger.seed("legacy", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));

            assertThat(begin().getStringState("legacy")).isEqualTo("{\"v\":1}");
            assertThat(ledger.history()).isEmpty();
        }
    }

    @Test
    void a_key_level_policy_that_is_not_a_signature_policy_fails_validation() {
        InMemoryStub create = begin();
        create.putStringState("k", "v");
        create.setStateValidationParameter("k", new byte[] {10, 20, 30});
        commitByAll(create);
        InMemoryStub update = begin();
        update.putStringState("k", "w");

        assertThat(commitByAll(update)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Nested
    class Snapshots {
        @Test
        void compare_values_byte_for_byte() {
            put("k", "{\"a\":1}");
            LedgerSnapshot before = ledger.snapshot();
            put("k", "{\"a\":1}");
            LedgerSnapshot same = ledger.snapshot();
            put("k", "{\"a\": 1}");

            assertThat(same).isEqualTo(before).hasSameHashCodeAs(before);
            assertThat(ledger.snapshot()).isNotEqualTo(before);
            assertThat(ledger.snapshot().changedKeysSince(before)).containsExactly("k");
        }

        @Test
        void compare_validation_parameters_too() {
            put("k", "v");
            LedgerSnapshot before = ledger.snapshot();
            InMemoryStub protect = begin();
            protect.setStateValidationParameter("k", onlyPeerOf(STEEL));
            commitByAll(protect);

            assertThat(ledger.snapshot()).isNotEqualTo(before);
            assertThat(ledger.snapshot().changedKeysSince(before)).containsExactly("k");
        }

        @Test
        void do_not_change_when_the_ledger_does() {
            put("k", "v");
            LedgerSnapshot before = ledger.snapshot();
            put("k", "w");
            put("j", "x");

            assertThat(before.keys()).containsExactly("k");
            assertThat(before.text("k")).contains("v");
        }

        @Test
        void print_composite_keys_readably() {
            put(key("ORG", "SteelCoMSP"), "{}");

            assertThat(ledger.snapshot().toString()).contains("ORG/SteelCoMSP = {}");
        }
    }

    @Test
    void orders_keys_by_code_point_like_leveldb_not_by_utf16_unit() {
        List<String> keys = new ArrayList<>(List.of("\ud83d\ude00", "\uffff", "a", "\ue000"));

        keys.sort(InMemoryLedger.KEY_ORDER);

        assertThat(keys).containsExactly("a", "\ue000", "\uffff", "\ud83d\ude00");
        assertThat("\ud83d\ude00".compareTo("\uffff")).as("String.compareTo disagrees").isNegative();
    }
}
