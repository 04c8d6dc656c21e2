package org.carbonledger.service.plant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.reading.MeterReading;
import org.carbonledger.core.reading.ReadingVerdict;
import org.carbonledger.core.reading.ReadingVerifier;
import org.carbonledger.core.reading.RefusalReason;
import org.carbonledger.service.config.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one message from a plant: verified, then stored once, or refused, counted and kept. When
 * {@link #accept} returns, the outcome is committed and the message may be acknowledged; when it throws, nothing may
 * be acknowledged (the broker delivers it again).
 *
 * <p>Messages must be handed in one at a time (the MQTT client's callback thread does): the replay check reads the
 * last stored sequence number and the insert follows it.
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

    private static final Logger LOG = LoggerFactory.getLogger(ReadingIngestion.class);
    private static final String TOPIC_ROOT = "carbonledger";

    private final ReadingStore store;
    private final ReadingVerifier verifier;
    private final Clock clock;
    private final String organization;
    private final int keptRefusals;
    private final Counter stored;
    private final Counter redelivered;
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
        this.clock = clock;
        this.organization = organization;
        this.keptRefusals = properties.keptRefusals();
        this.verifier = ReadingVerifier.newInstance(devices, store::lastSequence, clock, properties.maxAhead(),
                properties.maxLate());
        this.stored = Counter.builder("carbonledger.plant.readings.stored")
                .description("Verified meter readings stored").register(meters);
        this.redelivered = Counter.builder("carbonledger.plant.readings.redelivered")
                .description("Readings delivered again after they were stored (not counted twice)").register(meters);
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
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Optional<DeviceId> topicDevice = deviceOf(topic);
        if (topicDevice.isEmpty()) {
            return refuse(new ReadingVerdict.Refused(RefusalReason.TOPIC_MISMATCH, "topic " + topic
                    + " is not " + topicFilter() + " with a valid device id", Optional.empty(), Optional.empty()),
                    topic, payload);
        }
        ReadingVerdict verdict = verifier.verify(topicDevice, payload);
        if (verdict instanceof ReadingVerdict.Refused r) {
            if (r.deviceId().isPresent() && isStoredAlready(payload)) {
                redelivered.increment();
                return Outcome.ALREADY_STORED;
            }
            return refuse(r, topic, payload);
        }
        MeterReading reading = ((ReadingVerdict.Accepted) verdict).reading();
        Instant receivedAt = clock.instant();
        if (store.insert(reading, receivedAt)) {
            stored.increment();
            told(reading, receivedAt);
            return Outcome.STORED;
        }
        redelivered.increment();
        return Outcome.ALREADY_STORED;
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
    // by then it may also be older than maxLate.
    private boolean isStoredAlready(byte[] payload) {
        MeterReading reading = MeterReading.parse(payload);
        return store.contentHash(reading.deviceId(), reading.sequence())
                .filter(reading.contentHash().toHex()::equals).isPresent();
    }

    private Outcome refuse(ReadingVerdict.Refused r, String topic, byte[] payload) {
        store.insertRefusal(r, topic, Sha256.of(payload).toHex(), clock.instant(), keptRefusals);
        refused.get(r.reason()).increment();
        LOG.info("plant reading refused: {} on {}: {}", r.reason(), topic, r.detail());
        return Outcome.REFUSED;
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
}
