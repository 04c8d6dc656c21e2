package org.carbonledger.client.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.PrivateData;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredIdClaim;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredRecordSet;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
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
 * The Carbon Ledger transactions of one committed block, with the private data the reader's peer delivered beside it:
 * every transaction the committing peer marked VALID whose chaincode action emitted the change event.
 *
 * <p>Public changes: the event names each changed key and its type; the values come from the same action's write
 * set, the bytes the peers validated and committed. The two must describe the same keys.
 *
 * <p>Private changes: the block holds only the hashes of private writes; the values come from the private data map
 * the peer delivers for the collections the reader's organization belongs to. Each collection's private write set
 * must hash to the digest the block holds for it (what every endorser signed), and the reader's own organization's
 * collection must be there whenever the transaction wrote to it: a peer that has not received it yet (it arrives by
 * gossip and reconciliation) would otherwise let the reader skip records for good. A record set
 * ({@code RECORDS/<gtin>/<lot>/<txId>}) becomes one {@value #RECORD} change per record it holds, keyed
 * {@code ID/<recordId>}; a record's id claim ({@code ID/<recordId>} in the owner's collection) is no change.
 *
 * <p>Any disagreement refuses the block as unreadable rather than applying half of it.
 */
public final class BlockTransactions {
    /**
     * The type of a record, keyed {@code ID/<recordId>}: one change per record of each private record set
     * {@code RECORDS/<gtin>/<lot>/<txId>} a transaction wrote (the set itself and the record's private id claim at
     * {@code ID/<recordId>} are not changes of their own: the read model keeps records, not how they are stored).
     */
    public static final String RECORD = "record";

    private BlockTransactions() {
    }

    /**
     * @param delivered a block and its private data, as the peer's deliver-with-private-data service sends them
     * @param chaincode the Carbon Ledger chaincode's name (the namespace of its states)
     * @param memberMspId the reader's organization: its private collection must be delivered for every transaction
     *                    that wrote to it
     */
    public static List<LedgerTransaction> of(BlockAndPrivateData delivered, String chaincode, String memberMspId) {
        Objects.requireNonNull(delivered, "delivered");
        Objects.requireNonNull(chaincode, "chaincode");
        String ownCollection = PrivateData.collectionOf(memberMspId);
        Block block = delivered.getBlock();
        long number = block.getHeader().getNumber();
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        Map<Long, TxPvtReadWriteSet> privateData = delivered.getPrivateDataMapMap();
        List<LedgerTransaction> result = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            // A block without a filter is not a committed block: nothing in it counts as valid.
            if (i >= filter.size() || filter.byteAt(i) != TxValidationCode.VALID_VALUE) {
                continue;
            }
            try {
                transaction(number, block.getData().getData(i), chaincode,
                        Optional.ofNullable(privateData.get((long) i)), ownCollection).ifPresent(result::add);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("block " + number + ", transaction " + i + " cannot be decoded: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static Optional<LedgerTransaction> transaction(long block, ByteString envelopeBytes, String chaincode,
                                                           Optional<TxPvtReadWriteSet> privateData, String ownCollection)
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
            TxReadWriteSet rwset = TxReadWriteSet.parseFrom(chaincodeAction.getResults());
            LedgerTransaction publicPart = join(block, header.getTxId(), event.getPayload().toByteArray(), writes(rwset, chaincode));
            List<LedgerTransaction.Change> privateChanges = privateChanges(block, header.getTxId(), chaincode,
                    privateHashes(rwset, chaincode), privateData, ownCollection);
            if (privateChanges.isEmpty()) {
                return Optional.of(publicPart);
            }
            Set<String> privateKeys = new HashSet<>();
            privateChanges.forEach(p -> privateKeys.add(p.key()));
            for (LedgerTransaction.Change change : publicPart.changes()) {
                if (privateKeys.contains(change.key())) {
                    throw unreadable(block, header.getTxId(), change.key() + " is both a public and a private state");
                }
            }
            List<LedgerTransaction.Change> changes = new ArrayList<>(publicPart.changes());
            changes.addAll(privateChanges);
            return Optional.of(new LedgerTransaction(publicPart.blockNumber(), publicPart.transactionId(),
                    publicPart.timestamp(), publicPart.mspId(), publicPart.function(), changes));
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

    /**
     * The digest of each collection's private write set, as the block holds it (what the endorsers signed). A
     * collection the transaction only read has no digest: there is no private data to expect for it.
     */
    private static Map<String, ByteString> privateHashes(TxReadWriteSet rwset, String chaincode) {
        Map<String, ByteString> hashes = new HashMap<>();
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            if (ns.getNamespace().equals(chaincode)) {
                for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                    if (!collection.getPvtRwsetHash().isEmpty()) {
                        hashes.put(collection.getCollectionName(), collection.getPvtRwsetHash());
                    }
                }
            }
        }
        return hashes;
    }

