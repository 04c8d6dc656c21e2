package org.carbonledger.core.ledger.request;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The argument of {@code Devices:RegisterDevice}: {@code {"deviceId": "meter-12", "publicKeyPem": "-----BEGIN PUBLIC
 * KEY-----...", "validFrom": ISO instant (optional, default the transaction time), "description": "..." (optional)}}.
 *
 * @param deviceId the device's id within its organization
 * @param publicKey its P-256 public key
 * @param validFrom the first instant a record's period may end at; empty for the transaction time
 * @param description free text, "" when none
 */
public record DeviceRequest(DeviceId deviceId, DevicePublicKey publicKey, Optional<Instant> validFrom,
                            String description) {

    public static final List<String> MEMBERS = List.of("deviceId", "publicKeyPem", "validFrom", "description");

    /** Null-checks every part. */
    public DeviceRequest {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(description, "description");
    }

    /**
     * @param json the argument
     * @param path its JSON path ("" for a whole argument), prefixed to every error's field
     * @return the request, checked as the chaincode checks it
     */
    public static DeviceRequest fromJson(JsonObject json, String path) {
        JsonObjectReader in = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        in.rejectUnknownMembers(MEMBERS);
        DeviceId deviceId = DeviceId.parse(in.requireString("deviceId"), in.path("deviceId"));
        DevicePublicKey key = DevicePublicKey.parse(in.requireString("publicKeyPem"), in.path("publicKeyPem"));
        Optional<Instant> validFrom = in.optionalString("validFrom").map(v -> Inputs.instant(v, in.path("validFrom")));
        String description = Inputs.text(in.optionalString("description").orElse(""), in.path("description"), 500);
        return new DeviceRequest(deviceId, key, validFrom, description);
    }

    /** @return the argument as the chaincode reads it */
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder().put("deviceId", deviceId.value())
                .put("publicKeyPem", publicKey.toPem());
        validFrom.ifPresent(t -> b.put("validFrom", t.toString()));
        return b.put("description", description).build();
    }
}
