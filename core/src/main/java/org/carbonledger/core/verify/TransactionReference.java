package org.carbonledger.core.verify;

import java.util.Objects;

/**
 * A ledger state in a bundle naming the transaction that wrote (part of) it, e.g. a record's {@code txId} or a
 * batch's {@code sealTxId}.
 *
 * @param txId the transaction id
 * @param subject the state that names it
 * @param field the member that names it
 */
public record TransactionReference(String txId, Subject subject, String field) {

    /** Null-checks every part. */
    public TransactionReference {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(field, "field");
    }
}
