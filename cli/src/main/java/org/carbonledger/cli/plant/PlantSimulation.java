package org.carbonledger.cli.plant;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingsDigest;

/**
 * The simulated plant, without any network: each {@link #step} takes the time and returns the messages the devices
 * publish then, signed, in the order they must be published. The same seed, devices, first sequence number and
 * times give the same bytes (readings and records are signed deterministically).
 *
 * <p>Each reading is the consumption since the device's previous one. At the end of each interval (aligned to the
 * epoch: a 15-minute interval starts at :00, :15, …) a device that feeds a batch emits the interval's signed
 * emission record: activity form, period = the interval, the sum of the interval's readings that the service stores,
 * and {@code evidenceSha256} = {@link ReadingsDigest} of those readings. Faulty readings the service refuses are not
 * in it; implausible ones (valid, and stored) are.
 *
 * <pre>{@code
 * PlantSimulation plant = PlantSimulation.builder("SteelCoMSP", Duration.ofSeconds(1), Duration.ofMinutes(15))
 *         .device(new SimulatedDevice(new DeviceId("eaf-1"), DeviceProfile.ARC_FURNACE, key, batch, factor))
 *         .seed(42).firstSequence(1).build();
 * for (Outgoing o : plant.step(Instant.now())) { publish(o.topic(), o.payload()); }
 * }</pre>
 */
public final class PlantSimulation {

    /** How old a late reading is: beyond the service's default 24 hours. */
    public static final Duration LATE_BY = Duration.ofHours(25);
    /** How many whole intervals a silent device says nothing for. */
    public static final int SILENT_INTERVALS = 2;
    /** A fault asked for once fires at this reading of the first device (so a replay has a reading to repeat). */
    static final int ONCE_AT_READING = 3;

    /**
     * One simulated meter.
     *
     * @param id its device id (registered on the ledger with the public key of {@code key})
     * @param profile how it behaves
     * @param key its private key
     * @param batch the batch it feeds; without one it emits readings only, no interval records
     * @param factorId the emission factor of its records (the profile's default when empty)
     */
    public record SimulatedDevice(DeviceId id, DeviceProfile profile, DevicePrivateKey key, Optional<BatchId> batch,
                                  Optional<String> factorId) {

        /** Checks for nulls. */
        public SimulatedDevice {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(batch, "batch");
            Objects.requireNonNull(factorId, "factorId");
        }

        Optional<String> factor() {
            return factorId.or(profile::defaultFactor);
        }
    }

    /**
     * A fault to produce: with a probability per reading, or once when {@code rate} is empty.
     *
     * @param fault which
     * @param rate probability per reading (per device), 0 to 1; empty for once
     */
    public record FaultPlan(Fault fault, OptionalDouble rate) {

        /** Checks the rate. */
        public FaultPlan {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(rate, "rate");
            if (rate.isPresent() && !(rate.getAsDouble() >= 0 && rate.getAsDouble() <= 1)) {
                throw new IllegalArgumentException("the rate of fault " + fault.cliName() + " must be 0 to 1");
            }
        }
    }

    /** What a message is. */
    public enum Kind {
        /** A meter reading, on {@code …/readings}. */
        READING,
        /** An interval's emission record, on {@code …/records}. */
        RECORD
    }

    /**
     * One message to publish.
     *
     * @param topic the MQTT topic
     * @param payload the body (canonical JSON)
     * @param kind reading or record
     * @param fault the fault it carries, if any
     */
    public record Outgoing(String topic, byte[] payload, Kind kind, Optional<Fault> fault) {

        /** Checks for nulls. */
        public Outgoing {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(fault, "fault");
        }
    }

    private final String msp;
    private final Duration period;
    private final Duration interval;
    private final List<FaultPlan> faults;
    private final List<State> states = new ArrayList<>();
    private final Map<Fault, Boolean> onceFired = new EnumMap<>(Fault.class);
    private final Map<DeviceId, Long> ghostSequence = new HashMap<>();
    private final DeviceKeyPair ghostKey;

    /** The running state of one device. */
    private static final class State {
        final SimulatedDevice device;
        final Random amounts;
        final Random faults;
        long nextSequence;
        long readings;
        Optional<Long> lastGoodSequence = Optional.empty();
        Instant intervalStart;
        final List<Hash> hashes = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        Instant silentUntil = Instant.MIN;

        State(SimulatedDevice device, long seed, long firstSequence) {
            this.device = device;
            long deviceSeed = seed * 31 + device.id().value().hashCode();
            this.amounts = new Random(deviceSeed);
            this.faults = new Random(deviceSeed ^ 0x5DEECE66DL);
            this.nextSequence = firstSequence;
        }
    }

