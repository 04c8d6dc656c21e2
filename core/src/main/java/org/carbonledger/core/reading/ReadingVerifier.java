package org.carbonledger.core.reading;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.carbonledger.core.device.DeviceKeyValidity;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;

/**
 * Decides whether a received reading may be used, in named steps, each refusing with a {@link RefusalReason}:
 * <ol>
 *   <li>parse strictly ({@code MALFORMED}, naming the field);</li>
 *   <li>the device named by the topic is the one the reading names ({@code TOPIC_MISMATCH});</li>
 *   <li>the device is one of the receiver's ({@code UNKNOWN_DEVICE}) and its key was valid at the reading's
 *       timestamp ({@code DEVICE_REVOKED});</li>
 *   <li>the timestamp is no more than {@code maxAhead} after and {@code maxLate} before the receiver's clock
 *       ({@code CLOCK_SKEW});</li>
 *   <li>the signature verifies ({@code BAD_SIGNATURE});</li>
 *   <li>the sequence number is above the last one accepted from the device ({@code REPLAYED_SEQUENCE}).</li>
 * </ol>
 * The signature is checked before the sequence so that a forged message can never make a replay look accepted.
 *
 * <pre>{@code
 * ReadingVerifier verifier = ReadingVerifier.newInstance(devices, store::lastSequence, Clock.systemUTC(),
 *         Duration.ofMinutes(5), Duration.ofHours(24));
 * switch (verifier.verify(Optional.of(topicDevice), payload)) { ... }
 * }</pre>
 */
public final class ReadingVerifier {

    private final ReadingDevices devices;
    private final Function<DeviceId, OptionalLong> lastSequence;
    private final Clock clock;
    private final Duration maxAhead;
    private final Duration maxLate;

    private ReadingVerifier(ReadingDevices devices, Function<DeviceId, OptionalLong> lastSequence, Clock clock,
                            Duration maxAhead, Duration maxLate) {
        this.devices = devices;
        this.lastSequence = lastSequence;
        this.clock = clock;
        this.maxAhead = maxAhead;
        this.maxLate = maxLate;
    }

    /**
     * @param devices the receiver's devices
     * @param lastSequence the last sequence number accepted from a device, if any
     * @param clock the receiver's clock
     * @param maxAhead how far a device's clock may run ahead of the receiver's
     * @param maxLate how old a reading may be when it arrives (a gateway or the receiver may have been offline,
     *        with the reading queued in the broker meanwhile)
     * @return the verifier
     */
    public static ReadingVerifier newInstance(ReadingDevices devices, Function<DeviceId, OptionalLong> lastSequence,
                                              Clock clock, Duration maxAhead, Duration maxLate) {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(lastSequence, "lastSequence");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(maxAhead, "maxAhead");
        Objects.requireNonNull(maxLate, "maxLate");
        if (maxAhead.isNegative() || maxLate.isNegative()) {
            throw new IllegalArgumentException("maxAhead and maxLate must not be negative");
        }
        return new ReadingVerifier(devices, lastSequence, clock, maxAhead, maxLate);
    }

    /**
     * @param topicDevice the device the message's topic names, if the transport names one
     * @param payload the message body
     * @return accepted with the reading, or refused with the reason
     */
    public ReadingVerdict verify(Optional<DeviceId> topicDevice, byte[] payload) {
        ReadingVerdict verdict = verifyContent(topicDevice, payload);
        if (verdict instanceof ReadingVerdict.Accepted a) {
            return checkSequence(a.reading(), lastSequence.apply(a.reading().deviceId()));
        }
        return verdict;
    }

    /**
     * Every step but the last (the sequence number). These steps depend on the message alone, so a receiver may run
     * them for many messages at once, then {@link #checkSequence} for each in the order the messages arrived.
     *
     * @param topicDevice the device the message's topic names, if the transport names one
     * @param payload the message body
     * @return accepted with the reading (its sequence not checked yet), or refused with the reason
     */
    public ReadingVerdict verifyContent(Optional<DeviceId> topicDevice, byte[] payload) {
        Objects.requireNonNull(topicDevice, "topicDevice");
        Objects.requireNonNull(payload, "payload");
        MeterReading reading;
        try {
            reading = MeterReading.parse(payload);
        } catch (LedgerRuleException e) {
            return new ReadingVerdict.Refused(RefusalReason.MALFORMED, e.getMessage(), Optional.empty(),
                    Optional.empty());
        }
        if (topicDevice.isPresent() && !topicDevice.get().equals(reading.deviceId())) {
            return ReadingVerdict.Refused.of(RefusalReason.TOPIC_MISMATCH, "reading names device "
                    + reading.deviceId() + " but was published on the topic of device " + topicDevice.get(), reading);
        }
        Optional<ReadingDevices.DeviceKey> key = devices.find(reading.deviceId());
        if (key.isEmpty()) {
            return ReadingVerdict.Refused.of(RefusalReason.UNKNOWN_DEVICE,
                    "device " + reading.deviceId() + " is not registered for this organization", reading);
        }
        DeviceKeyValidity validity = DeviceKeyValidity.forRecordEndingAt(key.get().validFrom(),
                key.get().revokedFrom(), reading.timestamp());
        if (!validity.isValid()) {
            return ReadingVerdict.Refused.of(RefusalReason.DEVICE_REVOKED, "device " + reading.deviceId()
                    + " key is " + validity + " at " + reading.timestamp() + " (valid from "
                    + key.get().validFrom() + key.get().revokedFrom().map(r -> ", revoked from " + r).orElse("")
                    + ")", reading);
        }
        Instant now = clock.instant();
        if (reading.timestamp().isAfter(now.plus(maxAhead)) || reading.timestamp().isBefore(now.minus(maxLate))) {
            return ReadingVerdict.Refused.of(RefusalReason.CLOCK_SKEW, "timestamp " + reading.timestamp()
                    + " is outside [" + now.minus(maxLate) + ", " + now.plus(maxAhead) + "] (receiver's clock "
                    + now + ")", reading);
        }
        if (!reading.verifySignature(key.get().publicKey())) {
            return ReadingVerdict.Refused.of(RefusalReason.BAD_SIGNATURE, "signature does not verify against device"
                    + " key sha256:" + key.get().publicKey().fingerprint().toHex(), reading);
        }
        return new ReadingVerdict.Accepted(reading);
    }

    /**
     * The last step: the sequence number is above the last one accepted from the device.
     *
     * @param reading a reading that passed {@link #verifyContent}
     * @param last the last sequence number accepted from its device, if any
     * @return accepted, or refused as {@code REPLAYED_SEQUENCE}
     */
    public ReadingVerdict checkSequence(MeterReading reading, OptionalLong last) {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(last, "last");
        if (last.isPresent() && reading.sequence() <= last.getAsLong()) {
            return ReadingVerdict.Refused.of(RefusalReason.REPLAYED_SEQUENCE, "sequence " + reading.sequence()
                    + " is not above " + last.getAsLong() + ", the last accepted from " + reading.deviceId(), reading);
        }
        return new ReadingVerdict.Accepted(reading);
    }
}
