package org.carbonledger.service.admin;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The read-model operations' answers as the OpenAPI document describes them ({@code SyncStatus}, the audit). */
public final class ReadModelSchemas {
    private ReadModelSchemas() {
    }

    @Schema(name = "ReadModelStatus", description = "Where the read model stands")
    public record Status(
            boolean running,
            @Schema(requiredMode = REQUIRED,
                    description = "Last block applied, -1 before the first") long checkpointBlock,
            @Nullable String checkpointTransaction,
            long appliedTransactions,
            @Nullable @Schema(description = "Blocks on the peer, when it answered") Long ledgerHeight,
            @Nullable Long lagBlocks,
            @Nullable @Schema(description = "Why the peer could not be asked") String ledgerError,
            @Nullable @Schema(description = "The error that stopped the sync") String lastError) {
    }

    @Schema(name = "ReadModelDifferenceKind")
    public enum Kind { MISSING, EXTRA, DIFFERENT, PROJECTION, TRANSACTIONS }

    @Schema(name = "ReadModelDifference")
    public record Difference(Kind kind, String key, String detail) {
    }

    @Schema(name = "ReadModelAudit", description = "The read model compared with the ledger up to its checkpoint")
    public record Audit(
            long checkpointBlock,
            @Nullable String checkpointTransaction,
            long ledgerTransactions,
            long ledgerKeys,
            long readModelKeys,
            boolean consistent,
            long differenceCount,
            List<Difference> differences) {
    }
}
