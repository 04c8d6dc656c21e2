package org.carbonledger.client.events;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.carbonledger.client.gateway.LedgerConnection;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;

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

    private final CloseableIterator<ChaincodeEvent> events;

    private ChangeFeed(CloseableIterator<ChaincodeEvent> events) {
        this.events = events;
    }

    public static ChangeFeed open(LedgerConnection connection, Position from) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(from, "from");
        Checkpoint checkpoint = new Checkpoint() {
            @Override
            public OptionalLong getBlockNumber() {
                return OptionalLong.of(from.blockNumber());
            }

            @Override
            public Optional<String> getTransactionId() {
                return from.afterTransactionId();
            }
        };
        var request = connection.network().newChaincodeEventsRequest(connection.profile().chaincode());
        request = from.afterTransactionId().isPresent() ? request.checkpoint(checkpoint) : request.startBlock(from.blockNumber());
        return new ChangeFeed(request.build().getEvents());
    }

    /** The next valid Carbon Ledger transaction; blocks until one commits. Other events are skipped. */
    public LedgerTransaction next() {
        while (true) {
            ChaincodeEvent event = events.next();
            if (EVENT_NAME.equals(event.getEventName())) {
                return LedgerTransaction.parse(event.getBlockNumber(), event.getPayload());
            }
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
