package org.carbonledger.service.designation;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of designations as the OpenAPI document describes them. */
public final class DesignationSchemas {
    private DesignationSchemas() {
    }

    @Schema(name = "Designation", description = "A producer's designation of a certifier that may see (and endorses) "
            + "its raw emission records, as the ledger stores it", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Designation(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String producerMspId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String certifierMspId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String designatedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "Designations", description = "The certifiers a producer currently lets see its raw data, in MSP "
            + "order; its records are endorsed by the producer's peer and by each of theirs",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Designations(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String producerMspId,
            @Schema(requiredMode = REQUIRED) List<Designation> certifiers) {
    }

    @Schema(name = "DesignationReceipt", description = "The transaction that carried the designation and the designation")
    public record DesignationReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber, boolean replayed, Designation result) {
    }
}
