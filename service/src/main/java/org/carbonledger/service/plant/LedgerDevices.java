package org.carbonledger.service.plant;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.reading.ReadingDevices;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.sync.ReadModelStore;

/**
 * This organization's devices as the ledger knows them (through the read model), so a reading is checked against
 * the same key and revocation a record of the device would be. Another organization's device is unknown here.
 */
@Singleton
public class LedgerDevices implements ReadingDevices {

    private final ReadModelStore store;
    private final String organization;
    // Decoding a key is costly and BouncyCastle caches tables on the decoded point: keep one instance per PEM.
    private final Map<String, DevicePublicKey> keys = new ConcurrentHashMap<>();

    LedgerDevices(ReadModelStore store, ServiceProperties service) {
        this.store = store;
        this.organization = service.organization();
    }

    @Override
    public Optional<DeviceKey> find(DeviceId deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        return store.findById(StateKeys.key(StateKeys.DEVICE, organization, deviceId.value()))
                .map(row -> StoredDevice.fromJson(Json.parseObject(row.valueJson(), "device"), "device"))
                .filter(device -> device.ownerMspId().equals(organization))
                .map(device -> new DeviceKey(
                        keys.computeIfAbsent(device.publicKeyPem(), pem -> DevicePublicKey.parse(pem, "publicKeyPem")),
                        device.validFrom(), device.revokedFrom()));
    }
}
