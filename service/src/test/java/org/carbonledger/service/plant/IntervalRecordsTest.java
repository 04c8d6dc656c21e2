package org.carbonledger.service.plant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.carbonledger.client.testing.InMemoryRecordLedger;
import org.carbonledger.client.testing.TestRecords;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingsDigest;
import org.carbonledger.service.database.ExternalDatabase;
import org.carbonledger.service.plant.interval.IntervalOutbox;
import org.carbonledger.service.plant.interval.IntervalSubscriber;
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
 * Interval records through the real Mosquitto and the real embedded MariaDB: checked against the stored readings,
 * queued in the outbox, and submitted by the worker to the ledger boundary (the client's in-memory ledger with the
 * chaincode's record rules, as the record API's tests use it).
 */
class IntervalRecordsTest {

    static final String ORG = "SteelCoMSP";
    static final SecureRandom RANDOM = new SecureRandom();
    static final DeviceKeyPair METER = DeviceKeyPair.generate(RANDOM);
    static final DeviceKeyPair OTHER_KEY = DeviceKeyPair.generate(RANDOM);
    static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(5);

    static Broker broker;
    static MqttClient gateway;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start();
        gateway = new MqttClient(broker.uri(), "gateway-steelco-" + RANDOM.nextInt(1_000_000), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("gateway-steelco");
        options.setPassword(broker.password("gateway-steelco").getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(true);
        gateway.connect(options);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (gateway != null) {
            gateway.disconnect();
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A fresh ledger per test; on an external database (one for the whole run) no rows of earlier tests. */
    @BeforeEach
    void freshLedgerAndTables() throws Exception {
        InMemoryLedgerAccess.ledger = new InMemoryRecordLedger().openBatch(TestRecords.BATCH);
        InMemoryLedgerAccess.reachable = true;
        if (ExternalDatabase.url().isEmpty()) {
            return;
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(ExternalDatabase.url().get(),
                ExternalDatabase.username(), System.getenv("DATASOURCES_DEFAULT_PASSWORD"));
             java.sql.Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getTables(null, null, "plant_interval_record", null).next()) {
                statement.executeUpdate("DELETE FROM plant_reading");
                statement.executeUpdate("DELETE FROM plant_reading_refusal");
                statement.executeUpdate("DELETE FROM plant_interval_record");
            }
        }
    }

    static ApplicationContext startService(Path dataDir, String clientId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", dataDir.toString());
        properties.put("carbonledger.plant.mqtt.enabled", true);
        properties.put("carbonledger.plant.mqtt.uri", broker.uri());
        properties.put("carbonledger.plant.mqtt.username", "service-steelco");
        properties.put("carbonledger.plant.mqtt.password-file", broker.passwordFile("service-steelco").toString());
        properties.put("carbonledger.plant.mqtt.client-id", clientId);
        properties.put("carbonledger.plant.intervals.grace", GRACE.toSeconds() + "s");
        properties.put("carbonledger.plant.intervals.poll-interval", "100ms");
        properties.put("carbonledger.plant.intervals.retry-pause", "200ms");
        properties.put("carbonledger.plant.intervals.max-retry-pause", "200ms");
        properties.put("plant-test.in-memory-ledger", true);
        ApplicationContext context = ApplicationContext.run(properties, "test");
        ReadModelStore states = context.getBean(ReadModelStore.class);
        String txId = "a".repeat(64);
        StoredDevice device = StoredDevice.of(ORG, new DeviceId("meter-1"), METER.publicKey().toPem(),
                METER.publicKey().fingerprint(), "test meter", REGISTERED, REGISTERED, txId, Optional.empty(),
                Optional.empty());
        states.upsertState(StateKeys.key(StateKeys.DEVICE, ORG, "meter-1"), StateKeys.DEVICE,
                Jcs.canonicalString(device.toJson()), txId, 1);
        waitFor(() -> context.getBean(PlantSubscriber.class).isConnected()
                && context.getBean(IntervalSubscriber.class).isConnected(), "the subscribers to connect");
        return context;
    }

    /** Readings of meter-1 with sequence numbers from {@code first}, one a minute from {@code start}. */
    static List<MeterReading> readings(long first, Instant start, String... amounts) {
        List<MeterReading> out = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            out.add(MeterReading.sign(JsonObject.builder().put("deviceId", "meter-1").put("sequence", first + i)
                    .put("timestamp", start.plus(Duration.ofMinutes(i)).toString())
                    .put("quantity", JsonObject.builder().put("amount", amounts[i]).put("unit", "kWh").build())
                    .build(), METER.privateKey()));
        }
        return out;
    }

    static Hash digest(Instant start, Instant end, List<MeterReading> stream) {
        return ReadingsDigest.of(ReadingsDigest.covered(new DeviceId("meter-1"), start, end,
                stream.stream().map(ReadingsDigest.Covered::of).toList()));
    }

    /** The interval record a gateway signs with the device key: activity in kWh, evidence the readings digest. */
    static EmissionRecord record(Instant start, Instant end, String amount, Hash evidence) {
        JsonObject unsigned = JsonObject.builder()
                .put("recordId", UUID.randomUUID().toString())
                .put("gtin", TestRecords.BATCH.gtin().value())
                .put("lot", TestRecords.BATCH.lot().value())
                .put("deviceId", "meter-1")
                .put("periodStart", start.toString())
                .put("periodEnd", end.toString())
                .put("scope", 2L)
                .put("stage", "PRODUCTION")
                .put("activity", JsonObject.builder().put("factorId", "grid-2026").put("amount", amount)
                        .put("unit", "kWh").build())
                .put("evidenceSha256", evidence.toHex())
                .build();
        return EmissionRecord.sign(unsigned, METER.privateKey());
    }

    static void publish(List<MeterReading> readings) throws MqttException {
        for (MeterReading r : readings) {
            gateway.publish("carbonledger/" + ORG + "/meter-1/readings", r.canonicalUtf8(), 1, false);
        }
    }

    static void publish(EmissionRecord record) throws MqttException {
        publish("meter-1", record);
    }

    static void publish(String topicDevice, EmissionRecord record) throws MqttException {
        gateway.publish("carbonledger/" + ORG + "/" + topicDevice + "/records", Jcs.canonicalize(record.json()), 1,
                false);
    }

    static void awaitStored(ApplicationContext service, int readings) {
        ReadingStore store = service.getBean(ReadingStore.class);
        waitFor(() -> store.readings(new DeviceId("meter-1")).size() == readings, readings + " stored readings");
    }

    static IntervalOutbox.Status status(ApplicationContext service, EmissionRecord record) {
        return service.getBean(IntervalOutbox.class).find(record.recordId().value()).map(IntervalOutbox.Row::status)
                .orElse(null);
    }

    static void awaitStatus(ApplicationContext service, EmissionRecord record, IntervalOutbox.Status status) {
        waitFor(() -> status(service, record) == status, "record " + record.recordId().value() + " " + status);
    }

    static List<String> refusalReasons(ApplicationContext service) {
        return service.getBean(ReadingStore.class).latestRefusals(100).stream()
                .map(ReadingStore.StoredRefusal::reason).toList();
    }

    static double intervalRecords(ApplicationContext service, String outcome) {
        return service.getBean(MeterRegistry.class).get("carbonledger.plant.interval.records").tag("outcome", outcome)
                .counter().count();
    }

    static double refused(ApplicationContext service, String reason) {
        return service.getBean(MeterRegistry.class).get("carbonledger.plant.readings.refused").tag("reason", reason)
                .counter().count();
    }

    /** How often the ledger was asked to write this record. */
    static long submissionsOf(EmissionRecord record) {
        return InMemoryLedgerAccess.ledger.submissions().stream()
                .flatMap(ids -> Arrays.stream(ids.split(",")))
                .filter(record.recordId().value()::equals).count();
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

    /** An interval of ten minutes that ended a minute ago, on whole seconds. */
    static Instant intervalStart() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(11));
    }

