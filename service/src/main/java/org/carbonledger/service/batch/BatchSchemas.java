package org.carbonledger.service.batch;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;
import org.carbonledger.service.transfer.TransferSchemas;

/**
 * The bodies of the batch routes as the OpenAPI document describes them: what {@code CreateBatch} accepts and the
 * batch state the ledger stores. Documentation only: requests are read by the ledger's strict parser and answers
 * are the stored states.
 */
public final class BatchSchemas {
    private BatchSchemas() {
    }

    @Schema(name = "CreateBatch", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record CreateBatch(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN_IN, example = "09506000134352",
                    description = "A product this organization registered") String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT, example = "COIL-7") String lot,
            ApiSchemas.QuantityInput quantity) {
    }

    @Schema(name = "BatchStatus")
    public enum Status { OPEN, SEALED }

    @Schema(name = "StageScopeCo2e")
    public record StageScopeCo2e(ApiSchemas.Co2e co2e, @Schema(requiredMode = REQUIRED, minimum = "1",
            maximum = "3") int scope, ApiSchemas.Stage stage) {
    }

    @Schema(name = "Seal", description = "The sealed footprint; sealHash is the SHA-256 of its canonical JSON")
    public record Seal(
            @Schema(requiredMode = REQUIRED, description = "Format of this object") int sealFormat,
            ApiSchemas.BatchRef batch,
            ApiSchemas.Quantity quantity,
            @Schema(requiredMode = REQUIRED, example = "IPCC-AR6-GWP100") String gwpSet,
            ApiSchemas.Co2e footprint,
            List<StageScopeCo2e> breakdown,
            ApiSchemas.Co2e perUnit,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64,
                    description = "Merkle root over the records' content hashes and the "
                    + "received transfers") String merkleRoot,
            long recordCount,
            long transferCount) {
    }

    @Schema(name = "Batch", description = "A batch as the ledger stores it")
    public record Batch(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String ownerMspId,
            String productName,
            String declaredUnit,
            ApiSchemas.Quantity quantity,
            ApiSchemas.Quantity shipped,
            Status status,
            @ArraySchema(schema = @Schema(pattern = ApiSchemas.UUID),
                    arraySchema = @Schema(description = "Transfers received into the batch")) List<String> inbound,
            @Schema(requiredMode = REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId,
            @Nullable Seal seal,
            @Nullable @Schema(pattern = ApiSchemas.HEX64, description = "Once SEALED") String sealHash,
            @Nullable @Schema(format = "date-time", description = "Once SEALED") String sealedAt,
            @Nullable @Schema(pattern = ApiSchemas.HEX64, description = "Once SEALED") String sealTxId) {
    }

    @Schema(name = "BatchReceipt", description = "The transaction that carried the write and the batch as stored")
    public record BatchReceipt(
            @Nullable @Schema(pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable Long blockNumber,
            boolean replayed,
            Batch result) {
    }

    @Schema(name = "BatchPage")
    public record BatchPage(List<Batch> items, @Nullable String nextCursor) {
    }

    @Schema(name = "ProvenanceBatch", description = "An upstream batch as stored, with its distance from the root")
    public record ProvenanceBatch(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String ownerMspId,
            Status status,
            @Schema(requiredMode = REQUIRED, minimum = "0") int depth) {
    }

    @Schema(name = "Provenance", description = "The upstream graph of a batch, read from the ledger")
    public record Provenance(
            ApiSchemas.BatchRef root,
            @Schema(requiredMode = REQUIRED, minimum = "1") int tiers,
            List<ProvenanceBatch> batches,
            List<TransferSchemas.Transfer> transfers) {
    }
}
