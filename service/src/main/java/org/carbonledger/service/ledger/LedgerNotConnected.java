package org.carbonledger.service.ledger;

/**
 * This service instance has no ledger connection configured, so nothing that needs the ledger can be done; the
 * message names the setting that gives it one. Answered 503 at the HTTP edge ({@code http.LedgerFailureHandler}).
 */
public final class LedgerNotConnected extends RuntimeException {
    /** @param message what could not be done and the setting that would allow it */
    public LedgerNotConnected(String message) {
        super(java.util.Objects.requireNonNull(message, "message"));
    }
}
