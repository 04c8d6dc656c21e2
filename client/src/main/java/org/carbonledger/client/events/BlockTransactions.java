package org.carbonledger.client.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateKeys;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The Carbon Ledger transactions of one committed block: every transaction the committing peer marked VALID whose
 * chaincode action emitted the change event. The event names each changed key and its type; the values come from
 * the same action's write set, the bytes the peers validated and committed. The two must describe the same keys,
 * or the block is refused as unreadable rather than half applied.
 */
public final class BlockTransactions {
    private BlockTransactions() {
    }

    public static List<LedgerTransaction> of(Block block, String chaincode) {
        long number = block.getHeader().getNumber();
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        List<LedgerTransaction> result = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            // A block without a filter is not a committed block: nothing in it counts as valid.
            if (i >= filter.size() || filter.byteAt(i) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            try {
                transaction(number, block.getData().getData(i), chaincode).ifPresent(result::add);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("block " + number + ", transaction " + i + " cannot be decoded: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static Optional<LedgerTransaction> transaction(long block, ByteString envelopeBytes, String chaincode)
            throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
        ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return Optional.empty();
        }
        Transaction transaction = Transaction.parseFrom(payload.getData());
        for (TransactionAction action : transaction.getActionsList()) {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload response = ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(response.getExtension());
            if (!chaincode.equals(chaincodeAction.getChaincodeId().getName())) {
                continue;
            }
            ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
            if (!ChangeFeed.EVENT_NAME.equals(event.getEventName())) {
                continue;
            }
            Map<String, KVWrite> writes = writes(TxReadWriteSet.parseFrom(chaincodeAction.getResults()), chaincode);
            return Optional.of(join(block, header.getTxId(), event.getPayload().toByteArray(), writes));
        }
        return Optional.empty();
    }

    private static Map<String, KVWrite> writes(TxReadWriteSet rwset, String chaincode) throws InvalidProtocolBufferException {
        Map<String, KVWrite> writes = new LinkedHashMap<>();
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            if (ns.getNamespace().equals(chaincode)) {
                for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    writes.put(StateKeys.readable(write.getKey()), write);
                }
            }
        }
        return writes;
    }

    /** The event's list of changes with each value taken from the write set; both must name the same keys. */
    static LedgerTransaction join(long block, String txId, byte[] eventPayload, Map<String, KVWrite> writes) {
        JsonObjectReader event = JsonObjectReader.of(Json.parseObject(eventPayload, "event"), "");
        String eventTxId = event.requireString("txId");
        if (!eventTxId.equals(txId)) {
            throw unreadable(block, txId, "its event names transaction " + eventTxId);
        }
        JsonArray list = event.requireArray("changes");
        List<LedgerTransaction.Change> changes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "changes[" + i + "]";
            JsonObjectReader c = JsonObjectReader.of(JsonObjectReader.asObject(list.get(i), path), path);
            String key = c.requireString("key");
            KVWrite write = writes.get(key);
            if (write == null) {
                throw unreadable(block, txId, "its event lists " + key + ", which its write set does not hold");
            }
            boolean deleted = c.has("deleted") && c.requireBoolean("deleted");
            if (deleted != write.getIsDelete()) {
                throw unreadable(block, txId, "its event and its write set disagree on whether " + key + " was deleted");
            }
            Optional<JsonObject> value = deleted ? Optional.empty() : Optional.of(Json.parseObject(write.getValue().toByteArray(), key));
            changes.add(new LedgerTransaction.Change(c.requireString("type"), key, value));
        }
        if (changes.size() != writes.size()) {
            throw unreadable(block, txId, "its write set holds " + writes.size() + " keys, its event lists " + changes.size());
        }
        return new LedgerTransaction(block, txId, event.requireString("timestamp"), event.requireString("mspId"),
                event.requireString("function"), changes);
    }

    private static IllegalStateException unreadable(long block, String txId, String why) {
        return new IllegalStateException("transaction " + txId + " of block " + block + " cannot be read: " + why);
    }
}