    @Test
    void a_record_matching_its_readings_is_queued_and_submitted_as_signed_once_even_when_delivered_twice()
            throws Exception {
        Instant start = intervalStart();
        Instant end = start.plus(Duration.ofMinutes(10));
        // Two before, four inside, one after the interval.
        List<MeterReading> stream = new ArrayList<>(readings(1, start.minus(Duration.ofMinutes(2)), "9", "9"));
        stream.addAll(readings(3, start, "1.5", "2.25", "0.25", "3"));
        stream.addAll(readings(7, end, "9"));
        EmissionRecord record = record(start, end, "7", digest(start, end, stream));

        try (ApplicationContext service = startService(Files.createTempDirectory("interval-ok-"),
                "carbonledger-service-interval-ok")) {
            publish(stream);
            awaitStored(service, 7);
            publish(record);
            publish(record); // the broker delivering it again: queued and submitted once

            awaitStatus(service, record, IntervalOutbox.Status.SUBMITTED);
            Thread.sleep(500); // a second submission would happen now

            IntervalOutbox.Row row = service.getBean(IntervalOutbox.class).find(record.recordId().value())
                    .orElseThrow();
            var stored = InMemoryLedgerAccess.ledger.stored(record.recordId().value()).orElseThrow();
            assertThat(stored.record()).as("the ledger holds the record exactly as the device signed it")
                    .isEqualTo(record.json());
            assertThat(stored.contentHash()).isEqualTo(record.contentHash());
            assertThat(row.transactionId()).contains(stored.txId());
            assertThat(row.replayed()).contains(false);
            assertThat(row.co2eJson()).contains(Jcs.canonicalString(stored.co2eJson()));
            assertThat(submissionsOf(record)).isEqualTo(1);
            assertThat(intervalRecords(service, "submitted")).isEqualTo(1);
            assertThat(intervalRecords(service, "refused")).isZero();
            assertThat(refusalReasons(service)).isEmpty();
        }
    }

