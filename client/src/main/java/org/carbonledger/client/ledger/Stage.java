package org.carbonledger.client.ledger;

/** The stage of a Gateway call that failed, so a caller knows what is certain about the transaction. */
public enum Stage {
    /** A query: nothing was written. */
    EVALUATE,
    /** Not endorsed (refused by the chaincode, or no endorsers reached): nothing was written. */
    ENDORSE,
    /** Endorsed but not accepted by the orderer: nothing was written. */
    SUBMIT,
    /** Submitted, outcome unknown (deadline or connection lost while waiting): retry with the same ids. */
    COMMIT_STATUS,
    /** Committed to a block but marked invalid (e.g. an MVCC read conflict): nothing was written. */
    COMMIT
}
