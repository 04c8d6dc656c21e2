package org.carbonledger.service.plant;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Where the service receives its plants' meter readings (docs/plant-integration.md). Off unless
 * {@code carbonledger.plant.mqtt.enabled} is true, so a service without a broker starts as before.
 *
 * @param enabled whether to subscribe at all ({@code CARBONLEDGER_PLANT_MQTT_ENABLED})
 * @param uri the broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param username the broker user of this organization's service, e.g. {@code service-steelco}
 * @param passwordFile the file holding that user's password (the broker script writes it under its run dir)
 * @param clientId the MQTT client id; fixed, so the broker keeps this service's session and queued readings while it
 *     is down (default {@code carbonledger-service-<MSP id>})
 * @param maxAhead how far a device's clock may run ahead of the service's
 * @param maxLate how old a reading may be when it arrives (readings wait in the broker while the service is down)
 * @param keptRefusals how many refused messages are kept for display
 * @param batchSize at most this many messages are verified together and committed in one transaction
 * @param verifyThreads how many threads check signatures (0: one per processor)
 * @param receiveMaximum how many unacknowledged messages the broker may send before it waits for acknowledgements
 *     (MQTT 5 Receive Maximum; the broker's own limit applies too)
 */
@ConfigurationProperties("carbonledger.plant.mqtt")
public record PlantMqttProperties(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "tcp://127.0.0.1:1883") String uri,
        @Nullable String username,
        @Nullable String passwordFile,
        @Nullable String clientId,
        @Bindable(defaultValue = "5m") Duration maxAhead,
        @Bindable(defaultValue = "24h") Duration maxLate,
        @Bindable(defaultValue = "5000") int keptRefusals,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "0") int verifyThreads,
        @Bindable(defaultValue = "2000") int receiveMaximum) {

    /** Checks the limits. */
    public PlantMqttProperties {
        if (batchSize < 1 || verifyThreads < 0 || receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("carbonledger.plant.mqtt: batch-size must be at least 1, "
                    + "verify-threads at least 0, receive-maximum 1 to 65535");
        }
    }
}
