package org.carbonledger.service.plant.interval;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.accounting.Activity;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.device.DeviceKeyValidity;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.reading.ReadingDevices;
import org.carbonledger.core.reading.ReadingsDigest;
import org.carbonledger.service.plant.LedgerDevices;

/**
 * Checks an interval record in named steps before it may be submitted:
 * <ol>
 *   <li>{@link #received}: a record in the ledger's format, activity form, with {@code evidenceSha256}, whose
 *       period ends within the ledger's allowance ({@code INTERVAL_MALFORMED}); published on its own device's topic ({@code INTERVAL_TOPIC_MISMATCH}); by a
 *       device of this organization ({@code INTERVAL_UNKNOWN_DEVICE}) whose key was valid at the period's end
 *       ({@code INTERVAL_DEVICE_REVOKED}) and signed it ({@code INTERVAL_BAD_SIGNATURE});</li>
 *   <li>{@link #againstReadings}: its evidence is the readings digest of the stored readings of its period
 *       ({@code INTERVAL_DIGEST_MISMATCH}) and its amount their sum in its unit ({@code INTERVAL_AMOUNT_MISMATCH}).
 *       While readings of the period may still be arriving (the period is not over, or the device's newest stored
 *       reading is older than the period's end and the grace after the end has not passed) a mismatch waits.</li>
 * </ol>
 */
@Singleton
final class IntervalCheck {

    /** What the check decided. */
    sealed interface Verdict {
        /** It matches: submit it. */
        record Accept(EmissionRecord record) implements Verdict {
        }

        /** Not yet decidable: check again later. */
        record Wait(EmissionRecord record, String why) implements Verdict {
        }

        /** Refused, with a sentence saying calculated vs provided. */
        record Refuse(IntervalRefusalReason reason, String detail, Optional<DeviceId> deviceId) implements Verdict {
            public Refuse {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(detail, "detail");
                Objects.requireNonNull(deviceId, "deviceId");
            }
        }
    }

    private final ReadingDevices devices;
    private final IntervalOutbox outbox;
    private final Clock clock;
    private final Duration grace;

    @Inject
    IntervalCheck(LedgerDevices devices, IntervalOutbox outbox, IntervalProperties properties) {
        this(devices, outbox, Clock.systemUTC(), properties.grace());
    }

    IntervalCheck(ReadingDevices devices, IntervalOutbox outbox, Clock clock, Duration grace) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /**
     * The checks that do not depend on readings.
     *
     * @param topicDevice the device the topic names
     * @return the record when it passes (as {@link Verdict.Accept}), or the refusal
     */
    Verdict received(DeviceId topicDevice, byte[] payload) {
        EmissionRecord record;
        try {
            record = EmissionRecord.parse(payload);
        } catch (LedgerRuleException e) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_MALFORMED, e.getMessage(), Optional.empty());
        }
        Optional<DeviceId> device = Optional.of(record.deviceId());
        if (record.activity().isEmpty()) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_MALFORMED, "record " + record.recordId().value()
                    + " gives gases; an interval record gives activity {factorId, amount, unit}", device);
        }
        if (record.evidenceSha256().isEmpty()) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_MALFORMED, "record " + record.recordId().value()
                    + " has no evidenceSha256; an interval record names its readings by their digest", device);
        }
        try {
            // A period that ends beyond the ledger's allowance would wait here for ever and be refused there.
            record.requireEndedBy(clock.instant());
        } catch (LedgerRuleException e) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_MALFORMED, e.getMessage(), device);
        }
        if (!topicDevice.equals(record.deviceId())) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_TOPIC_MISMATCH, "record names device "
                    + record.deviceId() + " but was published on the topic of device " + topicDevice, device);
        }
        Optional<ReadingDevices.DeviceKey> key = devices.find(record.deviceId());
        if (key.isEmpty()) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_UNKNOWN_DEVICE,
                    "device " + record.deviceId() + " is not registered for this organization", device);
        }
        DeviceKeyValidity validity = DeviceKeyValidity.forRecordEndingAt(key.get().validFrom(),
                key.get().revokedFrom(), record.periodEnd());
        if (!validity.isValid()) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_DEVICE_REVOKED, "device " + record.deviceId()
                    + " key is " + validity + " at the period end " + record.periodEnd(), device);
        }
        if (!record.verifySignature(key.get().publicKey())) {
            return new Verdict.Refuse(IntervalRefusalReason.INTERVAL_BAD_SIGNATURE, "signature does not verify "
                    + "against device key sha256:" + key.get().publicKey().fingerprint().toHex(), device);
        }
        return new Verdict.Accept(record);
    }

    /** The record against the readings stored so far. */
    Verdict againstReadings(EmissionRecord record) {
        Instant now = clock.instant();
        if (now.isBefore(record.periodEnd())) {
            return new Verdict.Wait(record, "its period ends at " + record.periodEnd());
        }
        List<ReadingsDigest.Covered> covered = outbox.readings(record.deviceId(), record.periodStart(),
                record.periodEnd());
        Optional<Verdict.Refuse> mismatch = mismatch(record, covered);
        if (mismatch.isEmpty()) {
            return new Verdict.Accept(record);
        }
        Optional<Instant> newest = outbox.newestReading(record.deviceId());
        boolean mayStillArrive = newest.isEmpty() || newest.get().isBefore(record.periodEnd());
        if (mayStillArrive && now.isBefore(record.periodEnd().plus(grace))) {
            return new Verdict.Wait(record, mismatch.get().detail());
        }
        return mismatch.get();
    }

    private static Optional<Verdict.Refuse> mismatch(EmissionRecord record, List<ReadingsDigest.Covered> covered) {
        Optional<DeviceId> device = Optional.of(record.deviceId());
        String readings = covered.size() + " stored readings of " + record.deviceId() + " in ["
                + record.periodStart() + ", " + record.periodEnd() + ")";
        Hash digest = ReadingsDigest.of(covered);
        Hash provided = record.evidenceSha256().orElseThrow();
        if (!digest.equals(provided)) {
            return Optional.of(new Verdict.Refuse(IntervalRefusalReason.INTERVAL_DIGEST_MISMATCH,
                    "evidenceSha256: calculated " + digest.toHex() + " over the " + readings + " vs provided "
                            + provided.toHex(), device));
        }
        Activity activity = record.activity().orElseThrow();
        Quantity total;
        try {
            total = ReadingsDigest.total(covered, activity.quantity().unit());
        } catch (LedgerRuleException e) {
            return Optional.of(new Verdict.Refuse(IntervalRefusalReason.INTERVAL_AMOUNT_MISMATCH,
                    "activity.unit: the " + readings + " cannot be summed in " + activity.quantity().unit().symbol()
                            + ": " + e.getMessage(), device));
        }
        if (total.value().compareTo(activity.quantity().value()) != 0) {
            return Optional.of(new Verdict.Refuse(IntervalRefusalReason.INTERVAL_AMOUNT_MISMATCH,
                    "activity.amount: calculated " + Decimals.canonical(total.value()) + " "
                            + total.unit().symbol() + " from the " + readings + " vs provided "
                            + Decimals.canonical(activity.quantity().value()) + " "
                            + activity.quantity().unit().symbol(), device));
        }
        return Optional.empty();
    }
}
