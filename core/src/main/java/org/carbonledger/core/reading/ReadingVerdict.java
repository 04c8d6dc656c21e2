package org.carbonledger.core.reading;

import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.identifier.DeviceId;

/** What {@link ReadingVerifier} decided about one message. */
public sealed interface ReadingVerdict {

    /**
     * The reading verified and may be used.
     *
     * @param reading the reading
     */
    record Accepted(MeterReading reading) implements ReadingVerdict {

        /** Checks for null. */
        public Accepted {
            Objects.requireNonNull(reading, "reading");
        }
    }

    /**
     * The reading must not be used.
     *
     * @param reason why, for counting
     * @param detail a sentence a person can act on (names the field or says calculated vs provided)
     * @param deviceId the device, when it could be read
     * @param sequence the sequence number, when it could be read
     */
    record Refused(RefusalReason reason, String detail, Optional<DeviceId> deviceId, Optional<Long> sequence)
            implements ReadingVerdict {

        /** Checks for nulls. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(sequence, "sequence");
        }

        static Refused of(RefusalReason reason, String detail, MeterReading reading) {
            return new Refused(reason, detail, Optional.of(reading.deviceId()), Optional.of(reading.sequence()));
        }
    }
}
