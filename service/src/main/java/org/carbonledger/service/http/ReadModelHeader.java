package org.carbonledger.service.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.carbonledger.service.ledger.LedgerAccess;

/** Marks a write's answer {@code X-Read-Model: lagging} when it came before the read model applied the write. */
@ServerFilter("/api/**")
final class ReadModelHeader {
    static final String HEADER = "X-Read-Model";

    @ResponseFilter
    void mark(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getAttribute(LedgerAccess.READ_MODEL_LAGGING, Boolean.class).orElse(false)) {
            response.header(HEADER, "lagging");
        }
    }
}
