package org.carbonledger.service.attestation;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of attestations as the OpenAPI document describes them (what {@code Attest} accepts and stores). */
public final class AttestationSchemas {
    private AttestationSchemas() {
    }

    @Schema(name = "Verdict", description = "Only VERIFIED attestations of the current seal count")
    public enum Verdict { VERIFIED, REJECTED }

    @Schema(name = "AssuranceLevel")
    public enum AssuranceLevel { LIMITED, REASONABLE }

    @Schema(name = "Attest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Attest(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String attestationId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN_IN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            Verdict verdict,
            @Schema(requiredMode = REQUIRED, example = "ISO 14067") String standard,
            AssuranceLevel assuranceLevel,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String validFrom,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT) String validUntil,
            @Schema(requiredMode = REQUIRED, pattern = "^[0-9a-fA-F]{64}$",
                    description = "The batch's current seal hash") String sealHash,
            @Nullable String comment) {
    }

    @Schema(name = "Attestation", description = "An attestation as the ledger stores it")
    public record Attestation(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String attestationId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String certifierMspId,
            Verdict verdict,
            String standard,
            AssuranceLevel assuranceLevel,
            @Schema(requiredMode = REQUIRED, format = "date-time") String validFrom,
            @Schema(requiredMode = REQUIRED, format = "date-time") String validUntil,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String sealHash,
            String comment,
            @Schema(requiredMode = REQUIRED, format = "date-time") String attestedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "AttestationReceipt",
            description = "The transaction that carried the write and the attestation as stored")
    public record AttestationReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                              boolean replayed, Attestation result) {
    }

    @Schema(name = "AttestationPage")
    public record AttestationPage(List<Attestation> items, @Nullable String nextCursor) {
    }
}
