package org.carbonledger.core.ledger;

import java.util.Comparator;
import java.util.Objects;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Token;

/**
 * A device as the ledger keys it: device ids are unique only within their owner organization.
 *
 * @param ownerMspId the organization that registered the device
 * @param deviceId its id
 */
public record DeviceRef(String ownerMspId, DeviceId deviceId) implements Comparable<DeviceRef> {

    private static final Comparator<DeviceRef> ORDER =
            Comparator.comparing(DeviceRef::ownerMspId).thenComparing(DeviceRef::deviceId);

    /** Validates the MSP id syntax. */
    public DeviceRef {
        Token.require(Objects.requireNonNull(ownerMspId, "ownerMspId"), "ownerMspId", StateReader.MSP_ID_LENGTH);
        Objects.requireNonNull(deviceId, "deviceId");
    }

    @Override
    public int compareTo(DeviceRef other) {
        return ORDER.compare(this, other);
    }

    /** @return {@code <ownerMspId>/<deviceId>}, the readable form of the ledger key */
    @Override
    public String toString() {
        return ownerMspId + "/" + deviceId.value();
    }
}
