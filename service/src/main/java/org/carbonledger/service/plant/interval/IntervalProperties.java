package org.carbonledger.service.plant.interval;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How interval records are checked and submitted (docs/plant-integration.md, "Interval records"). They are received
 * whenever {@code carbonledger.plant.mqtt.enabled} is true.
 *
 * @param grace how long after its period's end a record whose readings do not match yet waits for late readings
 *     before it is refused
 * @param chunkSize records per ledger transaction
 * @param pollInterval how often waiting records are checked again and ready ones submitted
 * @param retryPause the first pause after a transient ledger failure; it doubles with every failed attempt
 * @param maxRetryPause the longest pause between attempts
 */
@ConfigurationProperties("carbonledger.plant.intervals")
public record IntervalProperties(
        @Bindable(defaultValue = "2m") Duration grace,
        @Bindable(defaultValue = "100") @Min(1) @Max(1000) int chunkSize,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "2s") Duration retryPause,
        @Bindable(defaultValue = "5m") Duration maxRetryPause) {
}
