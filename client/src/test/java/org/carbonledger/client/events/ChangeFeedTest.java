package org.carbonledger.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.client.events.TestBlocks.CC;
import static org.carbonledger.client.events.TestBlocks.block;
import static org.carbonledger.client.events.TestBlocks.collection;
import static org.carbonledger.client.events.TestBlocks.event;
import static org.carbonledger.client.events.TestBlocks.privateData;
import static org.carbonledger.client.events.TestBlocks.tx;
import static org.carbonledger.client.events.TestBlocks.write;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
    private static final String ORG_KEY = "\u0000ORG\u0000SteelCoMSP\u0000";
    private static final String MEMBER = "SteelCoMSP";
    private static final String CHANGE = "{\"key\":\"ORG/SteelCoMSP\",\"type\":\"organization\"}";

    @Test
    void blocks_with_nothing_for_the_reader_after_its_last_transaction_count_as_read() {
        // What a chaincode upgrade leaves at the end of the chain: blocks of lifecycle transactions only.
        ChangeFeed feed = ChangeFeed.over(blocks(
                ours(10, "tx-a"),
                block(11, List.of(tx("tx-approve", "_lifecycle", event("tx-approve", CHANGE), write("k", "{}"))),
                        List.of(TxValidationCode.VALID)),
                block(12, List.of(tx("tx-commit", "_lifecycle", event("tx-commit", CHANGE), write("k", "{}"))),
                        List.of(TxValidationCode.VALID))), CC, MEMBER, ChangeFeed.Position.start());

        assertThat(feed.next().transactionId()).isEqualTo("tx-a");
        assertThat(feed.skippedThrough()).as("block 10 has a transaction still to apply").isEqualTo(-1);
        assertThatThrownBy(feed::next).isInstanceOf(NoSuchElementException.class);
        assertThat(feed.skippedThrough()).isEqualTo(12);
    }

    @Test
    void a_block_whose_only_transaction_was_invalid_counts_as_read_and_the_next_one_is_handed_out() {
        ChangeFeed feed = ChangeFeed.over(blocks(
                block(3, List.of(tx("tx-bad", CC, event("tx-bad", CHANGE), write(ORG_KEY, "{}"))),
                        List.of(TxValidationCode.MVCC_READ_CONFLICT)),
                ours(4, "tx-b")), CC, MEMBER, ChangeFeed.Position.start());

        assertThat(feed.next().transactionId()).isEqualTo("tx-b");
        assertThat(feed.skippedThrough()).isEqualTo(3);
    }

    @Test
    void resuming_after_the_last_transaction_of_a_block_counts_that_block_as_read() {
        ChangeFeed feed = ChangeFeed.over(blocks(ours(5, "tx-c"), ours(6, "tx-d")), CC, MEMBER,
                new ChangeFeed.Position(5, Optional.of("tx-c")));

        assertThat(feed.next().transactionId()).isEqualTo("tx-d");
        assertThat(feed.skippedThrough()).isEqualTo(5);
    }

    @Test
    void a_transaction_s_private_records_come_with_it_from_the_private_data_delivered_beside_its_block() {
        String txId = "7e".repeat(32);
        String recordId = "0b7c6f2e-3d4a-4f51-9e2b-1c8d7a6e5f40";
        String setKey = "\u0000RECORDS\u000004012345678901\u0000L1\u0000" + txId + "\u0000";
        var written = collection("org_SteelCoMSP", write(setKey,
                BlockTransactionsTest.recordSet(txId, BlockTransactionsTest.record(recordId, txId, "1"))));
        Block block = block(7, List.of(tx(txId, CC, event(txId, ""), List.of(), List.of(written))),
                List.of(TxValidationCode.VALID));
        ChangeFeed feed = ChangeFeed.over(delivered(TestBlocks.delivered(block, Map.of(0L, privateData(written)))), CC,
                MEMBER, ChangeFeed.Position.start());

        LedgerTransaction tx = feed.next();

        assertThat(tx.changes()).extracting(LedgerTransaction.Change::key, LedgerTransaction.Change::type,
                LedgerTransaction.Change::collection).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ID/" + recordId, "record", Optional.of("org_SteelCoMSP")));
    }

    private static Block ours(long number, String txId) {
        return block(number, List.of(tx(txId, CC, event(txId, CHANGE), write(ORG_KEY, "{\"mspId\":\"SteelCoMSP\"}"))),
                List.of(TxValidationCode.VALID));
    }

    private static CloseableIterator<BlockAndPrivateData> blocks(Block... blocks) {
        return delivered(Arrays.stream(blocks).map(TestBlocks::delivered).toArray(BlockAndPrivateData[]::new));
    }

    private static CloseableIterator<BlockAndPrivateData> delivered(BlockAndPrivateData... blocks) {
        Iterator<BlockAndPrivateData> it = List.of(blocks).iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public BlockAndPrivateData next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
