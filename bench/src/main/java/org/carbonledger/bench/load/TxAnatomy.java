package org.carbonledger.bench.load;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * Where the bytes of an endorsed transaction are, as the orderer and every peer receive it: the proposal's
 * arguments (the signed records), the write set, the chaincode event, the response payload, and the rest (headers,
 * certificates, endorsement signatures). Every peer stores, validates and commits all of it.
 *
 * @param envelope  the whole transaction envelope
 * @param arguments the chaincode input (function name and arguments)
 * @param writeSet  the read-write set
 * @param event     the chaincode event
 * @param response  the chaincode's response payload
 */
record TxAnatomy(int envelope, int arguments, int writeSet, int event, int response) {
    int other() {
        return envelope - arguments - writeSet - event - response;
    }

    /** Decodes the bytes a Gateway {@code Transaction} signs ({@code getBytes()}: a serialized PreparedTransaction). */
    static TxAnatomy of(byte[] preparedTransaction) {
        try {
            Envelope envelope = PreparedTransaction.parseFrom(preparedTransaction).getEnvelope();
            Payload payload = Payload.parseFrom(envelope.getPayload());
            Transaction tx = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            ByteString input = ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload()).getInput();
            ProposalResponsePayload response = ProposalResponsePayload.parseFrom(action.getAction().getProposalResponsePayload());
            ChaincodeAction chaincode = ChaincodeAction.parseFrom(response.getExtension());
            return new TxAnatomy(envelope.getSerializedSize(), input.size(), chaincode.getResults().size(),
                    chaincode.getEvents().size(), chaincode.getResponse().getPayload().size());
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("cannot decode the endorsed transaction", e);
        }
    }
}
