package org.carbonledger.service.product;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of products as the OpenAPI document describes them ({@code CreateProduct} and the stored state). */
public final class ProductSchemas {
    private ProductSchemas() {
    }

    @Schema(name = "CreateProduct", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record CreateProduct(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN_IN, example = "09506000134352") String gtin,
            @Schema(requiredMode = REQUIRED, maxLength = 200, example = "Hot-rolled steel coil") String name,
            @Schema(requiredMode = REQUIRED, description = "The unit batches of it are counted in",
                    example = "t") String declaredUnit,
            @Nullable @Schema(maxLength = 500) String description) {
    }

    @Schema(name = "Product", description = "A product as the ledger stores it")
    public record Product(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN) String gtin,
            String name,
            String declaredUnit,
            String description,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String ownerMspId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "ProductReceipt", description = "The transaction that carried the write and the product as stored")
    public record ProductReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                          boolean replayed, Product result) {
    }

    @Schema(name = "ProductPage")
    public record ProductPage(List<Product> items, @Nullable String nextCursor) {
    }
}
