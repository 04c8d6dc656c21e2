package org.carbonledger.service.plant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingDevices;
import org.carbonledger.core.reading.ReadingVerdict;
import org.carbonledger.core.reading.ReadingVerifier;
import org.carbonledger.core.reading.RefusalReason;
import org.carbonledger.service.config.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to messages from a plant: verified, then stored once, or refused, counted and kept. When
 * {@link #acceptAll} returns, the outcome of every message it was given is committed (in one transaction) and the
 * messages may be acknowledged; when it throws, nothing was committed and nothing may be acknowledged (the caller
 * tries the same messages again, or the broker delivers them again).
 *
 * <p>The steps that depend on a message alone (parsing, device, clock, signature) run on a small pool, several
 * messages at once; the sequence-number step then runs in the order the messages arrived, so per device the first
 * of two readings is the one stored and a later one cannot make an earlier one look like a replay. Calls must come
 * one at a time (the subscriber's single worker does): the sequence step reads the last stored numbers and the
 * insert follows them.
 */
@Singleton
public class ReadingIngestion {

    /** The result of one message. */
    public enum Outcome {
        /** Verified and stored now. */
        STORED,
        /** The very reading was stored before (a redelivery after a restart): not stored or counted again. */
        ALREADY_STORED,
        /** Refused: counted per reason and kept for display. */
        REFUSED
    }

    /**
     * One message as it came from the broker.
     *
     * @param topic the MQTT topic
     * @param payload the body
     */
    public record Message(String topic, byte[] payload) {

        /** Checks for nulls. */
        public Message {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReadingIngestion.class);
    private static final String TOPIC_ROOT = "carbonledger";

    private final ReadingStore store;
    private final LedgerDevices devices;
    private final Clock clock;
    private final String organization;
    private final PlantMqttProperties properties;
    private final int threads;
    private final ExecutorService verifiers;
    private final Counter stored;
    private final Counter redelivered;
    private final Timer delay;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);
    private final List<StoredReadingListener> listeners;

    @Inject
    ReadingIngestion(ReadingStore store, LedgerDevices devices, ServiceProperties service,
                     PlantMqttProperties properties, MeterRegistry meters, List<StoredReadingListener> listeners) {
        this(store, devices, service.organization(), properties, meters, Clock.systemUTC(), listeners);
    }

    ReadingIngestion(ReadingStore store, LedgerDevices devices, String organization, PlantMqttProperties properties,
                     MeterRegistry meters, Clock clock) {
        this(store, devices, organization, properties, meters, clock, List.of());
    }

    ReadingIngestion(ReadingStore store, LedgerDevices devices, String organization, PlantMqttProperties properties,
                     MeterRegistry meters, Clock clock, List<StoredReadingListener> listeners) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
        this.devices = devices;
        this.clock = clock;
        this.organization = organization;
        this.properties = properties;
        this.threads = properties.verifyThreads() > 0 ? properties.verifyThreads()
                : Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.verifiers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plant-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.stored = Counter.builder("carbonledger.plant.readings.stored")
                .description("Verified meter readings stored").register(meters);
        this.redelivered = Counter.builder("carbonledger.plant.readings.redelivered")
                .description("Readings delivered again after they were stored (not counted twice)").register(meters);
        this.delay = Timer.builder("carbonledger.plant.readings.delay")
                .description("From a stored reading's timestamp (the device's clock) to its commit")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram().register(meters);
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, Counter.builder("carbonledger.plant.readings.refused").tag("reason", reason.name())
                    .description("Meter readings refused, by reason").register(meters));
        }
    }

    /** @return the topic filter of this organization's readings: {@code carbonledger/<MSP id>/+/readings} */
    public String topicFilter() {
        return TOPIC_ROOT + "/" + organization + "/+/readings";
    }

    /**
     * @param topic the MQTT topic the message came on
     * @param payload the message body
     * @return what became of it, committed
     */
    public Outcome accept(String topic, byte[] payload) {
        return acceptAll(List.of(new Message(topic, payload))).get(0);
    }

    /**
     * @param messages messages in the order they arrived
     * @return what became of each, in the same order, all committed together
     */
    public List<Outcome> acceptAll(List<Message> messages) {
        Objects.requireNonNull(messages, "messages");
        List<ReadingVerdict> verdicts = verifyContent(messages);
        Map<DeviceId, Long> last = new HashMap<>(store.lastSequences(acceptedDevices(verdicts)));
        // Verified readings of this batch by device and sequence: a second copy inside the batch is a redelivery.
        Map<DeviceId, Map<Long, MeterReading>> batch = new HashMap<>();
        List<MeterReading> toStore = new ArrayList<>();
        List<ReadingStore.Refusal> refusals = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        ReadingVerifier sequenceStep = verifier(id -> Optional.empty());
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            ReadingVerdict verdict = verdicts.get(i);
            if (verdict instanceof ReadingVerdict.Accepted a) {
                Long previous = last.get(a.reading().deviceId());
                verdict = sequenceStep.checkSequence(a.reading(),
                        previous == null ? OptionalLong.empty() : OptionalLong.of(previous));
            }
            if (verdict instanceof ReadingVerdict.Accepted a) {
                MeterReading reading = a.reading();
                toStore.add(reading);
                last.put(reading.deviceId(), reading.sequence());
                batch.computeIfAbsent(reading.deviceId(), d -> new HashMap<>()).put(reading.sequence(), reading);
                outcomes.add(Outcome.STORED);
                continue;
            }
            ReadingVerdict.Refused r = (ReadingVerdict.Refused) verdict;
            if (r.deviceId().isPresent() && isStoredAlready(m.payload(), batch)) {
                outcomes.add(Outcome.ALREADY_STORED);
                continue;
            }
            refusals.add(new ReadingStore.Refusal(r, m.topic(), Sha256.of(m.payload()).toHex()));
            outcomes.add(Outcome.REFUSED);
        }
        int inserted = toStore.isEmpty() && refusals.isEmpty() ? 0
                : store.commit(toStore, refusals, clock.instant(), properties.keptRefusals());
        Instant committed = clock.instant();
        for (MeterReading reading : toStore) {
            Duration d = Duration.between(reading.timestamp(), committed);
            if (!d.isNegative()) {
                delay.record(d);
            }
            // Readings that passed the sequence check are newer than any stored one, so each was inserted now.
            told(reading, committed);
        }
        // Counted only once committed: a batch that fails is tried again and must not count twice.
        stored.increment(inserted);
        redelivered.increment((double) outcomes.stream().filter(o -> o == Outcome.ALREADY_STORED).count()
                + toStore.size() - inserted);
        for (ReadingStore.Refusal refusal : refusals) {
            refused.get(refusal.refused().reason()).increment();
            LOG.info("plant reading refused: {} on {}: {}", refusal.refused().reason(), refusal.topic(),
                    refusal.refused().detail());
        }
        return outcomes;
    }

    private List<ReadingVerdict> verifyContent(List<Message> messages) {
        // Each device is looked up once per batch: a revocation the read model has is honoured from the next batch on.
        Map<DeviceId, Optional<ReadingDevices.DeviceKey>> keys = new ConcurrentHashMap<>();
        ReadingVerifier verifier = verifier(id -> keys.computeIfAbsent(id, devices::find));
        if (messages.size() < 4 || threads == 1) {
            return messages.stream().map(m -> verifyOne(verifier, m)).toList();
        }
        int slice = (messages.size() + threads - 1) / threads;
        List<Future<List<ReadingVerdict>>> parts = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += slice) {
            List<Message> part = messages.subList(from, Math.min(messages.size(), from + slice));
            parts.add(verifiers.submit(() -> part.stream().map(m -> verifyOne(verifier, m)).toList()));
        }
        List<ReadingVerdict> out = new ArrayList<>(messages.size());
        try {
            for (Future<List<ReadingVerdict>> part : parts) {
                out.addAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying readings", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verifying readings failed", e.getCause());
        }
        return out;
    }

    private ReadingVerdict verifyOne(ReadingVerifier verifier, Message m) {
        Optional<DeviceId> topicDevice = deviceOf(m.topic());
        if (topicDevice.isEmpty()) {
            return new ReadingVerdict.Refused(RefusalReason.TOPIC_MISMATCH, "topic " + m.topic()
                    + " is not " + topicFilter() + " with a valid device id", Optional.empty(), Optional.empty());
        }
        return verifier.verifyContent(topicDevice, m.payload());
    }

    private ReadingVerifier verifier(ReadingDevices keys) {
        // The sequence step gets its last numbers from acceptAll, not from the verifier's own lookup.
        return ReadingVerifier.newInstance(keys, id -> OptionalLong.empty(), clock, properties.maxAhead(),
                properties.maxLate());
    }

    private static Set<DeviceId> acceptedDevices(List<ReadingVerdict> verdicts) {
        Set<DeviceId> out = new LinkedHashSet<>();
        for (ReadingVerdict v : verdicts) {
            if (v instanceof ReadingVerdict.Accepted a) {
                out.add(a.reading().deviceId());
            }
        }
        return out;
    }

    // The reading is committed: a listener's failure must not hold back the acknowledgement (the broker would
    // deliver it again, and a stored reading is not told twice), so it is logged here, with the listener named.
    private void told(MeterReading reading, Instant receivedAt) {
        for (StoredReadingListener listener : listeners) {
            try {
                listener.readingStored(reading, receivedAt);
            } catch (RuntimeException e) {
                LOG.error("{} failed on stored reading {} #{}", listener.getClass().getSimpleName(),
                        reading.deviceId(), reading.sequence(), e);
            }
        }
    }

    // The same reading as a stored one (equal content hash, so it verified when stored) is a redelivery, not a replay
    // attack: the broker delivers a message again when the service stored it but stopped before acknowledging, and
    // by then it may also be older than maxLate. "Stored" includes earlier in this very batch.
    private boolean isStoredAlready(byte[] payload, Map<DeviceId, Map<Long, MeterReading>> batch) {
        MeterReading reading = MeterReading.parse(payload);
        MeterReading inBatch = batch.getOrDefault(reading.deviceId(), Map.of()).get(reading.sequence());
        if (inBatch != null) {
            return inBatch.contentHash().equals(reading.contentHash());
        }
        return store.contentHash(reading.deviceId(), reading.sequence())
                .filter(reading.contentHash().toHex()::equals).isPresent();
    }

    private Optional<DeviceId> deviceOf(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 4 || !parts[0].equals(TOPIC_ROOT) || !parts[1].equals(organization)
                || !parts[3].equals("readings")) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeviceId.parse(parts[2], "topic"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void close() {
        verifiers.shutdownNow();
    }
}
