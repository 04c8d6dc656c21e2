package org.carbonledger.chaincode.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL_7;
import static org.carbonledger.core.error.ErrorCode.ALREADY_EXISTS;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.NOT_DESIGNATED;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.carbonledger.chaincode.ledger.LedgerContext;
import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.CommitException;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.InMemoryLedger;
import org.carbonledger.chaincode.testing.SignedRecords;
import org.carbonledger.chaincode.testing.TransactionRecord;
import org.carbonledger.chaincode.testing.WorkedExample;
import org.carbonledger.core.error.Refusal;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.request.Designations;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.carbonledger.core.ledger.LedgerOperation;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A producer's records are seen only by the producer and the certifiers it designated: stored in their private
 * collections (read only by their own clients), endorsed (and so checked) by their peers and nobody else's, refused to every other member, and never
 * in what the other members' peers store (arguments, public writes, events).
 */
class ConfidentialityTest {
    private static final String REHEAT = "t2-coil-reheating-gas";
    private static final String REHEAT_ID = "10000000-0000-4000-8000-000000000202";
    /** The record's activity amount as it was signed: it must appear nowhere public. */
    private static final String REHEAT_AMOUNT = "2400000";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final RecordContract records = network.records;
    private final WorkedExample example = new WorkedExample(network);

    @BeforeEach
    void everythingRegistered() {
        example.registerEverything();
    }

    private String recordText() {
        return Jcs.canonicalString(SignedRecords.example(REHEAT));
    }

    @Nested
    class WhoSeesRecords {

        @Test
        void the_owner_and_its_certifier_read_a_record_and_another_member_is_refused_on_every_peer() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            for (String reader : List.of(STEEL, CERT)) {
                JsonObject record = network.evaluate(reader, records, "GetRecord", COIL, COIL_7, REHEAT_ID);
                assertThat(JsonObjectReader.of(record, "").requireString("recordId")).isEqualTo(REHEAT_ID);
            }
            for (String peer : List.of(APPLIANCE, STEEL, CERT)) {
                Refusal refusal = harness.assertRefusal(NOT_DESIGNATED, () -> harness.as(APPLIANCE, CLIENT).onPeerOf(peer)
                        .evaluate(records, "ListRecords", COIL, COIL_7, "10", ""));
                assertThat(refusal.field()).isEqualTo("batch");
                assertThat(refusal.message()).contains("private to " + STEEL).contains(APPLIANCE + " is not one of them");
                harness.assertRefused(NOT_DESIGNATED, () -> harness.as(APPLIANCE, CLIENT).onPeerOf(peer)
                        .evaluate(records, "GetRecord", COIL, COIL_7, REHEAT_ID));
            }
        }

