package org.carbonledger.service.device;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of devices as the OpenAPI document describes them (what the device transactions accept and store). */
public final class DeviceSchemas {
    private DeviceSchemas() {
    }

    @Schema(name = "RegisterDevice", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record RegisterDevice(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64,
                    example = "meter-12") String deviceId,
            @Schema(requiredMode = REQUIRED,
                    description = "The device's P-256 public key, SubjectPublicKeyInfo PEM") String publicKeyPem,
            @Nullable @Schema(pattern = ApiSchemas.INSTANT,
                    description = "Default: the transaction time") String validFrom,
            @Nullable @Schema(maxLength = 500) String description) {
    }

    @Schema(name = "RevokeDevice", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record RevokeDevice(@Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT,
            example = "2026-11-01T00:00:00Z",
            description = "Records whose period ends at or after this instant are refused") String revokedFrom) {
    }

    @Schema(name = "Device", description = "A device as the ledger stores it")
    public record Device(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String ownerMspId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String deviceId,
            String publicKeyPem,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64,
                    description = "SHA-256 of the key's DER encoding") String keyFingerprint,
            String description,
            @Schema(requiredMode = REQUIRED, format = "date-time") String validFrom,
            @Schema(requiredMode = REQUIRED, format = "date-time") String registeredAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId,
            @Nullable @Schema(format = "date-time") String revokedFrom,
            @Nullable @Schema(pattern = ApiSchemas.HEX64) String revokedTxId) {
    }

    @Schema(name = "DeviceReceipt", description = "The transaction that carried the write and the device as stored")
    public record DeviceReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                         boolean replayed, Device result) {
    }

    @Schema(name = "DevicePage")
    public record DevicePage(List<Device> items, @Nullable String nextCursor) {
    }
}
