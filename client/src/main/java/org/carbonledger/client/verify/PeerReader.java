package org.carbonledger.client.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.verify.TransactionClaim;

/**
 * Queries one peer: chaincode queries answer JSON, read whole, found or not, or page after page. The peer itself is
 * a {@link Peer}: {@link GatewayPeer} on a network, a ledger double in unit tests.
 */
final class PeerReader {
    static final int PAGE_SIZE = 1000;

    /** What one peer answers. */
    interface Peer {
        /**
         * A chaincode query.
         *
         * @throws LedgerReadException carrying the chaincode's refusal when it refused, without one when the peer
         *     failed
         */
        JsonValue query(String contract, String transaction, String... args);

        /** @return where the peer says the transaction is, or empty when the peer does not know it */
        Optional<TransactionClaim> transaction(String txId);

        /**
         * @return the transaction as the peer's block store holds it (a serialized {@code ProcessedTransaction}:
         *     envelope and validation code), or empty when the peer does not know it
         * @throws UnsupportedOperationException in a double that holds no blocks
         */
        default Optional<byte[]> processedTransaction(String txId) {
            throw new UnsupportedOperationException(description() + " holds no block store");
        }

        /** @return the peer as a person can find it: {@code peer0.certco… (127.0.0.1:9051)} */
        String description();

        String channel();

        String chaincode();

        /** @return the organization whose identity asks */
        String mspId();

        /**
         * @return a peer of the asking organization itself: private records are answered only by a peer of an
         *     organization that holds them, whichever peer answers the public states
         */
        default Peer ownOrganization() {
            return this;
        }
    }

    private final Peer peer;

    PeerReader(Peer peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    /**
     * @param connection the Gateway connection
     * @param targetMspId the organization whose peer must answer, or null for the Gateway peer itself
     */
    static PeerReader of(LedgerConnection connection, String targetMspId) {
        Objects.requireNonNull(connection, "connection");
        if (targetMspId != null && connection.profile().peers().stream().noneMatch(p -> p.mspId().equals(targetMspId))) {
            throw new IllegalArgumentException("no peer of " + targetMspId + " in the connection file (it lists "
                    + connection.profile().peers().stream().map(Endpoint::mspId).distinct().toList() + ")");
        }
        return new PeerReader(new GatewayPeer(connection, targetMspId));
    }

    /** @return the answering peer as a person can find it: {@code peer0.certco… (127.0.0.1:9051)} */
    String peerDescription() {
        return peer.description();
    }

    String channel() {
        return peer.channel();
    }

    String chaincode() {
        return peer.chaincode();
    }

    String mspId() {
        return peer.mspId();
    }

    JsonObject object(LedgerOperation operation, String... args) {
        return object(operation.contract(), operation.transaction(), args);
    }

    Optional<JsonObject> find(LedgerOperation operation, String... args) {
        return find(operation.contract(), operation.transaction(), args);
    }

    void pages(LedgerOperation operation, Consumer<JsonObject> item, String... prefix) {
        pages(operation.contract(), operation.transaction(), item, prefix);
    }

    List<JsonObject> allPages(LedgerOperation operation, String... prefix) {
        return allPages(operation.contract(), operation.transaction(), prefix);
    }

    /** A chaincode query whose result is a JSON object. */
    JsonObject object(String contract, String transaction, String... args) {
        JsonValue value = peer.query(contract, transaction, args);
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new LedgerReadException(contract + ":" + transaction + " answered " + value.typeName()
                + " where an object was expected", null, null);
    }

    /** A chaincode query, or empty when the chaincode answers NOT_FOUND (or UNKNOWN_DEVICE for a device). */
    Optional<JsonObject> find(String contract, String transaction, String... args) {
        try {
            return Optional.of(object(contract, transaction, args));
        } catch (LedgerReadException e) {
            ErrorCode code = e.refusal().map(LedgerRefusal::code).orElse(null);
            if (code == ErrorCode.NOT_FOUND || code == ErrorCode.UNKNOWN_DEVICE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every item of a paged query ({@code {"items":[…],"bookmark":…}}), page after page. */
    void pages(String contract, String transaction, Consumer<JsonObject> item, String... prefix) {
        String bookmark = "";
        do {
            String[] args = new String[prefix.length + 2];
            System.arraycopy(prefix, 0, args, 0, prefix.length);
            args[prefix.length] = Integer.toString(PAGE_SIZE);
            args[prefix.length + 1] = bookmark;
            JsonObjectReader page = JsonObjectReader.of(object(contract, transaction, args), transaction);
            for (JsonValue v : page.requireArray("items").elements()) {
                item.accept(JsonObjectReader.asObject(v, transaction + ".items[]"));
            }
            bookmark = page.requireString("bookmark");
        } while (!bookmark.isEmpty());
    }

    /** Every item of a paged query, collected. */
    List<JsonObject> allPages(String contract, String transaction, String... prefix) {
        List<JsonObject> items = new ArrayList<>();
        pages(contract, transaction, items::add, prefix);
        return items;
    }

    /** @return the serialized ProcessedTransaction from the peer's block store, or empty when it does not know it */
    Optional<byte[]> processedTransaction(String txId) {
        return peer.processedTransaction(txId);
    }

    Optional<TransactionClaim> transaction(String txId) {
        return peer.transaction(txId);
    }

    /**
     * Every record of a batch, or false when the ledger refuses this organization the batch's records
     * (NOT_DESIGNATED: they are private to the owner and the certifiers it designated).
     */
    boolean recordsIfDisclosed(String gtin, String lot, Consumer<JsonObject> record) {
        List<JsonObject> records = new ArrayList<>();
        Peer own = peer.ownOrganization();
        PeerReader reader = own == peer ? this : new PeerReader(own);
        try {
            reader.pages(LedgerOperation.LIST_RECORDS, records::add, gtin, lot);
        } catch (LedgerReadException e) {
            if (e.refusal().map(LedgerRefusal::code).orElse(null) == ErrorCode.NOT_DESIGNATED) {
                return false;
            }
            throw e;
        }
        records.forEach(record);
        return true;
    }
}
