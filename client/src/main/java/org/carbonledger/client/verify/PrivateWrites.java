package org.carbonledger.client.verify;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What a committed transaction wrote to one private data collection, as every member's peer stores it: the SHA-256
 * of each key and of each value (Fabric's hashed read-write set, which all endorsers signed). This is the on-chain
 * commitment a disclosed record must match, readable on any peer of the channel.
 *
 * @param txId the transaction
 * @param validationCode what the peer recorded for it ({@code VALID}, …)
 * @param writes value hash by key hash; a deleted key maps to an empty value hash
 */
record PrivateWrites(String txId, String validationCode, Map<Hash, Hash> writes) {

    PrivateWrites {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(validationCode, "validationCode");
        writes = Map.copyOf(writes);
    }

    /**
     * @param processedTransaction a serialized {@code ProcessedTransaction}, as qscc GetTransactionByID answers
     * @param chaincode the chaincode's namespace
     * @param collection the collection, e.g. {@code org_SteelCoMSP}
     * @return the hashed writes of that collection by that chaincode
     * @throws LedgerReadException when the bytes are not an endorser transaction
     */
    static PrivateWrites of(byte[] processedTransaction, String chaincode, String collection) {
        try {
            ProcessedTransaction processed = ProcessedTransaction.parseFrom(processedTransaction);
            TxValidationCode code = TxValidationCode.forNumber(processed.getValidationCode());
            Payload payload = Payload.parseFrom(processed.getTransactionEnvelope().getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                throw new LedgerReadException("transaction " + header.getTxId() + " is not an endorser transaction",
                        null, null);
            }
            Map<Hash, Hash> writes = new HashMap<>();
            for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
                ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
                ProposalResponsePayload response = ProposalResponsePayload.parseFrom(
                        actionPayload.getAction().getProposalResponsePayload());
                TxReadWriteSet rwset = TxReadWriteSet.parseFrom(
                        ChaincodeAction.parseFrom(response.getExtension()).getResults());
                for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
                    if (!ns.getNamespace().equals(chaincode)) {
                        continue;
                    }
                    for (CollectionHashedReadWriteSet c : ns.getCollectionHashedRwsetList()) {
                        if (!c.getCollectionName().equals(collection)) {
                            continue;
                        }
                        for (KVWriteHash w : HashedRWSet.parseFrom(c.getHashedRwset()).getHashedWritesList()) {
                            writes.put(new Hash(w.getKeyHash().toByteArray()), w.getIsDelete()
                                    ? new Hash(new byte[Hash.LENGTH]) : new Hash(w.getValueHash().toByteArray()));
                        }
                    }
                }
            }
            return new PrivateWrites(header.getTxId(), code == null ? "UNKNOWN_CODE_" + processed.getValidationCode()
                    : code.name(), writes);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            if (e instanceof LedgerReadException l) {
                throw l;
            }
            throw new LedgerReadException("qscc answered an unreadable transaction: " + e.getMessage(), null, e);
        }
    }
}
