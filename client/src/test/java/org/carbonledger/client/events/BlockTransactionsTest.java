package org.carbonledger.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.client.events.TestBlocks.CC;
import static org.carbonledger.client.events.TestBlocks.block;
import static org.carbonledger.client.events.TestBlocks.delete;
import static org.carbonledger.client.events.TestBlocks.event;
import static org.carbonledger.client.events.TestBlocks.tx;
import static org.carbonledger.client.events.TestBlocks.write;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.carbonledger.core.json.Json;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/** Blocks built as a Fabric peer delivers them, read back into the read model's transactions. */
class BlockTransactionsTest {
    private static final String ORG_KEY = "\u0000ORG\u0000SteelCoMSP\u0000";
    private static final String ROLE_KEY = "\u0000ROLE\u0000SteelCoMSP\u0000PRODUCER\u0000";
    private static final String ORG_VALUE = "{\"displayName\":\"SteelCo\",\"mspId\":\"SteelCoMSP\"}";

    @Test
    void a_valid_transaction_carries_the_event_s_changes_with_the_values_of_its_write_set() {
        Block block = block(7, List.of(
                tx("tx-1", CC, event("tx-1", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"},"
                        + "{\"deleted\":true,\"key\":\"ROLE/SteelCoMSP/PRODUCER\",\"type\":\"role\"}"),
                        write(ORG_KEY, ORG_VALUE), delete(ROLE_KEY))),
                List.of(TxValidationCode.VALID));

        List<LedgerTransaction> transactions = BlockTransactions.of(block, CC);

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

        assertThat(BlockTransactions.of(block, CC)).extracting(LedgerTransaction::transactionId).containsExactly("tx-ok");
    }

    @Test
    void an_event_and_a_write_set_that_name_different_keys_make_the_block_unreadable() {
        Block missingWrite = block(4, List.of(tx("tx-1", CC,
                event("tx-1", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"},{\"key\":\"ORG/CertCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(missingWrite, CC))
                .hasMessageContaining("tx-1").hasMessageContaining("block 4").hasMessageContaining("ORG/CertCoMSP");

        Block unlisted = block(5, List.of(tx("tx-2", CC, event("tx-2", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE), write(ROLE_KEY, "{}"))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(unlisted, CC)).hasMessageContaining("holds 2 keys, its event lists 1");

        Block deleteMismatch = block(6, List.of(tx("tx-3", CC, event("tx-3", "{\"deleted\":true,\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE))), List.of(TxValidationCode.VALID));
        assertThatThrownBy(() -> BlockTransactions.of(deleteMismatch, CC)).hasMessageContaining("deleted");
    }

    @Test
    void a_block_without_a_validation_filter_yields_nothing() {
        Block block = block(8, List.of(tx("tx-1", CC, event("tx-1", "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}"),
                write(ORG_KEY, ORG_VALUE))), List.of());
        assertThat(BlockTransactions.of(block, CC)).isEmpty();
    }
}
