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
        @Bindable(defaultValue = "5000") int keptRefusals) {
}
