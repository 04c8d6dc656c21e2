package org.carbonledger.service.http;

import java.util.List;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.carbonledger.service.ledger.LedgerFailure;
import org.carbonledger.service.ledger.LedgerNotConnected;

/**
 * The HTTP edge of the ledger: a {@link LedgerFailure} no controller handled is answered with its problem
 * ({@link Problems#of(LedgerFailure)}), a {@link LedgerNotConnected} with 503. Nothing is logged here: a refusal is
 * the caller's mistake, and any other failure was logged where it happened.
 */
@Singleton
final class LedgerFailureHandler implements ExceptionHandler<LedgerFailure, HttpResponse<Problem>> {
    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest; a generic override would not compile
    public HttpResponse<Problem> handle(HttpRequest request, LedgerFailure failure) {
        return Problems.response(request, Problems.of(failure));
    }

    /** A service without a ledger connection answers 503 to whatever needs the ledger, naming the setting. */
    @Singleton
    static final class NotConnected implements ExceptionHandler<LedgerNotConnected, HttpResponse<Problem>> {
        @Override
        @SuppressWarnings("rawtypes") // as above
        public HttpResponse<Problem> handle(HttpRequest request, LedgerNotConnected exception) {
            return Problems.response(request,
                    Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, exception.getMessage(), List.of()));
        }
    }
}