    @Test
    void a_record_with_a_wrong_digest_amount_topic_signature_or_period_is_refused_with_its_reason_and_not_submitted()
            throws Exception {
        Instant start = intervalStart();
        Instant end = start.plus(Duration.ofMinutes(10));
        List<MeterReading> stream = new ArrayList<>(readings(1, start, "1.5", "2.5"));
        stream.addAll(readings(3, end.plusSeconds(1), "1")); // the device is past the interval: nothing is late
        Hash rightDigest = digest(start, end, stream);
        // Leaves out the second reading: the digest of another set of readings.
        EmissionRecord wrongDigest = record(start, end, "1.5", digest(start, end, stream.subList(0, 1)));
        EmissionRecord wrongAmount = record(start, end, "4.5", rightDigest);
        EmissionRecord otherTopic = record(start, end, "4", rightDigest);
        EmissionRecord forged = EmissionRecord.sign(record(start, end, "4", rightDigest).json().without("signature"),
                OTHER_KEY.privateKey());
        EmissionRecord unfinished = record(start, Instant.parse("2099-01-01T00:00:00Z"), "4", rightDigest);

        try (ApplicationContext service = startService(Files.createTempDirectory("interval-refused-"),
                "carbonledger-service-interval-refused")) {
            publish(stream);
            awaitStored(service, 3);
            publish(wrongDigest);
            publish(wrongAmount);
            publish("meter-7", otherTopic);
            publish(forged);
            publish(unfinished);

            waitFor(() -> refusalReasons(service).size() == 5, "five refusals");
            // Counted right after the commit that keeps the refusal.
            waitFor(() -> intervalRecords(service, "refused") == 5, "five refusals counted");
            assertThat(refusalReasons(service)).containsExactlyInAnyOrder("INTERVAL_DIGEST_MISMATCH",
                    "INTERVAL_AMOUNT_MISMATCH", "INTERVAL_TOPIC_MISMATCH", "INTERVAL_BAD_SIGNATURE",
                    "INTERVAL_MALFORMED");
            assertThat(service.getBean(ReadingStore.class).latestRefusals(100))
                    .filteredOn(r -> r.reason().equals("INTERVAL_AMOUNT_MISMATCH")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.detail()).contains("calculated 4 kWh", "provided 4.5 kWh");
                        assertThat(r.deviceId()).contains("meter-1");
                    });
            assertThat(service.getBean(ReadingStore.class).latestRefusals(100))
                    .filteredOn(r -> r.reason().equals("INTERVAL_DIGEST_MISMATCH")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains("calculated " + rightDigest.toHex()));
            for (EmissionRecord r : List.of(wrongDigest, wrongAmount, otherTopic, forged, unfinished)) {
                assertThat(status(service, r)).as("not queued").isNull();
            }
            assertThat(refused(service, "INTERVAL_DIGEST_MISMATCH")).isEqualTo(1);
            assertThat(refused(service, "INTERVAL_AMOUNT_MISMATCH")).isEqualTo(1);
            assertThat(InMemoryLedgerAccess.ledger.submissions()).isEmpty();
        }
    }

    @Test
    void a_record_that_arrives_before_its_last_readings_waits_and_is_then_submitted() throws Exception {
        Instant start = intervalStart();
        Instant end = start.plus(Duration.ofMinutes(10));
        List<MeterReading> stream = readings(1, start, "1", "2", "3", "4");
        EmissionRecord record = record(start, end, "10", digest(start, end, stream));

        try (ApplicationContext service = startService(Files.createTempDirectory("interval-wait-"),
                "carbonledger-service-interval-wait")) {
            publish(stream.subList(0, 3));
            awaitStored(service, 3);
            publish(record);
            awaitStatus(service, record, IntervalOutbox.Status.WAITING);
            Thread.sleep(500); // rechecked several times meanwhile, still waiting
            assertThat(status(service, record)).isEqualTo(IntervalOutbox.Status.WAITING);
            assertThat(intervalRecords(service, "waiting")).isEqualTo(1);
            assertThat(InMemoryLedgerAccess.ledger.submissions()).isEmpty();

            publish(stream.subList(3, 4));

            awaitStatus(service, record, IntervalOutbox.Status.SUBMITTED);
            assertThat(InMemoryLedgerAccess.ledger.stored(record.recordId().value())).isPresent();
            assertThat(refusalReasons(service)).isEmpty();
        }
    }

    @Test
    void a_waiting_record_whose_readings_never_match_is_refused_when_the_grace_is_over() throws Exception {
        try (ApplicationContext service = startService(Files.createTempDirectory("interval-grace-"),
                "carbonledger-service-interval-grace")) {
            // The grace after this interval's end is over a few seconds from now.
            Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(GRACE).plusSeconds(6);
            Instant start = end.minus(Duration.ofMinutes(10));
            List<MeterReading> stream = readings(1, start, "1", "2");
            EmissionRecord record = record(start, end, "5", digest(start, end, readings(1, start, "1", "2", "2")));

            publish(stream);
            awaitStored(service, 2);
            publish(record);
            awaitStatus(service, record, IntervalOutbox.Status.WAITING);

            waitFor(() -> refusalReasons(service).equals(List.of("INTERVAL_DIGEST_MISMATCH")),
                    "the refusal after the grace");
            assertThat(Instant.now()).isAfterOrEqualTo(end.plus(GRACE));
            assertThat(status(service, record)).as("removed from the outbox").isNull();
            assertThat(service.getBean(ReadingStore.class).latestRefusals(1).get(0).detail())
                    .contains("after waiting for late readings");
            assertThat(intervalRecords(service, "waiting")).isEqualTo(1);
            waitFor(() -> intervalRecords(service, "refused") == 1, "the refusal counted");
            assertThat(refused(service, "INTERVAL_DIGEST_MISMATCH")).isEqualTo(1);
            assertThat(InMemoryLedgerAccess.ledger.submissions()).isEmpty();
        }
    }

    @Test
    void a_record_refused_by_the_ledger_is_marked_with_its_code_and_one_already_on_the_ledger_counts_as_submitted()
            throws Exception {
        Instant start = intervalStart();
        Instant end = start.plus(Duration.ofMinutes(5));
        Instant next = end.plus(Duration.ofMinutes(5));
        List<MeterReading> stream = readings(1, start, "1", "1", "1", "1", "1", "2", "2", "2", "2", "2", "3");
        EmissionRecord refused = record(start, end, "5", digest(start, end, stream));
        EmissionRecord onLedger = record(end, next, "10", digest(end, next, stream));
        InMemoryLedgerAccess.ledger.refuse(refused.recordId().value(), ErrorCode.UNIT_MISMATCH, "activity.unit",
                "kWh is not the unit of factor grid-2026");
        var earlier = InMemoryLedgerAccess.ledger.store(onLedger);

        try (ApplicationContext service = startService(Files.createTempDirectory("interval-ledger-"),
                "carbonledger-service-interval-ledger")) {
            publish(stream);
            awaitStored(service, 11);
            publish(refused);
            publish(onLedger);

            awaitStatus(service, refused, IntervalOutbox.Status.REFUSED);
            awaitStatus(service, onLedger, IntervalOutbox.Status.SUBMITTED);
            IntervalOutbox.Row row = service.getBean(IntervalOutbox.class).find(refused.recordId().value())
                    .orElseThrow();
            assertThat(row.ledgerCode()).contains("UNIT_MISMATCH");
            assertThat(row.ledgerMessage().orElseThrow()).contains("kWh is not the unit of factor grid-2026");
            IntervalOutbox.Row replay = service.getBean(IntervalOutbox.class).find(onLedger.recordId().value())
                    .orElseThrow();
            assertThat(replay.replayed()).contains(true);
            assertThat(replay.transactionId()).contains(earlier.txId());
            assertThat(InMemoryLedgerAccess.ledger.recordCount()).isEqualTo(1);
            waitFor(() -> intervalRecords(service, "submitted") == 1 && intervalRecords(service, "refused") == 1,
                    "one submitted and one refused counted");
        }
    }

    @Test
    void the_outbox_survives_a_service_restart_and_the_worker_submits_each_record_once() throws Exception {
        Instant start = intervalStart();
        Instant end = start.plus(Duration.ofMinutes(10));
        List<MeterReading> stream = readings(1, start, "1", "2", "3");
        EmissionRecord record = record(start, end, "6", digest(start, end, stream));
        Path dataDir = Files.createTempDirectory("interval-restart-");
        String clientId = "carbonledger-service-interval-restart";

        InMemoryLedgerAccess.reachable = false;
        ApplicationContext first = startService(dataDir, clientId);
        try {
            publish(stream);
            awaitStored(first, 3);
            publish(record);
            awaitStatus(first, record, IntervalOutbox.Status.READY);
            waitFor(() -> first.getBean(IntervalOutbox.class).find(record.recordId().value()).orElseThrow()
                    .attempts() >= 2, "two failed attempts");
        } finally {
            first.close();
        }
        assertThat(InMemoryLedgerAccess.ledger.recordCount()).isZero();
        InMemoryLedgerAccess.reachable = true;

        try (ApplicationContext second = startService(dataDir, clientId)) {
            awaitStatus(second, record, IntervalOutbox.Status.SUBMITTED);
            Thread.sleep(500); // the acknowledged message is not delivered again, nor the record submitted again
            assertThat(submissionsOf(record)).isEqualTo(1);
            assertThat(InMemoryLedgerAccess.ledger.stored(record.recordId().value()).orElseThrow().record())
                    .isEqualTo(record.json());
            assertThat(intervalRecords(second, "submitted")).isEqualTo(1);
            assertThat(refusalReasons(second)).isEmpty();
        }
    }
}
