package org.carbonledger.service.plant.interval;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.plant.PlantMqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one interval record from a plant: checked ({@link IntervalCheck}), then queued in the outbox as
 * ready or waiting, or refused, counted and kept. When {@link #accept} returns, the outcome is committed and the
 * message may be acknowledged; when it throws, nothing may be acknowledged (the broker delivers it again).
 */
@Singleton
public class IntervalIngestion {

    /** The result of one message. */
    public enum Outcome {
        /** Matches its readings: queued for submission. */
        QUEUED,
        /** Readings of its interval may still be arriving: queued to be checked again. */
        WAITING,
        /** The same record was queued before (a redelivery): not queued again. */
        ALREADY_QUEUED,
        /** Refused: counted per reason and kept for display. */
        REFUSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(IntervalIngestion.class);
    private static final String TOPIC_ROOT = "carbonledger";
    private static final String SUFFIX = "records";

    private final IntervalCheck check;
    private final IntervalOutbox outbox;
    private final IntervalMetrics metrics;
    private final Clock clock;
    private final String organization;
    private final int keptRefusals;

    @Inject
    IntervalIngestion(IntervalCheck check, IntervalOutbox outbox, IntervalMetrics metrics, ServiceProperties service,
                      PlantMqttProperties mqtt) {
        this(check, outbox, metrics, service.organization(), mqtt.keptRefusals(), Clock.systemUTC());
    }

    IntervalIngestion(IntervalCheck check, IntervalOutbox outbox, IntervalMetrics metrics, String organization,
                      int keptRefusals, Clock clock) {
        this.check = check;
        this.outbox = outbox;
        this.metrics = metrics;
        this.organization = organization;
        this.keptRefusals = keptRefusals;
        this.clock = clock;
    }

    /** @return the topic filter of this organization's interval records: {@code carbonledger/<MSP id>/+/records} */
    public String topicFilter() {
        return TOPIC_ROOT + "/" + organization + "/+/" + SUFFIX;
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
            return refuse(new IntervalCheck.Verdict.Refuse(IntervalRefusalReason.INTERVAL_TOPIC_MISMATCH, "topic "
                    + topic + " is not " + topicFilter() + " with a valid device id", Optional.empty()), topic, payload);
        }
        IntervalCheck.Verdict received = check.received(topicDevice.get(), payload);
        if (received instanceof IntervalCheck.Verdict.Refuse refused) {
            return refuse(refused, topic, payload);
        }
        EmissionRecord record = ((IntervalCheck.Verdict.Accept) received).record();
        // A redelivery (the service stopped before acknowledging) is settled by the row it left, whatever the
        // readings say by now.
        if (outbox.find(record.recordId().value()).filter(r -> r.record().equals(record)).isPresent()) {
            return Outcome.ALREADY_QUEUED;
        }
        IntervalCheck.Verdict verdict = check.againstReadings(record);
        if (verdict instanceof IntervalCheck.Verdict.Refuse refused) {
            return refuse(refused, topic, payload);
        }
        boolean waits = verdict instanceof IntervalCheck.Verdict.Wait;
        IntervalOutbox.Insert inserted = outbox.insert(record, topic,
                waits ? IntervalOutbox.Status.WAITING : IntervalOutbox.Status.READY, clock.instant());
        switch (inserted) {
            case SAME:
                return Outcome.ALREADY_QUEUED;
            case CONFLICT:
                return refuse(new IntervalCheck.Verdict.Refuse(IntervalRefusalReason.INTERVAL_DUPLICATE_ID,
                        "recordId " + record.recordId().value() + " is already queued with other content",
                        Optional.of(record.deviceId())), topic, payload);
            default:
                break;
        }
        if (waits) {
            metrics.waiting();
            LOG.info("interval record {} of {} waits: {}", record.recordId().value(), record.deviceId(),
                    ((IntervalCheck.Verdict.Wait) verdict).why());
            return Outcome.WAITING;
        }
        return Outcome.QUEUED;
    }

    private Outcome refuse(IntervalCheck.Verdict.Refuse r, String topic, byte[] payload) {
        outbox.refuse(r.reason(), topic, r.deviceId(), r.detail(), Sha256.of(payload).toHex(), Optional.empty(),
                clock.instant(), keptRefusals);
        metrics.refused(r.reason());
        LOG.info("interval record refused: {} on {}: {}", r.reason(), topic, r.detail());
        return Outcome.REFUSED;
    }

    private Optional<DeviceId> deviceOf(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 4 || !parts[0].equals(TOPIC_ROOT) || !parts[1].equals(organization)
                || !parts[3].equals(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeviceId.parse(parts[2], "topic"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
