package org.carbonledger.cli.plant;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import org.carbonledger.cli.Cli;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.quantity.Unit;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingDevices;
import org.carbonledger.core.reading.ReadingVerdict;
import org.carbonledger.core.reading.ReadingVerifier;
import org.carbonledger.core.reading.ReadingsDigest;
import org.carbonledger.core.reading.RefusalReason;
import org.junit.jupiter.api.Test;

class PlantSimulationTest {

    static final String MSP = "SteelCoMSP";
    static final DevicePrivateKey KEY = key("meter-12.key.pem");
    static final DevicePublicKey PUBLIC = KEY.publicKey();
    static final DeviceId EAF = new DeviceId("eaf-1");
    static final BatchId COIL = new BatchId(Gtin.parse("09506000134352", "gtin"), Lot.parse("COIL-9", "lot"));
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Duration PERIOD = Duration.ofSeconds(10);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    static DevicePrivateKey key(String file) {
        try {
            return DevicePrivateKey.parse(Files.readString(Cli.fixtures().resolve("keys").resolve(file)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PlantSimulation.Builder plant(long seed, PlantSimulation.FaultPlan... faults) {
        PlantSimulation.Builder b = PlantSimulation.builder(MSP, PERIOD, INTERVAL).seed(seed).firstSequence(100)
                .device(new PlantSimulation.SimulatedDevice(EAF, DeviceProfile.ARC_FURNACE, KEY, Optional.of(COIL),
                        Optional.empty()));
        for (PlantSimulation.FaultPlan f : faults) {
            b.fault(f);
        }
        return b;
    }

    /** Steps every PERIOD from T0 for {@code steps} steps. */
    static List<PlantSimulation.Outgoing> run(PlantSimulation plant, int steps) {
        List<PlantSimulation.Outgoing> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.addAll(plant.step(T0.plus(PERIOD.multipliedBy(i))));
        }
        return out;
    }

    static List<MeterReading> readings(List<PlantSimulation.Outgoing> out) {
        return out.stream().filter(o -> o.kind() == PlantSimulation.Kind.READING)
                .map(o -> MeterReading.parse(o.payload())).toList();
    }

    /** The service's verifier, with the device registered and the last sequence kept as the service keeps it. */
    static final class Service {
        final Map<DeviceId, Long> last = new HashMap<>();
        final ReadingVerifier verifier;
        final List<MeterReading> stored = new ArrayList<>();

        Service(Instant now) {
            ReadingDevices devices = id -> id.equals(EAF)
                    ? Optional.of(new ReadingDevices.DeviceKey(PUBLIC, Instant.parse("2026-01-01T00:00:00Z"),
                            Optional.empty()))
                    : Optional.empty();
            verifier = ReadingVerifier.newInstance(devices,
                    id -> last.containsKey(id) ? OptionalLong.of(last.get(id)) : OptionalLong.empty(),
                    Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5), Duration.ofHours(24));
        }

        ReadingVerdict receive(PlantSimulation.Outgoing o) {
            String device = o.topic().split("/")[2];
            ReadingVerdict v = verifier.verify(Optional.of(new DeviceId(device)), o.payload());
            if (v instanceof ReadingVerdict.Accepted a) {
                last.put(a.reading().deviceId(), a.reading().sequence());
                stored.add(a.reading());
            }
            return v;
        }
    }

    @Test
    void profile_follows_its_daily_shape_and_never_reads_negative() {
        DeviceProfile eaf = DeviceProfile.ARC_FURNACE;
        Instant peak = Instant.parse("2026-12-07T02:00:00Z");
        Instant trough = Instant.parse("2026-12-07T14:00:00Z");
        assertThat(eaf.shapedPerHour(peak)).isEqualTo(40_000 * 1.25, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(eaf.shapedPerHour(trough)).isEqualTo(40_000 * 0.75, org.assertj.core.data.Offset.offset(1e-6));
        Random random = new Random(1);
        BigDecimal atPeak = BigDecimal.ZERO;
        BigDecimal atTrough = BigDecimal.ZERO;
        for (int i = 0; i < 500; i++) {
            BigDecimal p = eaf.reading(peak, Duration.ofMinutes(1), random);
            BigDecimal t = eaf.reading(trough, Duration.ofMinutes(1), random);
            assertThat(p.signum()).isNotNegative();
            assertThat(t.signum()).isNotNegative();
            atPeak = atPeak.add(p);
            atTrough = atTrough.add(t);
        }
        // 500 minutes at 50 MWh/h is about 417 MWh, at 30 MWh/h about 250 MWh; the noise averages out.
        assertThat(atPeak.doubleValue()).isBetween(400_000.0, 434_000.0);
        assertThat(atTrough.doubleValue()).isBetween(240_000.0, 260_000.0);
        assertThat(DeviceProfile.builtIn("gas-kiln")).get().extracting(DeviceProfile::unit).isEqualTo(Unit.M3);
    }

    @Test
    void readings_are_signed_by_the_device_key_numbered_from_the_first_sequence_and_name_their_interval() {
        List<PlantSimulation.Outgoing> out = run(plant(7).build(), 5);
        assertThat(out).allSatisfy(o -> assertThat(o.topic()).isEqualTo("carbonledger/SteelCoMSP/eaf-1/readings"));
        List<MeterReading> readings = readings(out);
        assertThat(readings).extracting(MeterReading::sequence).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.verifySignature(PUBLIC)).isTrue();
            assertThat(r.intervalId()).contains("2026-12-07T10:00:00Z");
            assertThat(r.quantity().unit()).isEqualTo(Unit.KWH);
        });
        assertThat(readings.get(1).timestamp()).isEqualTo(T0.plus(PERIOD));
    }

