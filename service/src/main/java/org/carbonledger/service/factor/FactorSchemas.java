package org.carbonledger.service.factor;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of emission factors as the OpenAPI document describes them ({@code PublishFactors} and its states). */
public final class FactorSchemas {
    private FactorSchemas() {
    }

    @Schema(name = "FactorInput", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record FactorInput(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64,
                    example = "grid-electricity-2026") String factorId,
            @Schema(requiredMode = REQUIRED, example = "kWh") String unit,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.AMOUNT, example = "0.4215") String kgCo2ePerUnit,
            @Nullable @Schema(maxLength = 500) String description,
            @Nullable @Schema(maxLength = 1000, description = "Default: the dataset's") String sourceCitation,
            @Nullable @Schema(maxLength = 200, description = "Default: the dataset's") String licence) {
    }

    @Schema(name = "PublishFactors", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record PublishFactors(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64) String dataset,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 32) String version,
            @Schema(requiredMode = REQUIRED, maxLength = 1000) String sourceCitation,
            @Schema(requiredMode = REQUIRED, maxLength = 200, example = "CC0-1.0") String licence,
            List<FactorInput> factors) {
    }

    @Schema(name = "Factor", description = "An emission factor as the ledger stores it")
    public record Factor(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String factorId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String dataset,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String version,
            String unit,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.DECIMAL) String kgCo2ePerUnit,
            String description,
            String sourceCitation,
            String licence,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String publisherMspId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String publishedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "FactorDataset", description = "A published dataset version as the ledger stores it")
    public record FactorDataset(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String dataset,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String version,
            String sourceCitation,
            String licence,
            List<String> factorIds,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String publisherMspId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String publishedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "FactorDatasetReceipt",
            description = "The transaction that carried the write and the dataset as stored")
    public record FactorDatasetReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                                boolean replayed, FactorDataset result) {
    }

    @Schema(name = "FactorDatasetPage")
    public record FactorDatasetPage(List<FactorDataset> items, @Nullable String nextCursor) {
    }
}
