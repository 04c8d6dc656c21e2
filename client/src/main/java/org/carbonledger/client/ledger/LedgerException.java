package org.carbonledger.client.ledger;

import java.util.Objects;
import java.util.Optional;

import org.carbonledger.client.gateway.LedgerRefusal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A Gateway call that failed, named after the stage that failed and carrying the transaction id when there is one.
 * A chaincode refusal (a rule violation) is available as {@link #refusal()}; an invalid commit as
 * {@link #validationCode()}.
 */
public final class LedgerException extends RuntimeException {
    private final Stage stage;
    private final String transactionId;
    private final transient LedgerRefusal refusal;
    private final TxValidationCode validationCode;

    LedgerException(Stage stage, String transactionId, LedgerRefusal refusal, TxValidationCode validationCode,
                    String message, Throwable cause) {
        super(message, cause);
        this.stage = Objects.requireNonNull(stage, "stage");
        this.transactionId = transactionId;
        this.refusal = refusal;
        this.validationCode = validationCode;
    }

    /**
     * A chaincode refusal, for ledgers other than the Gateway (an in-memory ledger in tests, a simulator).
     *
     * @param stage where it was refused: {@link Stage#ENDORSE} for a submission, {@link Stage#EVALUATE} for a query
     */
    public static LedgerException refused(Stage stage, String transactionId, LedgerRefusal refusal) {
        Objects.requireNonNull(refusal, "refusal");
        return new LedgerException(stage, transactionId, refusal, null, refusal.code() + ": " + refusal.message(), null);
    }

    /**
     * A failure that is not a refusal, for ledgers other than the Gateway: {@link Stage#COMMIT_STATUS} is a
     * transaction whose outcome is unknown, the other stages one that changed nothing.
     */
    public static LedgerException failed(Stage stage, String transactionId, String message) {
        Objects.requireNonNull(message, "message");
        return new LedgerException(stage, transactionId, null, null, message, null);
    }

    public Stage stage() {
        return stage;
    }

    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    /** The chaincode's refusal, when the failure is one: the input broke a ledger rule. */
    public Optional<LedgerRefusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    public Optional<TxValidationCode> validationCode() {
        return Optional.ofNullable(validationCode);
    }

    /**
     * True when trying the same submission again (with the same client-chosen ids) may succeed: read conflicts,
     * unreachable peers or orderers, deadlines. False for refusals and policy failures.
     */
    public boolean retryable() {
        if (refusal != null) {
            return false;
        }
        if (validationCode != null) {
            return validationCode == TxValidationCode.MVCC_READ_CONFLICT
                    || validationCode == TxValidationCode.PHANTOM_READ_CONFLICT;
        }
        return true;
    }
}
