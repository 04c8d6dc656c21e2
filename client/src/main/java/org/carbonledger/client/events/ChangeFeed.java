package org.carbonledger.client.events;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.client.gateway.LedgerConnection;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;

/**
 * The ledger's changes, transaction by transaction, from a position the caller keeps. Resuming from the position of
 * the last transaction applied yields exactly the transactions after it: the caller stores that position in the
 * same database transaction as the changes it applied, so a crash anywhere loses nothing and repeats nothing.
 *
 * <pre>{@code
 * try (ChangeFeed feed = ChangeFeed.open(connection, position)) {
 *     while (running) {
 *         LedgerTransaction tx = feed.next();      // blocks until the next valid transaction commits
 *         applyInOneDatabaseTransaction(tx, Position.after(tx));
 *     }
 * }
 * }</pre>
 */
public final class ChangeFeed implements AutoCloseable {
    /** The event every state-changing Carbon Ledger transaction emits. */
    public static final String EVENT_NAME = "carbonledger.changes";

    /** Where a reader stands: nothing read yet, or just after a given transaction of a given block. */
    public record Position(long blockNumber, Optional<String> afterTransactionId) {
        public Position {
            Objects.requireNonNull(afterTransactionId, "afterTransactionId");
            if (blockNumber < 0) {
                throw new IllegalArgumentException("blockNumber must not be negative");
            }
        }

        public static Position start() {
            return new Position(0, Optional.empty());
        }

        public static Position after(LedgerTransaction tx) {
            return new Position(tx.blockNumber(), Optional.of(tx.transactionId()));
        }
    }

    private final CloseableIterator<BlockAndPrivateData> blocks;
    private final String chaincode;
    private final String memberMspId;
    private final Position from;
    private final ArrayDeque<LedgerTransaction> pending = new ArrayDeque<>();
    private volatile long skippedThrough = -1;

    private ChangeFeed(CloseableIterator<BlockAndPrivateData> blocks, String chaincode, String memberMspId,
                       Position from) {
        this.blocks = blocks;
        this.chaincode = chaincode;
        this.memberMspId = memberMspId;
        this.from = from;
    }

    /**
     * Follows whole blocks with their private data rather than chaincode events: the event names what each
     * transaction changed publicly and the block's write sets hold the values; the private data the connection's
     * peer delivers beside each block holds the private states the connection's organization may see (see
     * {@link BlockTransactions}).
     *
     * <p>The peer sends the private data of every collection it holds whose policy lets the connection's identity
     * read it. Each organization's collection is {@code memberOnlyRead} ({@code PrivateData}), so a feed receives
     * private data only from a peer of the connection's own organization, which holds that organization's collection
     * and no other.
     */
    public static ChangeFeed open(LedgerConnection connection, Position from) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(from, "from");
        CloseableIterator<BlockAndPrivateData> blocks = connection.network().newBlockAndPrivateDataEventsRequest()
                .startBlock(from.blockNumber()).build().getEvents();
        return over(blocks, connection.profile().chaincode(), connection.mspId(), from);
    }

    /** A feed over blocks delivered some other way (tests build them as a peer delivers them). */
    static ChangeFeed over(CloseableIterator<BlockAndPrivateData> blocks, String chaincode, String memberMspId,
                           Position from) {
        return new ChangeFeed(Objects.requireNonNull(blocks, "blocks"), Objects.requireNonNull(chaincode, "chaincode"),
                Objects.requireNonNull(memberMspId, "memberMspId"), Objects.requireNonNull(from, "from"));
    }

    /** The next valid Carbon Ledger transaction; blocks until one commits. Other transactions are skipped. */
    public LedgerTransaction next() {
        while (pending.isEmpty()) {
            BlockAndPrivateData delivered = blocks.next();
            Block block = delivered.getBlock();
            List<LedgerTransaction> transactions = BlockTransactions.of(delivered, chaincode, memberMspId);
            if (block.getHeader().getNumber() == from.blockNumber() && from.afterTransactionId().isPresent()) {
                transactions = after(transactions, from.afterTransactionId().get(), from.blockNumber());
            }
            if (transactions.isEmpty()) {
                skippedThrough = block.getHeader().getNumber();
            }
            pending.addAll(transactions);
        }
        return pending.removeFirst();
    }

    /**
     * The last block this feed read that held nothing for its reader (configuration blocks, chaincode lifecycle
     * transactions, other chaincodes, invalid transactions), or -1. Every earlier transaction has been handed out
     * before such a block is read, so a reader that has applied what it was given is up to date through this block
     * even though its checkpoint, which only transactions advance, stays behind it: after a chaincode upgrade the
     * last blocks of the chain hold only lifecycle transactions.
     */
    public long skippedThrough() {
        return skippedThrough;
    }

    /** The transactions after the given one; it must be there, or the position is not one this feed gave out. */
    private static List<LedgerTransaction> after(List<LedgerTransaction> transactions, String txId, long block) {
        for (int i = 0; i < transactions.size(); i++) {
            if (transactions.get(i).transactionId().equals(txId)) {
                return transactions.subList(i + 1, transactions.size());
            }
        }
        throw new IllegalStateException("transaction " + txId + " is not a Carbon Ledger transaction of block " + block
                + ": cannot resume after it");
    }

    @Override
    public void close() {
        blocks.close();
    }
}
