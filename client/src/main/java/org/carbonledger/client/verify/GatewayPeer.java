package org.carbonledger.client.verify;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Locale;
import java.util.Optional;
import org.carbonledger.client.connection.Endpoint;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.verify.TransactionClaim;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * One peer through a Fabric Gateway: the organization's own Gateway peer, or (through it) a peer of another
 * organization, which the Gateway then asks instead of its own. The system chaincode {@code qscc} answers where a
 * transaction is and whether it is valid.
 */
final class GatewayPeer implements PeerReader.Peer {
    private static final String QSCC = "qscc";

    private final LedgerConnection connection;
    private final String targetMspId;

    GatewayPeer(LedgerConnection connection, String targetMspId) {
        this.connection = connection;
        this.targetMspId = targetMspId;
    }

    @Override
    public String description() {
        Endpoint peer = targetMspId == null
                ? connection.profile().gatewayPeer()
                : connection.profile().peers().stream().filter(p -> p.mspId().equals(targetMspId)).findFirst()
                        .orElseThrow();
        return peer.name() + " (" + peer.address() + ")" + (targetMspId == null ? "" : " via the gateway of "
                + connection.profile().gatewayPeer().name());
    }

    @Override
    public String channel() {
        return connection.profile().channel();
    }

    @Override
    public String chaincode() {
        return connection.profile().chaincode();
    }

    @Override
    public String mspId() {
        return connection.mspId();
    }

    @Override
    public JsonValue query(String contract, String transaction, String... args) {
        byte[] result;
        try {
            result = proposal(connection.contract(contract), transaction, args).evaluate();
        } catch (GatewayException e) {
            LedgerRefusal refusal = LedgerRefusal.of(e).orElse(null);
            String message = refusal != null ? refusal.code() + ": " + refusal.message()
                    : contract + ":" + transaction + " failed on " + description() + ": " + describe(e);
            throw new LedgerReadException(message, refusal, e);
        }
        return Json.parse(result, contract + ":" + transaction);
    }

    /** {@code GetTransactionByID} for the validation code, {@code GetBlockByTxID} for the number of its block. */
    @Override
    public Optional<TransactionClaim> transaction(String txId) {
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

    @Override
    public PeerReader.Peer ownOrganization() {
        return targetMspId == null ? this : new GatewayPeer(connection, null);
    }

    @Override
    public Optional<byte[]> processedTransaction(String txId) {
        return Optional.ofNullable(qscc("GetTransactionByID", txId));
    }

    /** Attempts of a system query when the peer is momentarily unreachable from the Gateway (UNAVAILABLE). */
    private static final int QSCC_ATTEMPTS = 3;

    private byte[] qscc(String function, String txId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return proposal(connection.network().getContract(QSCC), function, channel(), txId).evaluate();
            } catch (GatewayException e) {
                if (String.valueOf(describe(e)).toLowerCase(Locale.ROOT).contains("no such transaction id")) {
                    return null;
                }
                // A read changes nothing: a connection the Gateway lost to the peer mid-answer is worth asking again.
                if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE && attempt < QSCC_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw new LedgerReadException("qscc " + function + " " + txId + " failed on " + description() + ": "
                        + describe(e), null, e);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
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
