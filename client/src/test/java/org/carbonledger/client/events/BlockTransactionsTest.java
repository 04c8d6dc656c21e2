package org.carbonledger.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.client.events.TestBlocks.CC;
import static org.carbonledger.client.events.TestBlocks.block;
import static org.carbonledger.client.events.TestBlocks.collection;
import static org.carbonledger.client.events.TestBlocks.delete;
import static org.carbonledger.client.events.TestBlocks.delivered;
import static org.carbonledger.client.events.TestBlocks.event;
import static org.carbonledger.client.events.TestBlocks.privateData;
import static org.carbonledger.client.events.TestBlocks.tx;
import static org.carbonledger.client.events.TestBlocks.write;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/** Blocks built as a Fabric peer delivers them, read back into the read model's transactions. */
class BlockTransactionsTest {
    private static final String ORG_KEY = "\u0000ORG\u0000SteelCoMSP\u0000";
    private static final String ROLE_KEY = "\u0000ROLE\u0000SteelCoMSP\u0000PRODUCER\u0000";
    private static final String ORG_VALUE = "{\"displayName\":\"SteelCo\",\"mspId\":\"SteelCoMSP\"}";
    /** The reader's organization. */
    private static final String MEMBER = "SteelCoMSP";
    private static final String STEELCO = "org_SteelCoMSP";
    private static final String CERTCO = "org_CertCoMSP";
    private static final String TX_R = "7e".repeat(32);
    private static final String RECORD_ID = "0b7c6f2e-3d4a-4f51-9e2b-1c8d7a6e5f40";
    private static final String OTHER_ID = "5d1e0a9b-7c3f-4e2a-8b6d-2f4c9e1a7b30";
    private static final String RECORD_KEY = "\u0000ID\u0000" + RECORD_ID + "\u0000";
    private static final String OTHER_KEY = "\u0000ID\u0000" + OTHER_ID + "\u0000";
    private static final String CLAIM_VALUE = "{\"id\":\"" + RECORD_ID + "\",\"kind\":\"record\",\"txId\":\"" + TX_R + "\"}";
    private static final String OTHER_CLAIM = "{\"id\":\"" + OTHER_ID + "\",\"kind\":\"record\",\"txId\":\"" + TX_R + "\"}";
    private static final String RECORD_VALUE = record(RECORD_ID, TX_R, "12.5");
    private static final String OTHER_VALUE = record(OTHER_ID, TX_R, "2");
    private static final String SET_KEY = "\u0000RECORDS\u000004012345678901\u0000L1\u0000" + TX_R + "\u0000";
    private static final String SET_VALUE = recordSet(TX_R, RECORD_VALUE, OTHER_VALUE);
    private static final String RECORD_TX_KEY = "\u0000RECORD_TX\u000004012345678901\u0000L1\u0000" + TX_R + "\u0000";
    private static final String RECORD_TX_VALUE = "{\"gtin\":\"04012345678901\",\"holders\":[\"CertCoMSP\",\"SteelCoMSP\"],"
            + "\"lot\":\"L1\",\"txId\":\"" + TX_R + "\"}";
    private static final String RECORD_TX_CHANGE =
            "{\"key\":\"RECORD_TX/04012345678901/L1/" + TX_R + "\",\"type\":\"recordTransaction\"}";

    @Test
    void a_valid_transaction_carries_the_event_s_changes_with_the_values_of_its_write_set() {
        Block block = block(7, List.of(
                tx("tx-1", CC, event("tx-1", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"},"
                        + "{\"deleted\":true,\"key\":\"ROLE/SteelCoMSP/PRODUCER\",\"type\":\"role\"}"),
                        write(ORG_KEY, ORG_VALUE), delete(ROLE_KEY))),
                List.of(TxValidationCode.VALID));

        List<LedgerTransaction> transactions = BlockTransactions.of(delivered(block), CC, MEMBER);

        assertThat(transactions).hasSize(1);
        LedgerTransaction tx = transactions.get(0);
        assertThat(tx.blockNumber()).isEqualTo(7);
        assertThat(tx.transactionId()).isEqualTo("tx-1");
        assertThat(tx.mspId()).isEqualTo("SteelCoMSP");
        assertThat(tx.function()).isEqualTo("Governance:RegisterOrganization");
        assertThat(tx.changes()).containsExactly(
                new LedgerTransaction.Change("organization", "ORG/SteelCoMSP", Optional.of(Json.parseObject(
                        ORG_VALUE.getBytes(StandardCharsets.UTF_8), "v"))),
                new LedgerTransaction.Change("role", "ROLE/SteelCoMSP/PRODUCER", Optional.empty()));
    }

