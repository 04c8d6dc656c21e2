package org.carbonledger.service.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.RefusalReason;
import org.carbonledger.service.database.ExternalDatabase;
import org.carbonledger.service.sync.ReadModelStore;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service subscribed to the real Mosquitto (started by network/scripts/broker.sh), with the real embedded
 * MariaDB: what is stored, refused and counted, and that restarts of the service and of the broker lose and double
 * nothing.
 */
class PlantReadingsTest {

    static final String ORG = "SteelCoMSP";
    static final SecureRandom RANDOM = new SecureRandom();
    static final DeviceKeyPair METER = DeviceKeyPair.generate(RANDOM);
    static final DeviceKeyPair REVOKED = DeviceKeyPair.generate(RANDOM);
    static final DeviceKeyPair STRANGER = DeviceKeyPair.generate(RANDOM);
    static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");

    static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start();
    }

    /**
     * Each test starts from no readings. The embedded server gets a new data directory per test; an external server
     * ({@code make test-external-db}) is one database for the whole run, so what an earlier test stored is removed.
     */
    @BeforeEach
    void noReadingsFromEarlierTests() throws Exception {
        clearPlantTablesOfAnExternalDatabase();
    }

    /**
     * On an external server (one database for the whole run) removes every plant row an earlier test left: readings,
     * refusals, interval records, and the live view's devices, targets, rules, alerts and webhooks (a webhook's secret
     * is sealed with the key of the service that made it, which a later test's service cannot open).
     */
    static void clearPlantTablesOfAnExternalDatabase() throws Exception {
        if (ExternalDatabase.url().isEmpty()) {
            return;
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(ExternalDatabase.url().get(),
                ExternalDatabase.username(), System.getenv("DATASOURCES_DEFAULT_PASSWORD"));
             java.sql.Statement statement = connection.createStatement()) {
            for (String table : java.util.List.of("plant_webhook_delivery", "plant_webhook", "plant_alert",
                    "plant_alert_rule", "plant_batch_target", "plant_device_profile", "plant_interval_record")) {
                if (connection.getMetaData().getTables(null, null, table, null).next()) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
        }
        clearReadings();
    }

    private static void clearReadings() throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(ExternalDatabase.url().get(),
                ExternalDatabase.username(), System.getenv("DATASOURCES_DEFAULT_PASSWORD"));
             java.sql.Statement statement = connection.createStatement()) {
            // The tables exist once a service started on this database ran the migrations.
            if (connection.getMetaData().getTables(null, null, "plant_reading", null).next()) {
                statement.executeUpdate("DELETE FROM plant_reading");
                statement.executeUpdate("DELETE FROM plant_reading_refusal");
            }
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static ApplicationContext startService(Path dataDir, String clientId) {
        return startService(dataDir, clientId, Map.of());
    }

    static ApplicationContext startService(Path dataDir, String clientId, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("carbonledger.data-dir", dataDir.toString());
        properties.put("carbonledger.plant.mqtt.enabled", true);
        properties.put("carbonledger.plant.mqtt.uri", broker.uri());
        properties.put("carbonledger.plant.mqtt.username", "service-steelco");
        properties.put("carbonledger.plant.mqtt.password-file", broker.passwordFile("service-steelco").toString());
        properties.put("carbonledger.plant.mqtt.client-id", clientId);
        ApplicationContext context = ApplicationContext.run(properties, "test");
        ReadModelStore states = context.getBean(ReadModelStore.class);
        register(states, "meter-1", METER, Optional.empty());
        register(states, "meter-2", REVOKED, Optional.of(REGISTERED.plus(Duration.ofDays(1))));
        waitFor(() -> context.getBean(PlantSubscriber.class).isConnected(), "the subscriber to connect");
        return context;
    }

    static void register(ReadModelStore states, String deviceId, DeviceKeyPair keys, Optional<Instant> revokedFrom) {
        String txId = "a".repeat(64);
        StoredDevice device = StoredDevice.of(ORG, new DeviceId(deviceId), keys.publicKey().toPem(),
                keys.publicKey().fingerprint(), "test meter", REGISTERED, REGISTERED, txId, revokedFrom,
                revokedFrom.map(r -> txId));
        states.upsertState(StateKeys.key(StateKeys.DEVICE, ORG, deviceId), StateKeys.DEVICE,
                Jcs.canonicalString(device.toJson()), txId, 1);
    }

    /** A plant gateway publishing with its own broker user. */
    record Gateway(MqttClient client) implements AutoCloseable {
        boolean isConnected() {
            return client.isConnected();
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    static Gateway gateway() throws Exception {
        return gateway("gateway-steelco");
    }

    static Gateway gateway(String user) throws Exception {
        MqttClient client = new MqttClient(broker.uri(), user + "-" + RANDOM.nextInt(1_000_000),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(broker.password(user).getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(true);
        client.connect(options);
        return new Gateway(client);
    }

    static JsonObject unsigned(String deviceId, long sequence, Instant at, String amount) {
        return JsonObject.builder().put("deviceId", deviceId).put("sequence", sequence)
                .put("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString())
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", "kWh").build()).build();
    }

    static byte[] signed(String deviceId, long sequence, DevicePrivateKey key) {
        return MeterReading.sign(unsigned(deviceId, sequence, Instant.now(), "1.5"), key).canonicalUtf8();
    }

    static void publish(Gateway gateway, String deviceId, byte[] payload) throws MqttException {
        gateway.client().publish("carbonledger/" + ORG + "/" + deviceId + "/readings", payload, 1, false);
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static double refused(MeterRegistry meters, RefusalReason reason) {
        return meters.get("carbonledger.plant.readings.refused").tag("reason", reason.name()).counter().count();
    }

    @Test
    void good_readings_are_stored_and_tampered_replayed_unknown_revoked_skewed_and_malformed_ones_counted()
            throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-");
        try (ApplicationContext service = startService(dataDir, "carbonledger-service-refusals");
             Gateway gateway = gateway()) {
            ReadingStore store = service.getBean(ReadingStore.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            DevicePrivateKey key = METER.privateKey();

            byte[] first = signed("meter-1", 1, key);
            publish(gateway, "meter-1", first);
            publish(gateway, "meter-1", signed("meter-1", 2, key));
            publish(gateway, "meter-1", first); // the same message again: a redelivery, stored once, not refused
            JsonObject honest = MeterReading.sign(unsigned("meter-1", 3, Instant.now(), "1.5"), key).json();
            JsonObject quantity = (JsonObject) honest.get("quantity").orElseThrow();
            publish(gateway, "meter-1", Jcs.canonicalize(honest.without("quantity").with("quantity",
                    quantity.without("amount").with("amount", JsonString.of("0.5")))));
            publish(gateway, "meter-1", MeterReading.sign(unsigned("meter-1", 2, Instant.now(), "9"), key)
                    .canonicalUtf8());
            publish(gateway, "meter-9", signed("meter-9", 1, STRANGER.privateKey()));
            publish(gateway, "meter-2", signed("meter-2", 1, REVOKED.privateKey()));
            publish(gateway, "meter-1", MeterReading.sign(unsigned("meter-1", 4,
                    Instant.now().plus(Duration.ofHours(1)), "1.5"), key).canonicalUtf8());
            publish(gateway, "meter-1", "{\"deviceId\":\"meter-1\",\"sequence\":5}".getBytes(StandardCharsets.UTF_8));
            publish(gateway, "meter-1", signed("meter-3", 1, key));

            waitFor(() -> store.latestRefusals(100).size() == 7, "seven refusals");
            waitFor(() -> meters.get("carbonledger.plant.readings.redelivered").counter().count() == 1,
                    "the redelivery to be recognized");

            assertThat(store.readings(new DeviceId("meter-1"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactly(1L, 2L);
            assertThat(store.readings(new DeviceId("meter-1")).get(0).amount()).isEqualTo("1.5");
            assertThat(store.readings(new DeviceId("meter-9"))).isEmpty();
            assertThat(store.readings(new DeviceId("meter-2"))).isEmpty();
            assertThat(meters.get("carbonledger.plant.readings.stored").counter().count()).isEqualTo(2);
            assertThat(store.latestRefusals(100)).extracting(ReadingStore.StoredRefusal::reason)
                    .containsExactlyInAnyOrder("BAD_SIGNATURE", "REPLAYED_SEQUENCE", "UNKNOWN_DEVICE",
                            "DEVICE_REVOKED", "CLOCK_SKEW", "MALFORMED", "TOPIC_MISMATCH");
            for (RefusalReason reason : RefusalReason.values()) {
                assertThat(refused(meters, reason)).as(reason.name()).isEqualTo(1);
            }
            assertThat(store.latestRefusals(100)).filteredOn(r -> r.reason().equals("MALFORMED")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains("timestamp"));
            assertThat(store.latestRefusals(100)).filteredOn(r -> r.reason().equals("REPLAYED_SEQUENCE"))
                    .singleElement().satisfies(r -> {
                        assertThat(r.deviceId()).contains("meter-1");
                        assertThat(r.sequence()).contains(2L);
                    });
        }
    }

    @Test
    void readings_survive_a_service_stop_and_a_broker_kill_without_loss_or_double_counting() throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-restart-");
        String clientId = "carbonledger-service-restart";
        DevicePrivateKey key = METER.privateKey();
        try (Gateway gateway = gateway()) {
            ApplicationContext first = startService(dataDir, clientId);
            ReadingStore firstStore = first.getBean(ReadingStore.class);
            for (long seq = 1; seq <= 40; seq++) {
                publish(gateway, "meter-1", signed("meter-1", seq, key));
            }
            waitFor(() -> !firstStore.readings(new DeviceId("meter-1")).isEmpty(), "the first readings");
            // Stopped mid-stream: the readings published from here on wait in the broker's session.
            first.close();
            for (long seq = 41; seq <= 80; seq++) {
                publish(gateway, "meter-1", signed("meter-1", seq, key));
            }
            // Past the broker's autosave: every second, counted in whole seconds, so within two.
            Thread.sleep(2500);
            broker.run("kill");
            broker.run("start");
            waitFor(gateway::isConnected, "the gateway to reconnect");
            for (long seq = 81; seq <= 100; seq++) {
                publish(gateway, "meter-1", signed("meter-1", seq, key));
            }

            try (ApplicationContext second = startService(dataDir, clientId)) {
                ReadingStore store = second.getBean(ReadingStore.class);
                waitFor(() -> store.readings(new DeviceId("meter-1")).size() == 100, "all 100 readings");
                Thread.sleep(500); // anything delivered twice would arrive now
                List<Long> sequences = store.readings(new DeviceId("meter-1")).stream()
                        .map(ReadingStore.StoredReading::sequence).toList();
                assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
                assertThat(store.latestRefusals(100)).isEmpty();
            }
        }
    }

    @Test
    void a_reading_whose_commit_failed_is_tried_again_and_stored_once_before_later_ones()
            throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-fail-");
        try (ApplicationContext service = startService(dataDir, "carbonledger-service-failing",
                Map.of("plant-test.fail-first-insert", true));
             Gateway gateway = gateway()) {
            FailingOnceReadingStore store = (FailingOnceReadingStore) service.getBean(ReadingStore.class);
            publish(gateway, "meter-1", signed("meter-1", 1, METER.privateKey()));
            publish(gateway, "meter-1", signed("meter-1", 2, METER.privateKey()));
            waitFor(() -> store.readings(new DeviceId("meter-1")).size() == 2, "both readings");
            assertThat(store.commits.get()).as("the first attempt failed, a later one stored it").isGreaterThan(1);
            assertThat(store.attempts.get(1).get(0)).as("the failed batch came again first").isEqualTo(1L);
            assertThat(store.readings(new DeviceId("meter-1"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactly(1L, 2L);
            assertThat(service.getBean(MeterRegistry.class).get("carbonledger.plant.readings.stored").counter()
                    .count()).isEqualTo(2);
            assertThat(store.latestRefusals(10)).as("the second reading did not overtake the first").isEmpty();
        }
    }

    static ReadingIngestion.Message message(String deviceId, byte[] payload) {
        return new ReadingIngestion.Message("carbonledger/" + ORG + "/" + deviceId + "/readings", payload);
    }

    @Test
    void a_failed_batch_leaves_nothing_stored_or_counted_and_is_stored_whole_and_in_order_when_tried_again()
            throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-batch-fail-");
        try (ApplicationContext service = startService(dataDir, "carbonledger-service-batch-fail",
                Map.of("plant-test.fail-first-insert", true))) {
            FailingOnceReadingStore store = (FailingOnceReadingStore) service.getBean(ReadingStore.class);
            ReadingIngestion ingestion = service.getBean(ReadingIngestion.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            List<ReadingIngestion.Message> batch = LongStream.rangeClosed(1, 50)
                    .mapToObj(seq -> message("meter-1", signed("meter-1", seq, METER.privateKey()))).toList();

            assertThatThrownBy(() -> ingestion.acceptAll(batch)).isInstanceOf(IllegalStateException.class);
            assertThat(store.readings(new DeviceId("meter-1"))).isEmpty();
            assertThat(meters.get("carbonledger.plant.readings.stored").counter().count()).isZero();

            assertThat(ingestion.acceptAll(batch)).containsOnly(ReadingIngestion.Outcome.STORED).hasSize(50);
            assertThat(store.readings(new DeviceId("meter-1"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
            assertThat(meters.get("carbonledger.plant.readings.stored").counter().count()).isEqualTo(50);
            assertThat(store.latestRefusals(10)).isEmpty();
            // The broker delivering the whole batch again (the acknowledgements were lost) changes nothing.
            assertThat(ingestion.acceptAll(batch)).containsOnly(ReadingIngestion.Outcome.ALREADY_STORED);
            assertThat(meters.get("carbonledger.plant.readings.stored").counter().count()).isEqualTo(50);
            assertThat(meters.get("carbonledger.plant.readings.redelivered").counter().count()).isEqualTo(50);
        }
    }

    @Test
    void inside_one_batch_a_redelivery_is_stored_once_a_replay_is_refused_and_arrival_order_decides_per_device()
            throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-batch-");
        try (ApplicationContext service = startService(dataDir, "carbonledger-service-batch")) {
            ReadingIngestion ingestion = service.getBean(ReadingIngestion.class);
            ReadingStore store = service.getBean(ReadingStore.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            DevicePrivateKey key = METER.privateKey();
            byte[] one = signed("meter-1", 1, key);
            byte[] otherTwo = MeterReading.sign(unsigned("meter-1", 2, Instant.now(), "7"), key).canonicalUtf8();
            List<ReadingIngestion.Message> batch = List.of(
                    message("meter-1", one),
                    message("meter-1", signed("meter-1", 2, key)),
                    message("meter-1", one),                          // the same message again: a redelivery
                    message("meter-1", otherTwo),                     // another reading with a used number: a replay
                    message("meter-1", signed("meter-1", 9, key)),
                    message("meter-1", signed("meter-1", 5, key)),    // arrived after 9: refused, though valid
                    message("meter-9", signed("meter-9", 1, STRANGER.privateKey())),
                    message("meter-1", signed("meter-1", 10, key)));

            assertThat(ingestion.acceptAll(batch)).containsExactly(ReadingIngestion.Outcome.STORED,
                    ReadingIngestion.Outcome.STORED, ReadingIngestion.Outcome.ALREADY_STORED,
                    ReadingIngestion.Outcome.REFUSED, ReadingIngestion.Outcome.STORED,
                    ReadingIngestion.Outcome.REFUSED, ReadingIngestion.Outcome.REFUSED,
                    ReadingIngestion.Outcome.STORED);
            assertThat(store.readings(new DeviceId("meter-1"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactly(1L, 2L, 9L, 10L);
            assertThat(store.readings(new DeviceId("meter-1")).get(1).amount()).isEqualTo("1.5");
            assertThat(meters.get("carbonledger.plant.readings.stored").counter().count()).isEqualTo(4);
            assertThat(meters.get("carbonledger.plant.readings.redelivered").counter().count()).isEqualTo(1);
            assertThat(refused(meters, RefusalReason.REPLAYED_SEQUENCE)).isEqualTo(2);
            assertThat(refused(meters, RefusalReason.UNKNOWN_DEVICE)).isEqualTo(1);
            assertThat(store.latestRefusals(10)).extracting(ReadingStore.StoredRefusal::sequence)
                    .containsExactlyInAnyOrder(Optional.of(2L), Optional.of(5L), Optional.of(1L));
        }
    }

    @Test
    void a_stream_of_thousands_of_readings_from_several_devices_is_stored_complete_and_in_order() throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-stream-");
        try (ApplicationContext service = startService(dataDir, "carbonledger-service-stream",
                Map.of("carbonledger.plant.mqtt.batch-size", 200));
             Gateway gateway = gateway()) {
            ReadingStore store = service.getBean(ReadingStore.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            ReadModelStore states = service.getBean(ReadModelStore.class);
            register(states, "meter-3", STRANGER, Optional.empty());
            Instant now = Instant.now();
            List<byte[]> one = LongStream.rangeClosed(1, 1500)
                    .mapToObj(seq -> MeterReading.sign(unsigned("meter-1", seq, now, "1.5"), METER.privateKey())
                            .canonicalUtf8()).toList();
            List<byte[]> three = LongStream.rangeClosed(1, 1500)
                    .mapToObj(seq -> MeterReading.sign(unsigned("meter-3", seq, now, "2"), STRANGER.privateKey())
                            .canonicalUtf8()).toList();
            for (int i = 0; i < 1500; i++) {
                publish(gateway, "meter-1", one.get(i));
                publish(gateway, "meter-3", three.get(i));
            }
            waitFor(() -> meters.get("carbonledger.plant.readings.stored").counter().count() == 3000,
                    "3,000 readings stored");
            List<Long> expected = LongStream.rangeClosed(1, 1500).boxed().toList();
            assertThat(store.readings(new DeviceId("meter-1"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactlyElementsOf(expected);
            assertThat(store.readings(new DeviceId("meter-3"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactlyElementsOf(expected);
            assertThat(store.latestRefusals(10)).isEmpty();
            assertThat(meters.get("carbonledger.plant.readings.delay").timer().count())
                    .as("every stored reading's delay is measured").isEqualTo(3000);
        }
    }

    @Test
    void another_organizations_gateway_cannot_publish_on_this_organizations_topics() throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-plant-acl-");
        try (ApplicationContext service = startService(dataDir, "carbonledger-service-acl");
             Gateway stranger = gateway("gateway-applianceco");
             Gateway own = gateway()) {
            ReadingStore store = service.getBean(ReadingStore.class);
            // Correctly signed by the device's key, but sent by another organization's gateway: the broker drops it.
            publish(stranger, "meter-1", signed("meter-1", 1, METER.privateKey()));
            publish(own, "meter-1", signed("meter-1", 2, METER.privateKey()));
            waitFor(() -> !store.readings(new DeviceId("meter-1")).isEmpty(), "the own gateway's reading");
            Thread.sleep(500);
            assertThat(store.readings(new DeviceId("meter-1"))).extracting(ReadingStore.StoredReading::sequence)
                    .containsExactly(2L);
        }
    }
}