        @Test
        void a_record_id_that_does_not_exist_is_refused_alike_so_existence_does_not_leak() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            harness.assertRefused(NOT_DESIGNATED, () -> harness.as(APPLIANCE, CLIENT)
                    .evaluate(records, "GetRecord", COIL, COIL_7, SignedRecords.id("90000000", 1)));
        }

        @Test
        void nothing_of_a_record_is_in_the_arguments_the_public_writes_or_the_event() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            TransactionRecord tx = harness.lastTransaction();
            assertThat(tx.parameters()).isEmpty();
            StringBuilder publicBytes = new StringBuilder();
            tx.writes().forEach((k, v) -> publicBytes.append(k).append(new String(v.orElseThrow(), StandardCharsets.UTF_8)));
            publicBytes.append(tx.event().orElseThrow().getPayload().toStringUtf8());
            assertThat(publicBytes.toString()).doesNotContain(REHEAT_AMOUNT).doesNotContain(REHEAT_ID)
                    .doesNotContain("steelco-meter-12").doesNotContain("natural-gas");
            assertThat(harness.ledger().privateValue(InMemoryLedger.collectionOf(APPLIANCE),
                    Consortium.key("ID", REHEAT_ID))).isEmpty();
            assertThat(harness.ledger().privateValues(InMemoryLedger.collectionOf(APPLIANCE), Consortium.key("RECORDS")))
                    .isEmpty();
        }

        @Test
        void the_stored_record_carries_a_salt_so_its_public_hash_cannot_be_matched_against_a_guess() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            String salt = JsonObjectReader.of(network.storedRecord(STEEL, REHEAT_ID), "").requireString("salt");
            assertThat(salt).matches("[0-9a-f]{64}");
            assertThat(JsonObjectReader.of(network.storedRecord(CERT, REHEAT_ID), "").requireString("salt")).isEqualTo(salt);
        }
    }

    @Nested
    class WhoEndorses {

        @Test
        void records_are_endorsed_by_the_owner_and_its_designated_certifier_only() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            assertThat(harness.lastTransaction().privateWrites()).containsOnlyKeys(
                    InMemoryLedger.collectionOf(CERT), InMemoryLedger.collectionOf(STEEL));
            assertThat(harness.ledger().history().get(harness.ledger().history().size() - 1).validationCode())
                    .isEqualTo(TxValidationCode.VALID);
        }

        @Test
        void the_owner_alone_cannot_commit_records_its_certifier_did_not_endorse() {
            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).withRecords(recordText()).endorsedBy(STEEL)
                    .submit(records, "SubmitRecords"))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(network.holdsPrivate(STEEL, "ID", REHEAT_ID)).isFalse();
        }

        @Test
        void a_peer_of_an_organization_that_may_not_see_the_records_refuses_to_endorse_them() {
            Refusal refusal = harness.assertRefusal(NOT_DESIGNATED, () -> harness.as(STEEL, CLIENT)
                    .withRecords(recordText()).endorsedBy(STEEL, CERT, APPLIANCE).submit(records, "SubmitRecords"));

            assertThat(refusal.field()).isEqualTo("peer");
        }

        @Test
        void an_endorser_that_tampers_with_the_private_data_it_endorses_is_caught() {
            TamperingRecords tampering = new TamperingRecords(STEEL);

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).withRecords(recordText()).submit(tampering, "SubmitRecords"))
                    .isInstanceOf(ChaincodeHarness.EndorsementMismatch.class);
            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).withRecords(recordText()).endorsedBy(STEEL)
                    .submit(tampering, "SubmitRecords"))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(network.holdsPrivate(STEEL, "ID", REHEAT_ID)).isFalse();
        }

        @Test
        void a_copy_altered_behind_the_chaincode_on_one_holder_makes_the_seal_refuse() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));
            String txId = harness.lastTransaction().txId();
            String key = Consortium.key("RECORDS", COIL, COIL_7, txId);
            byte[] altered = harness.ledger().privateValue(InMemoryLedger.collectionOf(CERT), key).orElseThrow().clone();
            altered[altered.length - 3] ^= 1;
            harness.ledger().seedPrivate(InMemoryLedger.collectionOf(CERT), key, altered);

            String message = harness.assertRefused(INVALID_STATE, () -> network.seal(STEEL, COIL, COIL_7));
            assertThat(message).contains("copies of the records of transaction " + txId + " differ");
        }

        @Test
        void the_seal_is_endorsed_by_the_holders_even_after_the_designation_was_revoked() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));
            network.submit(STEEL, network.governance, "RevokeCertifier", CERT);

            network.seal(STEEL, COIL, COIL_7);

            assertThat(JsonObjectReader.of(network.batch(COIL, COIL_7), "").requireString("status")).isEqualTo("SEALED");
        }

        @Test
        void refuses_a_submission_without_records_or_salt_in_the_transient_map() {
            Refusal noRecords = harness.assertRefusal(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT)
                    .withTransient(Map.of(PrivateData.SALT, new byte[32])).endorsedBy(STEEL, CERT).submit(records, "SubmitRecords"));
            assertThat(noRecords.field()).isEqualTo("transient.records");
            Refusal shortSalt = harness.assertRefusal(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT)
                    .withTransient(Map.of(PrivateData.RECORDS, recordText().getBytes(StandardCharsets.UTF_8),
                            PrivateData.SALT, new byte[16])).endorsedBy(STEEL, CERT).submit(records, "SubmitRecords"));
            assertThat(shortSalt.field()).isEqualTo("transient.salt");
        }
    }

    @Nested
    class MembersOnlyRead {
        @Test
        void a_certifier_reads_the_records_it_holds_on_its_own_peer_only() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            JsonObject page = network.evaluate(CERT, records, "ListRecords", COIL, COIL_7, "10", "");
            assertThat(page.toString()).contains(REHEAT_ID);
            Refusal refusal = harness.assertRefusal(NOT_DESIGNATED, () -> harness.as(CERT, CLIENT).onPeerOf(STEEL)
                    .evaluate(records, "ListRecords", COIL, COIL_7, "10", ""));
            assertThat(refusal.field()).isEqualTo("peer");
            assertThat(refusal.message()).contains("read only for clients of " + STEEL);
        }

        @Test
        void the_owner_lists_every_record_set_of_its_batch_and_a_member_that_holds_none_is_refused() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            JsonObject sets = network.evaluate(STEEL, records, "ListRecordSets", COIL, COIL_7);
            assertThat(JsonObjectReader.of(sets, "").requireArray("sets").size()).isEqualTo(1);
            harness.assertRefused(NOT_DESIGNATED, () -> harness.as(APPLIANCE, CLIENT)
                    .evaluate(records, "ListRecordSets", COIL, COIL_7));
        }

        @Test
        void a_seal_without_the_record_sets_is_refused_naming_the_transient_entry() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));

            Refusal refusal = harness.assertRefusal(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT)
                    .submit(network.batches, "SealBatch", COIL, COIL_7));
            assertThat(refusal.field()).isEqualTo("transient." + PrivateData.RECORD_SETS);
        }

        @Test
        void a_seal_whose_client_supplies_other_records_than_the_holders_keep_is_refused() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));
            String sets = new String(network.sealTransient(STEEL, COIL, COIL_7).get(PrivateData.RECORD_SETS), StandardCharsets.UTF_8);
            // Another salt for the record: the same shape and every record check passes, but it is not what was committed.
            String message = harness.assertRefused(INVALID_STATE, () -> harness.as(STEEL, CLIENT)
                    .withTransient(Map.of(PrivateData.RECORD_SETS, flipFirstSaltDigit(sets).getBytes(StandardCharsets.UTF_8)))
                    .submit(network.batches, "SealBatch", COIL, COIL_7));
            assertThat(message).contains("differ from what");
            assertThat(JsonObjectReader.of(network.batch(COIL, COIL_7), "").requireString("status")).isEqualTo("OPEN");
        }

        @Test
        void a_seal_that_leaves_out_one_transactions_records_or_adds_another_is_refused() {
            network.submitRecords(STEEL, SignedRecords.example(REHEAT));
            String first = new String(network.sealTransient(STEEL, COIL, COIL_7).get(PrivateData.RECORD_SETS), StandardCharsets.UTF_8);
            network.submitRecords(STEEL, SignedRecords.example("t2-coil-rolling-electricity"));

            Refusal missing = harness.assertRefusal(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT)
                    .withTransient(Map.of(PrivateData.RECORD_SETS, first.getBytes(StandardCharsets.UTF_8)))
                    .submit(network.batches, "SealBatch", COIL, COIL_7));
            assertThat(missing.message()).contains("lacks the records transaction");

            var both = (org.carbonledger.core.json.JsonArray) org.carbonledger.core.json.Json.parse(
                    network.sealTransient(STEEL, COIL, COIL_7).get(PrivateData.RECORD_SETS));
            JsonObject stranger = ((JsonObject) both.get(0)).without("txId")
                    .with("txId", org.carbonledger.core.json.JsonString.of("stranger"));
            String withStranger = Jcs.canonicalString(org.carbonledger.core.json.JsonArray.of(List.of(both.get(0), both.get(1), stranger)));
            Refusal extra = harness.assertRefusal(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT)
                    .withTransient(Map.of(PrivateData.RECORD_SETS, withStranger.getBytes(StandardCharsets.UTF_8)))
                    .submit(network.batches, "SealBatch", COIL, COIL_7));
            assertThat(extra.message()).contains("stranger");
        }

        private static String flipFirstSaltDigit(String sets) {
            int at = sets.indexOf("\"salt\":\"") + "\"salt\":\"".length();
            char c = sets.charAt(at);
            return sets.substring(0, at) + (c == '0' ? '1' : '0') + sets.substring(at + 1);
        }
    }

    @Nested
    class Designation {

        private Designations designations(String producer) {
            return Designations.fromJson(network.evaluate(APPLIANCE, network.governance, "ListDesignatedCertifiers", producer), "");
        }

        @Test
        void a_producer_designates_and_revokes_a_certifier_on_the_public_ledger() {
            assertThat(designations(STEEL).certifierMspIds()).containsExactly(CERT);

            network.submit(STEEL, network.governance, "RevokeCertifier", CERT);

            assertThat(designations(STEEL).certifierMspIds()).isEmpty();
            assertThat(harness.ledger().get(Consortium.key("DESIGNATION", STEEL, CERT))).isEmpty();
            harness.assertRefused(NOT_FOUND, () -> network.submit(STEEL, network.governance, "RevokeCertifier", CERT));
            JsonObject again = network.submit(STEEL, network.governance, "DesignateCertifier", CERT);
            assertThat(JsonObjectReader.of(again, "").requireString("certifierMspId")).isEqualTo(CERT);
            assertThat(designations(STEEL).endorsers()).containsExactly(STEEL, CERT);
        }

        @Test
        void without_a_designated_certifier_a_producer_cannot_submit_records() {
            network.submit(STEEL, network.governance, "RevokeCertifier", CERT);

            Refusal refusal = harness.assertRefusal(NOT_DESIGNATED, () -> harness.as(STEEL, CLIENT)
                    .withRecords(recordText()).endorsedBy(STEEL).submit(records, "SubmitRecords"));
            assertThat(refusal.field()).isEqualTo("certifiers");
            assertThat(refusal.message()).contains("designate a certifier first");
        }

        @Test
        void a_certifier_whose_role_was_revoked_no_longer_counts() {
            network.revoke(CERT, "CERTIFIER");

            assertThat(designations(STEEL).certifiers()).isEmpty();
            harness.assertRefused(NOT_DESIGNATED, () -> harness.as(STEEL, CLIENT)
                    .withRecords(recordText()).endorsedBy(STEEL).submit(records, "SubmitRecords"));
        }

        @Test
        void refuses_designations_that_make_no_sense() {
            harness.assertRefused(ALREADY_EXISTS, () -> network.submit(STEEL, network.governance, "DesignateCertifier", CERT));
            harness.assertRefused(ROLE_REQUIRED, () -> network.submit(STEEL, network.governance, "DesignateCertifier", APPLIANCE));
            harness.assertRefused(INVALID_ARGUMENT, () -> network.submit(STEEL, network.governance, "DesignateCertifier", STEEL));
            harness.assertRefused(NOT_FOUND, () -> network.submit(STEEL, network.governance, "DesignateCertifier", "NobodyMSP"));
            harness.assertRefused(ROLE_REQUIRED, () -> network.submit(CERT, network.governance, "DesignateCertifier", CERT));
        }
    }

    /**
     * The records contract as a forged SteelCo peer runs it: every value it stores privately has one byte altered.
     * The other peers run the genuine contract.
     */
    @Contract(name = LedgerOperation.Contracts.RECORDS)
    public static final class TamperingRecords implements ContractInterface {
        private final RecordContract genuine = new RecordContract();
        private final String tamperingPeer;

        TamperingRecords(String tamperingPeer) {
            this.tamperingPeer = tamperingPeer;
        }

        @Override
        public Context createContext(ChaincodeStub stub) {
            ChaincodeStub tampering = (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(),
                    new Class<?>[] {ChaincodeStub.class}, (proxy, method, args) -> {
                        if (method.getName().equals("putPrivateData") && stub.getMspId().equals(tamperingPeer)) {
                            byte[] value = ((byte[]) args[2]).clone();
                            value[value.length / 2] ^= 1;
                            args[2] = value;
                        }
                        try {
                            return method.invoke(stub, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return new LedgerContext(tampering);
        }

        @Override
        public void beforeTransaction(Context ctx) {
            genuine.beforeTransaction(ctx);
        }

        @Override
        public void afterTransaction(Context ctx, Object result) {
            genuine.afterTransaction(ctx, result);
        }

        @Transaction(intent = Transaction.TYPE.SUBMIT)
        public String SubmitRecords(final Context context) {
            return genuine.SubmitRecords(context);
        }
    }
}
