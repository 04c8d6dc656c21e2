package org.carbonledger.client.events;

import java.util.List;
import java.util.Map;

import org.carbonledger.core.crypto.Sha256;

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
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import com.google.protobuf.ByteString;

/** Blocks built as a Fabric peer delivers them, for the readers of blocks to be tested on. */
final class TestBlocks {
    static final String CC = "carbonledger";

    private TestBlocks() {
    }

    static ChaincodeEvent event(String txId, String changes) {
        String payload = "{\"changes\":[" + changes + "],\"function\":\"Governance:RegisterOrganization\",\"mspId\":\"SteelCoMSP\","
                + "\"timestamp\":\"2026-11-23T10:00:00Z\",\"txId\":\"" + txId + "\"}";
        return ChaincodeEvent.newBuilder().setChaincodeId(CC).setTxId(txId).setEventName(ChangeFeed.EVENT_NAME)
                .setPayload(ByteString.copyFromUtf8(payload)).build();
    }

    static KVWrite write(String key, String value) {
        return KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    static KVWrite delete(String key) {
        return KVWrite.newBuilder().setKey(key).setIsDelete(true).build();
    }

    static ByteString tx(String txId, String chaincode, ChaincodeEvent event, KVWrite... writes) {
        return tx(txId, chaincode, event, List.of(writes), List.of());
    }

    /**
     * A transaction that also wrote private data: its block holds, per collection, only the SHA-256 of the
     * collection's private write set, as Fabric's endorsers put it there.
     */
    static ByteString tx(String txId, String chaincode, ChaincodeEvent event, List<KVWrite> writes,
                         List<CollectionPvtReadWriteSet> privateWrites) {
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        for (KVWrite w : writes) {
            kv.addWrites(w);
        }
        NsReadWriteSet.Builder ns = NsReadWriteSet.newBuilder().setNamespace(chaincode).setRwset(kv.build().toByteString());
        for (CollectionPvtReadWriteSet collection : privateWrites) {
            ns.addCollectionHashedRwset(CollectionHashedReadWriteSet.newBuilder()
                    .setCollectionName(collection.getCollectionName())
                    .setPvtRwsetHash(ByteString.copyFrom(Sha256.of(collection.getRwset().toByteArray()).bytes())));
        }
        TxReadWriteSet rwset = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV).addNsRwset(ns).build();
        ChaincodeAction action = ChaincodeAction.newBuilder().setResults(rwset.toByteString()).setEvents(event.toByteString())
                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode)).build();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder().setAction(ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build().toByteString()))
                .build();
        Transaction transaction = Transaction.newBuilder().addActions(TransactionAction.newBuilder().setPayload(actionPayload.toByteString())).build();
        ChannelHeader header = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setTxId(txId).build();
        Payload payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(header.toByteString()))
                .setData(transaction.toByteString()).build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }

    /** One collection's private write set, as the endorsers produced it and the holders' peers store it. */
    static CollectionPvtReadWriteSet collection(String name, KVWrite... writes) {
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        for (KVWrite w : writes) {
            kv.addWrites(w);
        }
        return CollectionPvtReadWriteSet.newBuilder().setCollectionName(name).setRwset(kv.build().toByteString()).build();
    }

    /** The private data a peer delivers for one transaction: the given collections of the chaincode's namespace. */
    static TxPvtReadWriteSet privateData(CollectionPvtReadWriteSet... collections) {
        return TxPvtReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsPvtRwset(NsPvtReadWriteSet.newBuilder().setNamespace(CC).addAllCollectionPvtRwset(List.of(collections)))
                .build();
    }

    /** A block as the deliver-with-private-data service sends it, private data keyed by transaction index. */
    static BlockAndPrivateData delivered(Block block, Map<Long, TxPvtReadWriteSet> privateData) {
        return BlockAndPrivateData.newBuilder().setBlock(block).putAllPrivateDataMap(privateData).build();
    }

    /** A block with no private data for its reader. */
    static BlockAndPrivateData delivered(Block block) {
        return delivered(block, Map.of());
    }

    static Block block(long number, List<ByteString> envelopes, List<TxValidationCode> codes) {
        byte[] filter = new byte[codes.size()];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) codes.get(i).getNumber();
        }
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.addMetadata(ByteString.copyFrom(filter));
        return Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(number))
                .setData(BlockData.newBuilder().addAllData(envelopes)).setMetadata(metadata).build();
    }
}
