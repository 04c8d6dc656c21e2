package org.carbonledger.client.verify;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.verify.TransactionClaim;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Queries one peer: the organization's own Gateway peer, or (through it) a peer of another organization, which the
 * Gateway then asks instead of its own. Chaincode queries return JSON; the system chaincode {@code qscc} answers
 * where a transaction is and whether it is valid.
 */
final class PeerReader {
    static final int PAGE_SIZE = 1000;
    private static final String QSCC = "qscc";

    private final LedgerConnection connection;
    private final String targetMspId;

    private PeerReader(LedgerConnection connection, String targetMspId) {
        this.connection = connection;
        this.targetMspId = targetMspId;
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
        return new PeerReader(connection, targetMspId);
    }

    /** @return the answering peer as a person can find it: {@code peer0.certco… (127.0.0.1:9051)} */
    String peerDescription() {
        Endpoint peer = targetMspId == null
                ? connection.profile().gatewayPeer()
                : connection.profile().peers().stream().filter(p -> p.mspId().equals(targetMspId)).findFirst()
                        .orElseThrow();
        return peer.name() + " (" + peer.address() + ")" + (targetMspId == null ? "" : " via the gateway of "
                + connection.profile().gatewayPeer().name());
    }

    String channel() {
        return connection.profile().channel();
    }

    String chaincode() {
        return connection.profile().chaincode();
    }

    String mspId() {
        return connection.mspId();
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
        JsonValue value = json(contract, transaction, args);
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

    /**
     * Where the peer says a transaction is, from {@code qscc}: {@code GetTransactionByID} for its validation code,
     * {@code GetBlockByTxID} for the number of its block.
     *
     * @return the peer's answer, or empty when the peer does not know the transaction
     */
    Optional<TransactionClaim> transaction(String txId) {
        byte[] processed = qscc("GetTransactionByID", txId);
        if (processed == null) {
            return Optional.empty();
        }
        byte[] block = qscc("GetBlockByTxID", txId);
        if (block == null) {
            return Optional.empty();
        }
        try {
            int code = ProcessedTransaction.parseFrom(processed).getValidationCode();
            TxValidationCode named = TxValidationCode.forNumber(code);
            long number = Block.parseFrom(block).getHeader().getNumber();
            return Optional.of(new TransactionClaim(txId, number, named == null ? "UNKNOWN_CODE_" + code : named.name()));
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerReadException("qscc answered an unreadable message for transaction " + txId, null, e);
        }
    }

    private byte[] qscc(String function, String txId) {
        try {
            return proposal(connection.network().getContract(QSCC), function, channel(), txId).evaluate();
        } catch (GatewayException e) {
            if (String.valueOf(describe(e)).toLowerCase(Locale.ROOT).contains("no such transaction id")) {
                return null;
            }
            throw new LedgerReadException("qscc " + function + " " + txId + " failed on " + peerDescription() + ": "
                    + describe(e), null, e);
        }
    }

    private JsonValue json(String contract, String transaction, String... args) {
        byte[] result;
        try {
            result = proposal(connection.contract(contract), transaction, args).evaluate();
        } catch (GatewayException e) {
            LedgerRefusal refusal = LedgerRefusal.of(e).orElse(null);
            String message = refusal != null ? refusal.code() + ": " + refusal.message()
                    : contract + ":" + transaction + " failed on " + peerDescription() + ": " + describe(e);
            throw new LedgerReadException(message, refusal, e);
        }
        return Json.parse(result, contract + ":" + transaction);
    }

    private Proposal proposal(org.hyperledger.fabric.client.Contract contract, String transaction, String... args) {
        Proposal.Builder b = contract.newProposal(transaction).addArguments(args);
        if (targetMspId != null) {
            b.setEndorsingOrganizations(targetMspId);
        }
        return b.build();
    }

    private static String describe(GatewayException e) {
        StringBuilder sb = new StringBuilder(e.getStatus().getCode() + " " + e.getStatus().getDescription());
        e.getDetails().forEach(d -> sb.append("; ").append(d.getMspId()).append(" ").append(d.getAddress())
                .append(": ").append(d.getMessage()));
        return sb.toString();
    }
}
