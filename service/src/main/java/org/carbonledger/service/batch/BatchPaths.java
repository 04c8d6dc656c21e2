package org.carbonledger.service.batch;

import java.net.URI;

import io.micronaut.http.uri.UriBuilder;
import org.carbonledger.core.identifier.BatchId;

/** The API paths of a batch. Lots may hold characters that must be escaped in a path segment ('/', '%', '?', …). */
public final class BatchPaths {
    private BatchPaths() {
    }

    public static URI of(BatchId id) {
        return UriBuilder.of("/api/v1/batches").path(id.gtin().value()).path(id.lot().value()).build();
    }
}
