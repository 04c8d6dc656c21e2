package org.carbonledger.service.ledger;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.LedgerException;
import org.carbonledger.client.ledger.Stage;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.Refusal;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A chaincode transaction the service could not carry out, as {@link LedgerAccess} reports it: which transaction,
 * the stage that failed and, when the chaincode refused it, the refusal with its {@link ErrorCode}. It says nothing
 * about HTTP: a controller branches on {@link #refusedWith}, and whatever it does not handle is answered as a problem
 * at the HTTP edge ({@code http.LedgerFailureHandler}), the one place that turns ledger outcomes into statuses.
 *
 * <pre>{@code
 * try {
 *     return Receipt.of(ledger.submit(Identity.CLIENT, LedgerOperation.SEAL_BATCH, gtin, lot)).ok();
 * } catch (LedgerFailure e) {
 *     if (!e.refusedWith(ErrorCode.BATCH_SEALED)) {
 *         throw e;
 *     }
 *     ...
 * }
 * }</pre>
 */
public final class LedgerFailure extends RuntimeException {
    private final String transaction;
    private final Stage stage;
    private final transient @Nullable LedgerRefusal refusal;
    private final @Nullable String transactionId;
    private final @Nullable TxValidationCode validationCode;
    private final boolean deadlineExceeded;

    private LedgerFailure(String transaction, Stage stage, @Nullable LedgerRefusal refusal,
                          @Nullable String transactionId, @Nullable TxValidationCode validationCode,
                          boolean deadlineExceeded, String message, @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.refusal = refusal;
        this.transactionId = transactionId;
        this.validationCode = validationCode;
        this.deadlineExceeded = deadlineExceeded;
    }

    /**
     * @param transaction the chaincode transaction that was called
     * @param e how the Gateway call failed
     * @return the failure, keeping {@code e} as its cause
     */
    public static LedgerFailure of(String transaction, LedgerException e) {
        Objects.requireNonNull(e, "e");
        boolean deadline = e.getCause() instanceof GatewayException g
                && g.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED;
        return new LedgerFailure(transaction, e.stage(), e.refusal().orElse(null), e.transactionId().orElse(null),
                e.validationCode().orElse(null), deadline, String.valueOf(e.getMessage()), e);
    }

    /**
     * A refusal by the chaincode: the request broke a ledger rule.
     *
     * @param transaction the chaincode transaction that was called
     * @param stage where it was refused ({@link Stage#ENDORSE} for a submission, {@link Stage#EVALUATE} for a query)
     * @param refusal the code, the field and the message naming the field and the reason
     * @param cause the failure behind it, if any
     * @return the failure
     */
    public static LedgerFailure refused(String transaction, Stage stage, LedgerRefusal refusal, @Nullable Throwable cause) {
        Objects.requireNonNull(refusal, "refusal");
        return new LedgerFailure(transaction, stage, refusal, null, null, false,
                refusal.code() + ": " + refusal.message(), cause);
    }

    /**
     * A failure that is not a refusal: the ledger could not be reached, or did not commit the transaction.
     *
     * @param transaction the chaincode transaction that was called
     * @param stage the stage that failed
     * @param transactionId the Fabric transaction id, when the transaction got one
     * @param validationCode the commit's validation code, for {@link Stage#COMMIT}
     * @param deadlineExceeded true when the stage ran out of time (rather than, say, finding no peer)
     * @param message what failed, for the log and the problem's detail
     * @return the failure
     */
    public static LedgerFailure failed(String transaction, Stage stage, @Nullable String transactionId,
                                       @Nullable TxValidationCode validationCode, boolean deadlineExceeded,
                                       String message) {
        return new LedgerFailure(transaction, stage, null, transactionId, validationCode, deadlineExceeded, message, null);
    }

    /** @return the chaincode transaction that was called, e.g. {@code ShipMaterial} */
    public String transaction() {
        return transaction;
    }

    /** @return the stage that failed, which says what is certain about the transaction */
    public Stage stage() {
        return stage;
    }

    /** @return the chaincode's refusal, when the failure is one */
    public Optional<LedgerRefusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** @return the Fabric transaction id, when the transaction got one */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    /** @return the validation code of an invalid commit */
    public Optional<TxValidationCode> validationCode() {
        return Optional.ofNullable(validationCode);
    }

    /** @return true when the stage ran out of time */
    public boolean deadlineExceeded() {
        return deadlineExceeded;
    }

    /**
     * @param codes error codes
     * @return true when the chaincode refused the transaction with one of them
     */
    public boolean refusedWith(ErrorCode... codes) {
        return refusal != null && Arrays.asList(codes).contains(refusal.code());
    }

    /**
     * The same refusal with more said: used when the service looked further (e.g. at the object stored under a
     * duplicate id) and can tell the client why its request was refused.
     *
     * @param addition appended to the refusal's message
     * @return a new failure with this one as its cause
     * @throws IllegalStateException if this failure is not a refusal
     */
    public LedgerFailure explained(String addition) {
        Objects.requireNonNull(addition, "addition");
        if (refusal == null) {
            throw new IllegalStateException("only a refusal can be explained, not a failure at " + stage);
        }
        Refusal explained = new Refusal(refusal.code(), refusal.field(), refusal.message() + addition, refusal.item());
        return refused(transaction, stage, new LedgerRefusal(explained), this);
    }
}
