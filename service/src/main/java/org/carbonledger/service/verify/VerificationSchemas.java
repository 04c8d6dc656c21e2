package org.carbonledger.service.verify;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.carbonledger.service.http.ApiSchemas;

/** The verification report as the OpenAPI document describes it (core's {@code VerificationReport} and its checks). */
public final class VerificationSchemas {
    private VerificationSchemas() {
    }

    @Schema(name = "VerificationVerdict", description = "PASS when every required check passed")
    public enum Verdict { PASS, FAIL }

    @Schema(name = "CheckBasis", description = "RECOMPUTED: the verifier recomputed the outcome from the bundled data. "
            + "ATTESTED: the batch's records were not disclosed to the collecting organization, so the sealed value is "
            + "taken as sealed and the check passes only if an attestation that counts (VERIFIED, by a current "
            + "certifier, covering the current seal, valid now) vouches for it")
    public enum Basis { RECOMPUTED, ATTESTED }

    @Schema(name = "CheckSubject", description = "What a check is about")
    public record Subject(@Schema(requiredMode = REQUIRED, example = "record") String kind, String id) {
    }

    @Schema(name = "Check", description = "One check with the values it compared")
    public record Check(
            @Schema(requiredMode = REQUIRED, example = "seal.hash") String id,
            @Schema(requiredMode = REQUIRED, minimum = "1") int category,
            Subject subject,
            boolean passed,
            boolean required,
            @Schema(requiredMode = REQUIRED) Basis basis,
            @Schema(requiredMode = REQUIRED,
                    description = "The values compared, e.g. calculated X vs stored Y") String evidence,
            String message) {
    }

    @Schema(name = "CheckCategorySummary")
    public record CategorySummary(int category, String title, long checks, long failed) {
    }

    @Schema(name = "CheckSummary")
    public record Summary(long checks, long failed, long failedRequired,
                          @Schema(description = "How many checks rest on an attestation instead of a recomputation")
                          long attested,
                          List<CategorySummary> categories) {
    }

    @Schema(name = "VerificationReport", description = "carbonledger-verification-report/2, with how long it took and "
            + "whether the read model agrees with the ledger")
    public record Report(
            @Schema(requiredMode = REQUIRED, example = "carbonledger-verification-report/2") String format,
            @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.HEX64) String bundleSha256,
            ApiSchemas.BatchRef root,
            @Schema(requiredMode = REQUIRED, format = "date-time") String verifiedAt,
            Verdict verdict,
            Summary summary,
            List<Check> checks,
            @Nullable @Schema(description = "\"failed\" when ?checks=failed listed only the failed checks") String checksShown,
            List<String> transactionsToCheck,
            boolean readModelAgrees,
            long elapsedMillis) {
    }

    @Schema(name = "ProofBundleCollection", description = "Where and when the bundle was collected")
    public record CollectionInfo(String chaincode, String channel, @Schema(requiredMode = REQUIRED,
            format = "date-time") String collectedAt,
                          @Schema(requiredMode = REQUIRED, pattern = ApiSchemas.TOKEN) String mspId, String peer) {
    }

    @Schema(name = "ProofBundle", description = "carbonledger-proof-bundle/1: every ledger state the verification of a "
            + "batch needs that the collecting organization may read, as canonical JSON (see docs/verification.md); a "
            + "batch whose records are private to another producer carries \"recordsDisclosed\": false instead of "
            + "its records")
    public record ProofBundle(
            @Schema(requiredMode = REQUIRED, example = "carbonledger-proof-bundle/1") String format,
            ApiSchemas.BatchRef root,
            CollectionInfo collection,
            List<Object> batches,
            List<Object> transfers,
            List<Object> devices,
            List<Object> factors,
            List<Object> certifiers,
            List<Object> transactions) {
    }
}
