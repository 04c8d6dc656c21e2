package org.carbonledger.service.record;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;
import java.util.Map;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/**
 * The bodies of signed emission records as the OpenAPI document describes them: the record a device signs (read by
 * core's {@code EmissionRecord}), the record as the ledger stores it, and the answer of a submission. Documentation
 * only.
 */
public final class RecordSchemas {
    private RecordSchemas() {
    }

    @Schema(name = "Activity", description = "A metered activity and the published factor that turns it into CO2e",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Activity(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64,
                    example = "grid-electricity-2026") String factorId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.AMOUNT, example = "1200000") String amount,
            @Schema(requiredMode = REQUIRED, example = "kWh") String unit) {
    }

    @Schema(name = "SignedRecord", description = "An emission record signed by a registered device (ECDSA P-256 over "
            + "the RFC 8785 canonical JSON of the record without signature). Exactly one of activity and gases.",
            additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record SignedRecord(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String recordId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN_IN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN, maxLength = 64) String deviceId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT,
                    example = "2026-09-01T00:00:00Z") String periodStart,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.INSTANT,
                    example = "2026-09-30T23:59:59Z") String periodEnd,
            @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "3") int scope,
            ApiSchemas.Stage stage,
            @Nullable Activity activity,
            @Nullable @Schema(description = "Directly measured kilograms by gas (CO2, CO2_BIOGENIC, CH4_FOSSIL, "
                    + "CH4_NON_FOSSIL, N2O), instead of an activity", additionalPropertiesSchema = String.class)
            Map<String, String> gases,
            @Nullable @Schema(pattern = "^[0-9a-fA-F]{64}$") String evidenceSha256,
            @Schema(requiredMode = REQUIRED, description = "Base64 DER ECDSA signature") String signature) {
    }

    @Schema(name = "StoredRecord", description = "A signed record as the ledger stores it, with the CO2e the chaincode "
            + "computed")
    public record StoredRecord(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String recordId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.GTIN) String gtin,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.LOT) String lot,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String ownerMspId,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String deviceId,
            @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "3") int scope,
            ApiSchemas.Stage stage,
            ApiSchemas.Co2e co2e,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64,
                    description = "SHA-256 of the signed record's canonical JSON") String contentHash,
            SignedRecord record,
            @Schema(requiredMode = REQUIRED, format = "date-time") String submittedAt,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String txId) {
    }

    @Schema(name = "RecordPage")
    public record RecordPage(List<StoredRecord> items, @Nullable String nextCursor) {
    }

    @Schema(name = "SubmissionTransaction", description = "One ledger transaction of the submission")
    public record SubmissionTransaction(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String transactionId,
            @Nullable @Schema(description = "Its block, when known") Long blockNumber,
            @Schema(requiredMode = REQUIRED, description = "Records it carried") long records) {
    }

    @Schema(name = "SubmittedRecord", description = "The outcome of one record, in the order sent")
    public record SubmittedRecord(
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.UUID) String recordId,
            ApiSchemas.Co2e co2e,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64,
                    description = "The transaction that recorded it (for a replay, the first)") String transactionId,
            boolean replayed) {
    }

    @Schema(name = "RecordSubmission", description = "What a submission recorded")
    public record RecordSubmission(
            @Schema(requiredMode = REQUIRED, minimum = "0",
                    description = "Records recorded by this request") long accepted,
            @Schema(requiredMode = REQUIRED, minimum = "0",
                    description = "Records the ledger already held with the same content") long replayed,
            List<SubmissionTransaction> transactions,
            List<SubmittedRecord> records) {
    }
}
