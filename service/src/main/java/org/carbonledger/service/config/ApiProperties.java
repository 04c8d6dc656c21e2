package org.carbonledger.service.config;

import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the HTTP API behaves towards its callers.
 *
 * @param readYourWritesTimeout how long a command waits, after its commit, for the read model to apply it, so that a
 *     read right after a write finds it ({@code 0s} turns the wait off; on timeout the command still succeeds)
 * @param chunkSize signed records per ledger transaction when a request carries more than that
 * @param maxRecordsPerRequest the most records one request may carry (JSON array or CSV)
 * @param defaultPageSize items per page of a listing when the caller does not say
 */
@ConfigurationProperties("carbonledger.api")
public record ApiProperties(
        @Bindable(defaultValue = "5s") Duration readYourWritesTimeout,
        @Bindable(defaultValue = "500") @Min(1) @Max(1000) int chunkSize,
        @Bindable(defaultValue = "20000") @Min(1) int maxRecordsPerRequest,
        @Bindable(defaultValue = "50") @Min(1) @Max(1000) int defaultPageSize) {
}
