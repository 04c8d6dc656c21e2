package org.carbonledger.service.plant;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.service.sync.ReadModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the service as {@code bench/scripts/plant-load.sh} measures it without a Fabric network: the real HTTP
 * stack, embedded MariaDB and MQTT subscription to a real Mosquitto (started by the caller with
 * {@code network/scripts/broker.sh} in a run dir of its own), with {@code plant.devices} devices (default 16) of
 * SteelCo in the read model. Their private keys are written to {@code target/plant-harness/keys}, the service's URL to
 * {@code target/plant-harness.url}; it serves for {@code plant.serve.seconds}. Skipped unless asked for, e.g.
 * {@code ./mvnw -o -pl service -am test -Dtest=PlantLoadHarness -Dplant.serve.seconds=900
 * -Dplant.broker.uri=tcp://127.0.0.1:18830 -Dplant.broker.dir=/tmp/plant-bench/broker
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "plant.serve.seconds", matches = "\\d+")
class PlantLoadHarness {

    @Test
    void serve() throws Exception {
        Path brokerDir = Path.of(System.getProperty("plant.broker.dir"));
        Path dataDir = Files.createTempDirectory("carbonledger-plant-harness-");
        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", dataDir.toString());
        properties.put("carbonledger.plant.mqtt.enabled", true);
        properties.put("carbonledger.plant.mqtt.uri", System.getProperty("plant.broker.uri", "tcp://127.0.0.1:18830"));
        properties.put("carbonledger.plant.mqtt.username", "service-steelco");
        properties.put("carbonledger.plant.mqtt.password-file",
                brokerDir.resolve("credentials/service-steelco").toString());
        properties.put("carbonledger.plant.mqtt.client-id", "carbonledger-service-plant-harness");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            ReadModelStore states = server.getApplicationContext().getBean(ReadModelStore.class);
            Path keys = Path.of("target", "plant-harness", "keys");
            Files.createDirectories(keys);
            SecureRandom random = new SecureRandom();
            int devices = Integer.getInteger("plant.devices", 16);
            for (int i = 1; i <= devices; i++) {
                String id = String.format("bench-meter-%02d", i);
                DeviceKeyPair pair = DeviceKeyPair.generate(random);
                PlantReadingsTest.register(states, id, pair, Optional.empty());
                Files.writeString(keys.resolve(id + ".key.pem"), pair.privateKey().toPem(), StandardCharsets.UTF_8);
            }
            Path url = Path.of("target", "plant-harness.url");
            Files.writeString(url, server.getURL().toString());
            try {
                Thread.sleep(Duration.ofSeconds(Long.getLong("plant.serve.seconds")).toMillis());
            } finally {
                Files.deleteIfExists(url);
            }
        }
    }
}
