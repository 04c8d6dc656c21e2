package org.carbonledger.service.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.carbonledger.core.error.LedgerRuleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a rule failure from {@code carbonledger-core} (bad GTIN, bad amount, ...) with its problem. */
@Singleton
final class LedgerRuleExceptionHandler implements ExceptionHandler<LedgerRuleException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRuleExceptionHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest; a generic override would not compile
    public HttpResponse<Problem> handle(HttpRequest request, LedgerRuleException exception) {
        // The caller's mistake, not the service's: no stack trace, and DEBUG so bad input cannot flood the log.
        LOG.debug("{} {} refused: {} {}", request.getMethod(), request.getPath(), exception.code(),
                exception.getMessage());
        return Problems.response(request, Problems.of(exception));
    }
}