    private PlantSimulation(Builder b) {
        this.msp = b.msp;
        this.period = b.period;
        this.interval = b.interval;
        this.faults = List.copyOf(b.faults);
        for (SimulatedDevice d : b.devices.values()) {
            states.add(new State(d, b.seed, b.firstSequence));
        }
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(b.seed);
            this.ghostKey = DeviceKeyPair.generate(random);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA1PRNG in this JDK", e);
        }
    }

    /**
     * @param msp the organization's MSP id (the topics' second level)
     * @param period the time between two readings of a device
     * @param interval the length of an interval record's period
     * @return a builder
     */
    public static Builder builder(String msp, Duration period, Duration interval) {
        return new Builder(msp, period, interval);
    }

    /** Builds a {@link PlantSimulation}. */
    public static final class Builder {
        private final String msp;
        private final Duration period;
        private final Duration interval;
        private final Map<DeviceId, SimulatedDevice> devices = new LinkedHashMap<>();
        private final List<FaultPlan> faults = new ArrayList<>();
        private long seed;
        private long firstSequence = 1;

        private Builder(String msp, Duration period, Duration interval) {
            this.msp = Objects.requireNonNull(msp, "msp");
            this.period = Objects.requireNonNull(period, "period");
            this.interval = Objects.requireNonNull(interval, "interval");
            if (period.isNegative() || period.isZero() || interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the period must be positive and the interval at least 1 s");
            }
        }

        /** Adds a device (in publishing order). */
        public Builder device(SimulatedDevice device) {
            Objects.requireNonNull(device, "device");
            if (devices.putIfAbsent(device.id(), device) != null) {
                throw new IllegalArgumentException("device " + device.id() + " is given twice");
            }
            return this;
        }

        /** Adds a fault. */
        public Builder fault(FaultPlan fault) {
            faults.add(Objects.requireNonNull(fault, "fault"));
            return this;
        }

        /** The seed of the noise and of the faults. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The first sequence number of every device (it must be above any it used before). */
        public Builder firstSequence(long firstSequence) {
            if (firstSequence < 0 || firstSequence > MeterReading.MAX_SEQUENCE / 2) {
                throw new IllegalArgumentException("first sequence out of range: " + firstSequence);
            }
            this.firstSequence = firstSequence;
            return this;
        }

        /** @return the simulation */
        public PlantSimulation build() {
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("no device to simulate");
            }
            return new PlantSimulation(this);
        }
    }

    /**
     * Advances every device to {@code now}: records of the intervals that ended, then one reading each (unless
     * silent), with the faults that fire now.
     *
     * @param now the time (the devices' clock)
     * @return the messages to publish, in order
     */
    public List<Outgoing> step(Instant now) {
        Objects.requireNonNull(now, "now");
        List<Outgoing> out = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            State s = states.get(i);
            closeIntervalIfOver(s, now, out);
            if (now.isBefore(s.silentUntil)) {
                continue;
            }
            s.readings++;
            Optional<Fault> fault = fault(s, i == 0);
            BigDecimal amount = s.device.profile().reading(now, period, s.amounts);
            if (fault.isEmpty()) {
                out.add(good(s, now, amount, Optional.empty()));
                continue;
            }
            switch (fault.get()) {
                case TAMPER -> {
                    MeterReading signed = sign(s, s.nextSequence++, now, amount);
                    JsonObject quantity = (JsonObject) signed.json().get("quantity").orElseThrow();
                    JsonObject changed = signed.json().without("quantity").with("quantity", quantity.without("amount")
                            .with("amount", JsonString.of(Decimals.canonical(amount.add(BigDecimal.ONE)))));
                    out.add(reading(s.device.id(), Jcs.canonicalize(changed), fault));
                }
                case REPLAY -> {
                    if (s.lastGoodSequence.isPresent()) {
                        out.add(reading(s.device.id(), sign(s, s.lastGoodSequence.get(), now,
                                amount.add(BigDecimal.ONE)).canonicalUtf8(), fault));
                    }
                    out.add(good(s, now, amount, Optional.empty()));
                }
                case UNKNOWN_DEVICE -> {
                    DeviceId ghost = ghostOf(s.device.id());
                    long seq = ghostSequence.merge(ghost, 1L, Long::sum);
                    out.add(reading(ghost, MeterReading.sign(unsigned(ghost, seq, now, amount, s), ghostKey.privateKey())
                            .canonicalUtf8(), fault));
                    out.add(good(s, now, amount, Optional.empty()));
                }
                case LATE -> {
                    out.add(reading(s.device.id(), sign(s, s.nextSequence++, now.minus(LATE_BY), amount)
                            .canonicalUtf8(), fault));
                    out.add(good(s, now, amount, Optional.empty()));
                }
                case SILENT -> s.silentUntil = s.intervalStart.plus(interval.multipliedBy(1 + SILENT_INTERVALS));
                case IMPLAUSIBLE -> out.add(good(s, now,
                        s.device.profile().plausibleMax(period).multiply(BigDecimal.valueOf(7)), fault));
                default -> throw new IllegalStateException("fault " + fault.get());
            }
        }
        return out;
    }

    private Optional<Fault> fault(State s, boolean first) {
        Optional<Fault> chosen = Optional.empty();
        for (FaultPlan plan : faults) {
            boolean fires;
            if (plan.rate().isPresent()) {
                // Drawn for every plan on every reading, so one plan's draws do not depend on another's outcome.
                fires = s.faults.nextDouble() < plan.rate().getAsDouble();
            } else {
                fires = first && s.readings >= ONCE_AT_READING && !onceFired.getOrDefault(plan.fault(), false)
                        && chosen.isEmpty();
                if (fires) {
                    onceFired.put(plan.fault(), true);
                }
            }
            if (fires && chosen.isEmpty()) {
                chosen = Optional.of(plan.fault());
            }
        }
        return chosen;
    }

    private Outgoing good(State s, Instant now, BigDecimal amount, Optional<Fault> fault) {
        long sequence = s.nextSequence++;
        MeterReading r = sign(s, sequence, now, amount);
        s.lastGoodSequence = Optional.of(sequence);
        s.hashes.add(r.contentHash());
        s.sum = s.sum.add(amount);
        return reading(s.device.id(), r.canonicalUtf8(), fault);
    }

    private MeterReading sign(State s, long sequence, Instant at, BigDecimal amount) {
        return MeterReading.sign(unsigned(s.device.id(), sequence, at, amount, s), s.device.key());
    }

    private JsonObject unsigned(DeviceId id, long sequence, Instant at, BigDecimal amount, State s) {
        return JsonObject.builder().put("deviceId", id.value()).put("sequence", sequence)
                .put("timestamp", at.toString())
                .put("quantity", JsonObject.builder().put("amount", Decimals.canonical(amount))
                        .put("unit", s.device.profile().unit().symbol()).build())
                .put("intervalId", s.intervalStart.toString()).build();
    }

    private Outgoing reading(DeviceId id, byte[] payload, Optional<Fault> fault) {
        return new Outgoing("carbonledger/" + msp + "/" + id.value() + "/readings", payload, Kind.READING, fault);
    }

    private void closeIntervalIfOver(State s, Instant now, List<Outgoing> out) {
        Instant start = intervalStartOf(now);
        if (s.intervalStart == null) {
            s.intervalStart = start;
            return;
        }
        if (!start.isAfter(s.intervalStart)) {
            return;
        }
        SimulatedDevice d = s.device;
        if (!s.hashes.isEmpty() && d.batch().isPresent() && d.factor().isPresent()) {
            Instant end = s.intervalStart.plus(interval);
            JsonObject unsigned = JsonObject.builder()
                    .put("recordId", UUID.nameUUIDFromBytes((d.id().value() + "/" + s.intervalStart + "/"
                            + s.lastGoodSequence.orElse(0L)).getBytes(StandardCharsets.UTF_8)).toString())
                    .put("gtin", d.batch().get().gtin().value()).put("lot", d.batch().get().lot().value())
                    .put("deviceId", d.id().value())
                    .put("periodStart", s.intervalStart.toString()).put("periodEnd", end.toString())
                    .put("scope", d.profile().scope()).put("stage", "PRODUCTION")
                    .put("activity", JsonObject.builder().put("factorId", d.factor().get())
                            .put("amount", Decimals.canonical(s.sum)).put("unit", d.profile().unit().symbol()).build())
                    .put("evidenceSha256", ReadingsDigest.ofContentHashes(s.hashes).toHex()).build();
            out.add(new Outgoing("carbonledger/" + msp + "/" + d.id().value() + "/records",
                    Jcs.canonicalize(EmissionRecord.sign(unsigned, d.key()).json()), Kind.RECORD, Optional.empty()));
        }
        s.intervalStart = start;
        s.hashes.clear();
        s.sum = BigDecimal.ZERO;
    }

    private Instant intervalStartOf(Instant t) {
        long length = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), length) * length);
    }

    private static DeviceId ghostOf(DeviceId id) {
        String base = id.value().length() > 58 ? id.value().substring(0, 58) : id.value();
        return new DeviceId(base + "-ghost");
    }
}
