package org.carbonledger.client.verify;

import java.util.Optional;
import org.carbonledger.client.gateway.LedgerRefusal;

/**
 * A query a verification needed could not be answered: the chaincode refused it (e.g. NOT_FOUND for an unknown
 * batch, available as {@link #refusal()}), or the peer could not be reached or answered something unreadable.
 */
public final class LedgerReadException extends RuntimeException {
    private final transient LedgerRefusal refusal;

    LedgerReadException(String message, LedgerRefusal refusal, Throwable cause) {
        super(message, cause);
        this.refusal = refusal;
    }

    /** @return the chaincode's refusal, when the failure is one */
    public Optional<LedgerRefusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}
