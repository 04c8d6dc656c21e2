package org.carbonledger.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A device state exactly as the chaincode stores it under {@code DEVICE/<ownerMspId>/<deviceId>}:
 * <pre>{@code
 * {"ownerMspId","deviceId","publicKeyPem","keyFingerprint","description","validFrom","registeredAt","txId",
 *  once revoked: "revokedFrom","revokedTxId"}
 * }</pre>
 * The PEM is kept as text: the verifier parses it once and checks it against the stored fingerprint.
 *
 * @param json the state, verbatim
 * @param ownerMspId the organization that registered it
 * @param deviceId its id within that organization
 * @param publicKeyPem the P-256 public key (canonical PEM as the chaincode writes it)
 * @param keyFingerprint SHA-256 of the key's canonical DER, as stored
 * @param description free text
 * @param validFrom first instant a record's period may end at
 * @param registeredAt when it was registered
 * @param txId the registering transaction
 * @param revokedFrom first instant a record's period may no longer end at, once revoked
 * @param revokedTxId the (latest) revoking transaction
 */
public record StoredDevice(JsonObject json, String ownerMspId, DeviceId deviceId, String publicKeyPem,
                           Hash keyFingerprint, String description, Instant validFrom, Instant registeredAt,
                           String txId, Optional<Instant> revokedFrom, Optional<String> revokedTxId) implements LedgerState {

    public static final List<String> MEMBERS = List.of("ownerMspId", "deviceId", "publicKeyPem", "keyFingerprint",
            "description", "validFrom", "registeredAt", "txId", "revokedFrom", "revokedTxId");

    /** Null-checks every part. */
    public StoredDevice {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(ownerMspId, "ownerMspId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(revokedFrom, "revokedFrom");
        Objects.requireNonNull(revokedTxId, "revokedTxId");
    }

    /**
     * @param state the stored JSON
     * @param path its JSON path in the bundle, for error messages
     * @return the device state
     */
    public static StoredDevice fromJson(JsonObject state, String path) {
        JsonObjectReader r = StateReader.reader(Objects.requireNonNull(state, "state"), path);
        r.rejectUnknownMembers(MEMBERS);
        return new StoredDevice(state,
                StateReader.mspId(r, "ownerMspId"),
                DeviceId.parse(r.requireString("deviceId"), r.path("deviceId")),
                r.requireString("publicKeyPem"),
                StateReader.hash(r, "keyFingerprint"),
                StateReader.text(r, "description", 500),
                StateReader.instant(r, "validFrom"),
                StateReader.instant(r, "registeredAt"),
                StateReader.txId(r, "txId"),
                StateReader.optionalInstant(r, "revokedFrom"),
                StateReader.optionalTxId(r, "revokedTxId"));
    }

    /** @return the ledger key of the device */
    public DeviceRef ref() {
        return new DeviceRef(ownerMspId, deviceId);
    }

    /** A device as the chaincode writes it, {@code json} being {@link #toJson()}. */
    public static StoredDevice of(String ownerMspId, DeviceId deviceId, String publicKeyPem, Hash keyFingerprint,
                                  String description, Instant validFrom, Instant registeredAt, String txId,
                                  Optional<Instant> revokedFrom, Optional<String> revokedTxId) {
        StoredDevice draft = new StoredDevice(JsonObject.empty(), ownerMspId, deviceId, publicKeyPem, keyFingerprint,
                description, validFrom, registeredAt, txId, revokedFrom, revokedTxId);
        return new StoredDevice(draft.toJson(), ownerMspId, deviceId, publicKeyPem, keyFingerprint, description,
                validFrom, registeredAt, txId, revokedFrom, revokedTxId);
    }

    /** @return this device, revoked from {@code from} on by transaction {@code byTxId} */
    public StoredDevice revoked(Instant from, String byTxId) {
        return of(ownerMspId, deviceId, publicKeyPem, keyFingerprint, description, validFrom, registeredAt, txId,
                Optional.of(from), Optional.of(byTxId));
    }

    @Override
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("ownerMspId", ownerMspId)
                .put("deviceId", deviceId.value())
                .put("publicKeyPem", publicKeyPem)
                .put("keyFingerprint", keyFingerprint.toHex())
                .put("description", description)
                .put("validFrom", validFrom.toString())
                .put("registeredAt", registeredAt.toString())
                .put("txId", txId);
        revokedFrom.ifPresent(t -> b.put("revokedFrom", t.toString()));
        revokedTxId.ifPresent(t -> b.put("revokedTxId", t));
        return b.build();
    }
}