    @Test
    void invalid_transactions_other_chaincodes_and_actions_without_the_event_are_skipped() {
        Block block = block(3, List.of(
                tx("tx-invalid", CC, event("tx-invalid", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"), write(ORG_KEY, ORG_VALUE)),
                tx("tx-other", "_lifecycle", event("tx-other", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"), write(ORG_KEY, ORG_VALUE)),
                tx("tx-quiet", CC, ChaincodeEvent.getDefaultInstance(), write(ORG_KEY, ORG_VALUE)),
                tx("tx-ok", CC, event("tx-ok", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"), write(ORG_KEY, ORG_VALUE))),
                List.of(TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.VALID, TxValidationCode.VALID, TxValidationCode.VALID));

        assertThat(BlockTransactions.of(delivered(block), CC, MEMBER)).extracting(LedgerTransaction::transactionId).containsExactly("tx-ok");
    }

    @Test
    void an_event_and_a_write_set_that_name_different_keys_make_the_block_unreadable() {
        Block missingWrite = block(4, List.of(tx("tx-1", CC,
                event("tx-1", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"},{\"key\":\"ORG/CertCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(missingWrite), CC, MEMBER))
                .hasMessageContaining("tx-1").hasMessageContaining("block 4").hasMessageContaining("ORG/CertCoMSP");

        Block unlisted = block(5, List.of(tx("tx-2", CC, event("tx-2", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE), write(ROLE_KEY, "{}"))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(unlisted), CC, MEMBER)).hasMessageContaining("holds 2 keys, its event lists 1");

        Block deleteMismatch = block(6, List.of(tx("tx-3", CC, event("tx-3", "{\"deleted\":true,\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(deleteMismatch), CC, MEMBER)).hasMessageContaining("deleted");
    }

    @Test
    void a_block_without_a_validation_filter_yields_nothing() {
        Block block = block(8, List.of(tx("tx-1", CC, event("tx-1", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE))), List.of());
        assertThat(BlockTransactions.of(delivered(block), CC, MEMBER)).isEmpty();
    }

    @Test
    void a_holder_reads_each_record_of_a_record_set_as_a_record_change_with_its_collection() {
        var written = collection(STEELCO, write(RECORD_KEY, CLAIM_VALUE), write(OTHER_KEY, OTHER_CLAIM), write(SET_KEY, SET_VALUE));
        Block block = block(9, List.of(recordTx(List.of(written, collection(CERTCO, write(SET_KEY, SET_VALUE))))),
                List.of(TxValidationCode.VALID));

        LedgerTransaction tx = single(BlockTransactions.of(delivered(block, Map.of(0L, privateData(written))), CC, MEMBER));

        assertThat(tx.changes()).containsExactly(
                new LedgerTransaction.Change("recordTransaction", "RECORD_TX/04012345678901/L1/" + TX_R, Optional.of(json(RECORD_TX_VALUE))),
                new LedgerTransaction.Change("record", "ID/" + RECORD_ID, Optional.of(json(RECORD_VALUE)), Optional.of(STEELCO)),
                new LedgerTransaction.Change("record", "ID/" + OTHER_ID, Optional.of(json(OTHER_VALUE)), Optional.of(STEELCO)));
        assertThat(tx.changes()).extracting(LedgerTransaction.Change::isPrivate).containsExactly(false, true, true);
    }

    @Test
    void a_member_that_holds_none_of_the_collections_sees_only_the_public_trace() {
        // OtherCo's peer stores only the hashes: its deliver carries no private data for the transaction.
        Block block = block(9, List.of(recordTx(List.of(collection(STEELCO, write(RECORD_KEY, CLAIM_VALUE), write(SET_KEY, SET_VALUE)),
                collection(CERTCO, write(SET_KEY, SET_VALUE))))), List.of(TxValidationCode.VALID));

        LedgerTransaction tx = single(BlockTransactions.of(delivered(block), CC, "OtherCoMSP"));

        assertThat(tx.changes()).containsExactly(new LedgerTransaction.Change("recordTransaction",
                "RECORD_TX/04012345678901/L1/" + TX_R, Optional.of(json(RECORD_TX_VALUE))));
    }

    @Test
    void a_record_set_held_in_two_of_the_reader_s_collections_gives_each_record_once() {
        var owners = collection(STEELCO, write(RECORD_KEY, CLAIM_VALUE), write(SET_KEY, SET_VALUE));
        var certifiers = collection(CERTCO, write(SET_KEY, SET_VALUE));
        Block block = block(9, List.of(recordTx(List.of(owners, certifiers))), List.of(TxValidationCode.VALID));

        // The peer's answer comes from maps: the order it lists the collections in must not matter.
        LedgerTransaction tx = single(BlockTransactions.of(delivered(block, Map.of(0L, privateData(owners, certifiers))), CC, MEMBER));
        LedgerTransaction reordered = single(BlockTransactions.of(delivered(block, Map.of(0L, privateData(certifiers, owners))), CC, MEMBER));

        assertThat(tx.changes()).extracting(LedgerTransaction.Change::key)
                .containsExactly("RECORD_TX/04012345678901/L1/" + TX_R, "ID/" + RECORD_ID, "ID/" + OTHER_ID);
        assertThat(tx.changes().get(1).collection()).contains(CERTCO);
        assertThat(reordered).isEqualTo(tx);
    }

    @Test
    void two_collections_that_hold_different_values_of_one_record_set_make_the_block_unreadable() {
        var owners = collection(STEELCO, write(SET_KEY, SET_VALUE));
        var certifiers = collection(CERTCO, write(SET_KEY, SET_VALUE.replace("12.5", "1.25")));
        Block block = block(9, List.of(recordTx(List.of(owners, certifiers))), List.of(TxValidationCode.VALID));

        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(owners, certifiers))), CC, MEMBER))
                .hasMessageContaining(TX_R).hasMessageContaining("different values of RECORDS/04012345678901/L1/" + TX_R);
    }

    @Test
    void a_private_state_of_an_unexpected_type_makes_the_block_unreadable() {
        var written = collection(STEELCO, write(SET_KEY, SET_VALUE), write("\u0000BATCH\u000004012345678901\u0000L1\u0000", "{}"));
        Block block = block(9, List.of(recordTx(List.of(written))), List.of(TxValidationCode.VALID));

        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(written))), CC, MEMBER))
                .hasMessageContaining("block 9").hasMessageContaining("BATCH/04012345678901/L1").hasMessageContaining("(BATCH)");
    }

    @Test
    void a_private_id_that_is_not_a_record_s_claim_makes_the_block_unreadable() {
        var transferClaim = collection(STEELCO, write(RECORD_KEY, CLAIM_VALUE.replace("\"record\"", "\"transfer\"")));
        Block block = block(9, List.of(recordTx(List.of(transferClaim))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(transferClaim))), CC, MEMBER))
                .hasMessageContaining("ID/" + RECORD_ID).hasMessageContaining("not a record");

        // A record stored at its id, as before record sets: not a claim, read strictly.
        var recordAtId = collection(STEELCO, write(RECORD_KEY, RECORD_VALUE));
        Block old = block(9, List.of(recordTx(List.of(recordAtId))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(old, Map.of(0L, privateData(recordAtId))), CC, MEMBER))
                .hasMessageContaining("ID/" + RECORD_ID);
    }

    @Test
    void a_record_set_that_is_not_of_its_transaction_or_does_not_read_as_one_makes_the_block_unreadable() {
        String otherTx = "9c".repeat(32);
        var foreign = collection(STEELCO, write(SET_KEY, SET_VALUE.replace(TX_R, otherTx)));
        Block block = block(9, List.of(recordTx(List.of(foreign))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(foreign))), CC, MEMBER))
                .hasMessageContaining("names transaction " + otherTx);

        var ids = collection(STEELCO, write(SET_KEY, "{\"gtin\":\"04012345678901\",\"lot\":\"L1\",\"recordIds\":[\""
                + RECORD_ID + "\"],\"txId\":\"" + TX_R + "\"}"));
        Block index = block(9, List.of(recordTx(List.of(ids))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(index, Map.of(0L, privateData(ids))), CC, MEMBER))
                .hasMessageContaining("RECORDS/04012345678901/L1/" + TX_R);
    }

    @Test
    void private_data_that_does_not_match_the_hash_in_the_block_makes_the_block_unreadable() {
        // What the endorsers signed (the hash) and what the peer hands out must be the same bytes.
        Block block = block(9, List.of(recordTx(List.of(collection(STEELCO, write(SET_KEY, SET_VALUE))))),
                List.of(TxValidationCode.VALID));
        var altered = collection(STEELCO, write(SET_KEY, SET_VALUE.replace("12.5", "0.5")));

        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(altered))), CC, MEMBER))
                .hasMessageContaining("does not match the hash");
    }

    @Test
    void private_data_of_a_collection_the_transaction_did_not_write_makes_the_block_unreadable() {
        Block block = block(9, List.of(recordTx(List.of(collection(STEELCO, write(SET_KEY, SET_VALUE))))),
                List.of(TxValidationCode.VALID));
        var stray = collection(CERTCO, write(SET_KEY, SET_VALUE));

        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(stray))), CC, "CertCoMSP"))
                .hasMessageContaining(CERTCO).hasMessageContaining("did not write");
    }

    @Test
    void a_transaction_that_wrote_to_the_reader_s_own_collection_without_its_private_data_is_not_skipped() {
        // The peer committed the block before the private data reached it: reading on would lose the records.
        Block block = block(9, List.of(recordTx(List.of(collection(STEELCO, write(SET_KEY, SET_VALUE))))),
                List.of(TxValidationCode.VALID));

        assertThatThrownBy(() -> BlockTransactions.of(delivered(block), CC, MEMBER))
                .hasMessageContaining(TX_R).hasMessageContaining(STEELCO).hasMessageContaining("did not deliver");
    }

    @Test
    void private_data_is_taken_from_the_transaction_s_own_index_in_the_block() {
        var first = collection(STEELCO, write(SET_KEY, SET_VALUE));
        String txS = "5a".repeat(32);
        var second = collection(STEELCO, write("\u0000RECORDS\u000004012345678901\u0000L1\u0000" + txS + "\u0000",
                recordSet(txS, record(OTHER_ID, txS, "3"))));
        Block block = block(10, List.of(recordTx(List.of(first)), tx(txS, CC, event(txS, ""), List.of(), List.of(second))),
                List.of(TxValidationCode.VALID, TxValidationCode.VALID));

        List<LedgerTransaction> transactions = BlockTransactions.of(delivered(block,
                Map.of(0L, privateData(first), 1L, privateData(second))), CC, MEMBER);

        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0).changes()).extracting(LedgerTransaction.Change::key).contains("ID/" + RECORD_ID);
        assertThat(transactions.get(1).changes()).extracting(LedgerTransaction.Change::key).containsExactly("ID/" + OTHER_ID);
    }

    @Test
    void a_deleted_record_claim_is_no_change_and_a_deleted_record_set_makes_the_block_unreadable() {
        var claim = collection(STEELCO, delete(RECORD_KEY));
        Block block = block(9, List.of(tx("7d".repeat(32), CC, event("7d".repeat(32), ""), List.of(), List.of(claim))),
                List.of(TxValidationCode.VALID));
        assertThat(single(BlockTransactions.of(delivered(block, Map.of(0L, privateData(claim))), CC, MEMBER)).changes()).isEmpty();

        var set = collection(STEELCO, delete(SET_KEY));
        Block deleted = block(9, List.of(tx("7d".repeat(32), CC, event("7d".repeat(32), ""), List.of(), List.of(set))),
                List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(delivered(deleted, Map.of(0L, privateData(set))), CC, MEMBER))
                .hasMessageContaining("deleted the record set");
    }

    @Test
    void a_key_written_both_publicly_and_privately_makes_the_block_unreadable() {
        var written = collection(STEELCO, write(SET_KEY, SET_VALUE));
        Block block = block(9, List.of(tx(TX_R, CC, event(TX_R, "{\"key\":\"ID/" + RECORD_ID + "\",\"type\":\"idClaim\"}"),
                List.of(write(RECORD_KEY, "{}")), List.of(written))), List.of(TxValidationCode.VALID));

        assertThatThrownBy(() -> BlockTransactions.of(delivered(block, Map.of(0L, privateData(written))), CC, MEMBER))
                .hasMessageContaining("both a public and a private state");
    }

    /** A SubmitRecords transaction as the confidential chaincode writes it: the public trace, the rest private. */
    private static ByteString recordTx(List<CollectionPvtReadWriteSet> privateWrites) {
        return tx(TX_R, CC, event(TX_R, RECORD_TX_CHANGE), List.of(write(RECORD_TX_KEY, RECORD_TX_VALUE)), privateWrites);
    }

    /** A record as the chaincode stores it in a record set. */
    static String record(String id, String txId, String total) {
        String hash = "0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de";
        return "{\"co2e\":{\"biogenicCo2\":\"0\",\"biogenicNonCo2\":\"0\",\"fossil\":\"" + total + "\",\"total\":\""
                + total + "\"},\"contentHash\":\"" + hash + "\",\"deviceId\":\"meter-12\",\"gtin\":\"04012345678901\","
                + "\"lot\":\"L1\",\"ownerMspId\":\"SteelCoMSP\",\"record\":{\"recordId\":\"" + id + "\"},\"recordId\":\""
                + id + "\",\"salt\":\"" + hash + "\",\"scope\":2,\"stage\":\"PRODUCTION\",\"submittedAt\":"
                + "\"2026-10-01T08:00:00Z\",\"txId\":\"" + txId + "\"}";
    }

    static String recordSet(String txId, String... records) {
        return "{\"gtin\":\"04012345678901\",\"lot\":\"L1\",\"records\":[" + String.join(",", records)
                + "],\"txId\":\"" + txId + "\"}";
    }

    private static LedgerTransaction single(List<LedgerTransaction> transactions) {
        assertThat(transactions).hasSize(1);
        return transactions.get(0);
    }

    private static JsonObject json(String text) {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8), "v");
    }
}