    @Test
    void the_same_seed_gives_the_same_bytes_and_another_seed_other_amounts() {
        List<PlantSimulation.Outgoing> a = run(plant(7).build(), 20);
        List<PlantSimulation.Outgoing> b = run(plant(7).build(), 20);
        List<PlantSimulation.Outgoing> c = run(plant(8).build(), 20);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).payload()).isEqualTo(b.get(i).payload());
        }
        assertThat(readings(a).get(0).quantity()).isNotEqualTo(readings(c).get(0).quantity());
    }

    @Test
    void each_interval_ends_with_a_signed_record_of_the_sum_and_the_digest_of_its_readings() {
        List<PlantSimulation.Outgoing> out = run(plant(7).build(), 7); // 10:00:00 … 10:01:00
        List<PlantSimulation.Outgoing> records = out.stream()
                .filter(o -> o.kind() == PlantSimulation.Kind.RECORD).toList();
        assertThat(records).singleElement().satisfies(o ->
                assertThat(o.topic()).isEqualTo("carbonledger/SteelCoMSP/eaf-1/records"));
        EmissionRecord record = EmissionRecord.parse(records.get(0).payload());
        assertThat(record.verifySignature(PUBLIC)).isTrue();
        List<MeterReading> first = readings(out).subList(0, 6); // those of 10:00:00 to 10:00:50
        BigDecimal sum = first.stream().map(r -> r.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(record.activity()).get().satisfies(a -> {
            assertThat(a.factorId()).isEqualTo("grid-electricity-2026");
            assertThat(a.quantity().value()).isEqualByComparingTo(sum);
            assertThat(a.quantity().unit()).isEqualTo(Unit.KWH);
        });
        assertThat(record.evidenceSha256()).contains(ReadingsDigest.of(first.stream().map(ReadingsDigest.Covered::of).toList()));
        assertThat(record.periodStart()).isEqualTo(T0);
        assertThat(record.periodEnd()).isEqualTo(T0.plus(INTERVAL));
        assertThat(record.batch()).isEqualTo(COIL);
        assertThat(record.deviceId()).isEqualTo(EAF);
        // The last reading (10:01:00) is in the next interval.
        assertThat(readings(out).get(6).intervalId()).contains("2026-12-07T10:01:00Z");
    }

    static PlantSimulation.FaultPlan once(Fault f) {
        return new PlantSimulation.FaultPlan(f, OptionalDouble.empty());
    }

    static List<RefusalReason> refusals(Service service, List<PlantSimulation.Outgoing> out) {
        List<RefusalReason> reasons = new ArrayList<>();
        for (PlantSimulation.Outgoing o : out) {
            if (o.kind() == PlantSimulation.Kind.READING
                    && service.receive(o) instanceof ReadingVerdict.Refused r) {
                reasons.add(r.reason());
            }
        }
        return reasons;
    }

    @Test
    void each_fault_is_refused_by_the_services_verifier_for_its_reason() {
        Instant now = T0.plus(Duration.ofMinutes(1));
        Map<Fault, RefusalReason> expected = Map.of(Fault.TAMPER, RefusalReason.BAD_SIGNATURE,
                Fault.REPLAY, RefusalReason.REPLAYED_SEQUENCE, Fault.UNKNOWN_DEVICE, RefusalReason.UNKNOWN_DEVICE,
                Fault.LATE, RefusalReason.CLOCK_SKEW);
        expected.forEach((fault, reason) -> {
            List<PlantSimulation.Outgoing> out = run(plant(7, once(fault)).build(), 5);
            assertThat(out).filteredOn(o -> o.fault().isPresent()).singleElement()
                    .satisfies(o -> assertThat(o.fault()).contains(fault));
            assertThat(refusals(new Service(now), out)).as(fault.cliName()).containsExactly(reason);
        });
    }

    @Test
    void refused_readings_are_left_out_of_the_record_and_its_digest_matches_what_the_service_stored() {
        PlantSimulation plant = plant(3, new PlantSimulation.FaultPlan(Fault.TAMPER, OptionalDouble.of(0.2)),
                new PlantSimulation.FaultPlan(Fault.LATE, OptionalDouble.of(0.2)),
                new PlantSimulation.FaultPlan(Fault.REPLAY, OptionalDouble.of(0.2))).build();
        List<PlantSimulation.Outgoing> out = run(plant, 7);
        Service service = new Service(T0.plus(INTERVAL));
        assertThat(refusals(service, out)).isNotEmpty();
        List<MeterReading> storedFirstInterval = service.stored.stream()
                .filter(r -> r.timestamp().isBefore(T0.plus(INTERVAL))).toList();
        EmissionRecord record = out.stream().filter(o -> o.kind() == PlantSimulation.Kind.RECORD)
                .map(o -> EmissionRecord.parse(o.payload())).findFirst().orElseThrow();
        assertThat(record.evidenceSha256()).contains(ReadingsDigest.of(storedFirstInterval.stream().map(ReadingsDigest.Covered::of).toList()));
        assertThat(record.activity().orElseThrow().quantity().value()).isEqualByComparingTo(storedFirstInterval
                .stream().map(r -> r.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void an_implausible_reading_is_valid_and_far_above_the_profiles_range() {
        List<PlantSimulation.Outgoing> out = run(plant(7, once(Fault.IMPLAUSIBLE)).build(), 5);
        Service service = new Service(T0.plus(INTERVAL));
        assertThat(refusals(service, out)).isEmpty();
        PlantSimulation.Outgoing odd = out.stream().filter(o -> o.fault().isPresent()).findFirst().orElseThrow();
        assertThat(MeterReading.parse(odd.payload()).quantity().value())
                .isGreaterThan(DeviceProfile.ARC_FURNACE.plausibleMax(PERIOD).multiply(BigDecimal.valueOf(5)));
    }

    @Test
    void a_silent_device_says_nothing_for_two_whole_intervals_then_continues() {
        List<PlantSimulation.Outgoing> out = run(plant(7, once(Fault.SILENT)).build(), 6 * 4 + 1);
        List<MeterReading> readings = readings(out);
        // Readings at 10:00:00 and :10; silent from the third (:20) to the end of 10:02; back from 10:03:00.
        assertThat(readings).extracting(MeterReading::timestamp).filteredOn(t -> t.isBefore(T0.plusSeconds(180)))
                .containsExactly(T0, T0.plusSeconds(10));
        assertThat(readings).extracting(MeterReading::timestamp).contains(T0.plusSeconds(180), T0.plusSeconds(240));
        assertThat(readings).extracting(MeterReading::sequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_fault_with_a_rate_fires_about_that_often_and_the_same_way_for_the_same_seed() {
        PlantSimulation.FaultPlan tenPercent = new PlantSimulation.FaultPlan(Fault.TAMPER, OptionalDouble.of(0.1));
        long faulty = run(plant(11, tenPercent).build(), 1000).stream().filter(o -> o.fault().isPresent()).count();
        long again = run(plant(11, tenPercent).build(), 1000).stream().filter(o -> o.fault().isPresent()).count();
        assertThat(faulty).isBetween(60L, 140L).isEqualTo(again);
    }
}
