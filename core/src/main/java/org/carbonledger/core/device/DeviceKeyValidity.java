package org.carbonledger.core.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.ledger.StoredDevice;

/**
 * Whether a device key may sign a record, judged by the end of the record's period: the key must be valid from
 * {@code validFrom} (inclusive) and, once revoked, no longer from {@code revokedFrom} (inclusive), so
 * {@code validFrom ≤ periodEnd < revokedFrom}. The chaincode refuses a record on this rule when it is submitted and
 * when its batch is sealed, and the verifier reports it; both ask here.
 */
public enum DeviceKeyValidity {
    /** The key was valid at the record's period end. */
    VALID,
    /** The record's period ends before the key became valid. */
    NOT_YET_VALID,
    /** The key was revoked at or before the record's period end. */
    REVOKED;

    /**
     * @param validFrom first instant a record's period may end at
     * @param revokedFrom first instant it may no longer end at, once the device is revoked
     * @param periodEnd the end of the record's period
     * @return the key's validity for that record
     */
    public static DeviceKeyValidity forRecordEndingAt(Instant validFrom, Optional<Instant> revokedFrom,
                                                      Instant periodEnd) {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(revokedFrom, "revokedFrom");
        Objects.requireNonNull(periodEnd, "periodEnd");
        if (periodEnd.isBefore(validFrom)) {
            return NOT_YET_VALID;
        }
        if (revokedFrom.isPresent() && !periodEnd.isBefore(revokedFrom.get())) {
            return REVOKED;
        }
        return VALID;
    }

    /**
     * @param device the device as stored
     * @param periodEnd the end of the record's period
     * @return the device key's validity for that record
     */
    public static DeviceKeyValidity forRecordEndingAt(StoredDevice device, Instant periodEnd) {
        Objects.requireNonNull(device, "device");
        return forRecordEndingAt(device.validFrom(), device.revokedFrom(), periodEnd);
    }

    /** @return whether the key may sign the record */
    public boolean isValid() {
        return this == VALID;
    }
}
