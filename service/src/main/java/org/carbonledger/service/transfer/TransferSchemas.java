package org.carbonledger.service.transfer;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The bodies of transfers as the OpenAPI document describes them (what the transfer transactions accept and store). */
public final class TransferSchemas {
    private TransferSchemas() {
    }

    @Schema(name = "TransferStatus")
    public enum Status { SHIPPED, RECEIVED, REJECTED, CANCELLED, RETURNED }

    @Schema(name = "ShipMaterial", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record ShipMaterial(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String transferId,
            ApiSchemas.BatchRefInput from,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, example = "ApplianceCoMSP") String toMspId,
            ApiSchemas.QuantityInput quantity) {
    }

    @Schema(name = "Reason", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Reason(@Schema(requiredMode = REQUIRED, maxLength = 500,
            description = "Why, for the other party") String reason) {
    }

    @Schema(name = "Transfer", description = "A transfer as the ledger stores it")
    public record Transfer(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String transferId,
            ApiSchemas.BatchRef from,
            @Nullable ApiSchemas.BatchRef to,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String senderMspId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String receiverMspId,
            ApiSchemas.Quantity quantity,
            ApiSchemas.Quantity sourceQuantity,
            ApiSchemas.Quantity sourceShippedBefore,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String sourceSealHash,
            ApiSchemas.Co2e allocated,
            Status status,
            @Schema(requiredMode = REQUIRED, format = "date-time") String shippedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String shipTxId,
            @Nullable @Schema(format = "date-time") String receivedAt,
            @Nullable @Schema(pattern = ApiSchemas.HEX64) String receiveTxId,
            @Nullable String reason,
            @Nullable @Schema(format = "date-time") String closedAt,
            @Nullable @Schema(pattern = ApiSchemas.HEX64) String closeTxId) {
    }

    @Schema(name = "TransferReceipt", description = "The transaction that carried the write and the transfer as stored")
    public record TransferReceipt(@Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
                           boolean replayed, Transfer result) {
    }

    @Schema(name = "TransferPage")
    public record TransferPage(List<Transfer> items, @Nullable String nextCursor) {
    }
}