    /**
     * The private writes delivered for one transaction, each key once: a reader whose organization holds the same
     * state in two collections (an owner's copy and its own) sees it once, and both copies must agree.
     */
    private static List<LedgerTransaction.Change> privateChanges(long block, String txId, String chaincode,
                                                                 Map<String, ByteString> hashes,
                                                                 Optional<TxPvtReadWriteSet> privateData,
                                                                 String ownCollection)
            throws InvalidProtocolBufferException {
        List<CollectionPvtReadWriteSet> collections = new ArrayList<>();
        for (NsPvtReadWriteSet ns : privateData.map(TxPvtReadWriteSet::getNsPvtRwsetList).orElse(List.of())) {
            if (ns.getNamespace().equals(chaincode)) {
                collections.addAll(ns.getCollectionPvtRwsetList());
            }
        }
        // The peer builds its answer from maps: sorting makes a rebuilt read model name the same collection.
        collections.sort(Comparator.comparing(CollectionPvtReadWriteSet::getCollectionName));
        if (hashes.containsKey(ownCollection)
                && collections.stream().noneMatch(c -> c.getCollectionName().equals(ownCollection))) {
            throw unreadable(block, txId, "it wrote private data to " + ownCollection + ", which the peer did not "
                    + "deliver: the peer has not received it yet (it will by gossip or reconciliation) or no longer holds it");
        }
        Map<String, KVWrite> seen = new HashMap<>();
        Map<String, LedgerTransaction.Change> changes = new LinkedHashMap<>();
        for (CollectionPvtReadWriteSet collection : collections) {
            String name = collection.getCollectionName();
            ByteString expected = hashes.get(name);
            if (expected == null) {
                throw unreadable(block, txId, "the peer delivered private data of " + name + ", which the transaction did not write");
            }
            if (!Arrays.equals(Sha256.of(collection.getRwset().toByteArray()).bytes(), expected.toByteArray())) {
                throw unreadable(block, txId, "the private data of " + name + " does not match the hash the block holds for it");
            }
            for (KVWrite write : KVRWSet.parseFrom(collection.getRwset()).getWritesList()) {
                String key = StateKeys.readable(write.getKey());
                KVWrite earlier = seen.putIfAbsent(key, write);
                if (earlier != null) {
                    if (!earlier.equals(write)) {
                        throw unreadable(block, txId, "its collections hold different values of " + key);
                    }
                    continue;
                }
                for (LedgerTransaction.Change change : privateChanges(block, txId, key, write, name)) {
                    if (changes.putIfAbsent(change.key(), change) != null) {
                        throw unreadable(block, txId, "it stored " + change.key() + " twice");
                    }
                }
            }
        }
        return new ArrayList<>(changes.values());
    }

    /**
     * The changes one private write makes: each record of a record set; nothing for a record's id claim. Any other
     * private key, and a deleted record set (whose records nobody could name), is a state this reader cannot place.
     */
    private static List<LedgerTransaction.Change> privateChanges(long block, String txId, String key, KVWrite write,
                                                                 String collection) {
        int slash = key.indexOf('/');
        String keyType = slash < 0 ? key : key.substring(0, slash);
        Optional<JsonObject> value = write.getIsDelete() ? Optional.empty()
                : Optional.of(Json.parseObject(write.getValue().toByteArray(), key));
        switch (keyType) {
            case StateKeys.ID -> {
                // Read strictly all the same: a claim is what the chaincode keeps there, and nothing else.
                value.ifPresent(v -> {
                    StoredIdClaim claim = StoredIdClaim.fromJson(v, key);
                    if (!claim.kind().equals(StoredIdClaim.RECORD)) {
                        throw unreadable(block, txId, "its private state " + key + " claims a " + claim.kind() + ", not a record");
                    }
                });
                return List.of();
            }
            case StateKeys.RECORD_INDEX -> {
                if (value.isEmpty()) {
                    throw unreadable(block, txId, "it deleted the record set " + key + ", whose records cannot be named");
                }
                StoredRecordSet set = StoredRecordSet.fromJson(value.get(), key);
                if (!set.txId().equals(txId)) {
                    throw unreadable(block, txId, "its record set " + key + " names transaction " + set.txId());
                }
                List<LedgerTransaction.Change> records = new ArrayList<>(set.records().size());
                for (StoredRecord record : set.records()) {
                    records.add(new LedgerTransaction.Change(RECORD, StateKeys.key(StateKeys.ID, record.recordId().value()),
                            Optional.of(record.json()), Optional.of(collection)));
                }
                return records;
            }
            default -> throw unreadable(block, txId, "it wrote the private state " + key + ", of a type ("
                    + keyType + ") no reader expects to be private");
        }
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
