package org.carbonledger.core.reading;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.DeviceId;

/** The devices whose readings a receiver accepts: its own organization's devices as registered on the ledger. */
@FunctionalInterface
public interface ReadingDevices {

    /**
     * A device's registered key and its validity.
     *
     * @param publicKey the key
     * @param validFrom first instant the key may sign at
     * @param revokedFrom first instant it may no longer sign at, once revoked
     */
    record DeviceKey(DevicePublicKey publicKey, Instant validFrom, Optional<Instant> revokedFrom) {

        /** Checks for nulls. */
        public DeviceKey {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(validFrom, "validFrom");
            Objects.requireNonNull(revokedFrom, "revokedFrom");
        }
    }

    /**
     * @param deviceId a device id
     * @return its key, or empty if the receiving organization has no such device
     */
    Optional<DeviceKey> find(DeviceId deviceId);
}
