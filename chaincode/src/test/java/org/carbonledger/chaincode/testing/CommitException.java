package org.carbonledger.chaincode.testing;

import java.util.Objects;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The transaction was endorsed (the chaincode accepted it) but the committing peer marked it invalid, e.g. an
 * endorsement policy failure or an MVCC read conflict. Nothing it wrote reached the state.
 */
public final class CommitException extends RuntimeException {
    private final String txId;
    private final TxValidationCode validationCode;

    public CommitException(String txId, TxValidationCode validationCode) {
        super("transaction " + txId + " was committed as invalid: " + validationCode);
        this.txId = Objects.requireNonNull(txId, "txId");
        this.validationCode = Objects.requireNonNull(validationCode, "validationCode");
    }

    public String txId() {
        return txId;
    }

    public TxValidationCode validationCode() {
        return validationCode;
    }
}
