package org.carbonledger.service.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.client.gateway.LedgerRefusal;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.LedgerReadException;
import org.carbonledger.client.verify.OnlineVerifier;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;
import org.carbonledger.service.http.LedgerReadProblems;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.ledger.LedgerGateway;
import org.carbonledger.service.ledger.LedgerNotConnected;
import org.carbonledger.service.security.Roles;

/**
 * End-to-end verification of a batch, from the ledger (never from the read model): the proof bundle is collected
 * through the organization's peer (states by chaincode queries, block numbers and validation codes from the peer's
 * block store), checked by core's verifier (signatures, recomputation, Merkle roots, mass balance, attestations) and
 * online (every transaction VALID in its block, every bundled state equal to the ledger's), and the read model is
 * compared with the ledger ({@link ReadModelComparison}). docs/verification.md describes the checks and the bundle.
 */
@Controller("/api/v1/batches/{gtin}/{lot}")
@Secured(Roles.READ_ONLY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Verification")
final class VerificationController {
    private final Optional<LedgerGateway> gateway;
    private final ReadModelComparison readModel;
    private final Timer timer;

    VerificationController(Optional<LedgerGateway> gateway, ReadModelComparison readModel, MeterRegistry meters) {
        this.gateway = gateway;
        this.readModel = readModel;
        this.timer = Timer.builder("carbonledger.verification").description("end-to-end verifications of a batch")
                .publishPercentiles(0.5, 0.95).register(meters);
    }

    @Get(uri = "/verification", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify a batch end to end against the ledger",
            description = "The report (carbonledger-verification-report/2) lists every check with its evidence "
                    + "and its basis: RECOMPUTED from data, or ATTESTED where the batch's records are private to "
                    + "another producer that did not designate this organization (the sealed footprint then counts "
                    + "only with an attestation that covers the current seal); readmodel.* checks flag "
                    + "disagreements between the read model and the ledger. checks=failed "
                    + "keeps the verdict and the summary counts but lists only the checks that did not pass (a "
                    + "10,000-record chain has some 80,000 checks, about 10 MB of JSON); such a report is for reading, "
                    + "not for re-checking with VerificationReport.fromJson. attestations=skip leaves the attestation checks "
                    + "out: a certifier's own check before it attests, whose verdict says whether the chain itself "
                    + "holds (an honest chain without an attestation yet passes, a tampered one fails).")
    @ApiResponse(responseCode = "200", description = "The report (its verdict says whether the batch verified)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationSchemas.Report.class)))
    @ReadProblems
    @LedgerReadProblems
    HttpResponse<String> verification(@PathVariable String gtin, @PathVariable String lot,
                                      @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String checks,
                                      @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String attestations) {
        boolean failedOnly;
        if (checks == null || checks.equals("all")) {
            failedOnly = false;
        } else if (checks.equals("failed")) {
            failedOnly = true;
        } else {
            throw ProblemException.of(org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT, "checks",
                    "checks \"" + checks + "\": must be all or failed");
        }
        boolean skipAttestations;
        if (attestations == null || attestations.equals("check")) {
            skipAttestations = false;
        } else if (attestations.equals("skip")) {
            skipAttestations = true;
        } else {
            throw ProblemException.of(ErrorCode.INVALID_ARGUMENT, "attestations",
                    "attestations \"" + attestations + "\": must be check or skip");
        }
        Instant start = Instant.now();
        BatchId id = BatchId.of(gtin, lot);
        LedgerClient client = client();
        ProofBundle bundle = collect(client, id);
        VerificationReport report = OnlineVerifier.newInstance(client).verify(bundle, Instant.now(),
                Verifier.builder().attestations(!skipAttestations).build());
        List<Check> cache = readModel.compare(bundle);
        report = report.withChecks(cache);
        boolean agrees = cache.get(cache.size() - 1).passed();
        Duration took = Duration.between(start, Instant.now());
        timer.record(took);
        JsonObject full = report.toJson();
        if (failedOnly) {
            List<org.carbonledger.core.json.JsonValue> failed = report.failures().stream()
                    .<org.carbonledger.core.json.JsonValue>map(Check::toJson).toList();
            full = full.without("checks").with("checks", org.carbonledger.core.json.JsonArray.of(failed))
                    .with("checksShown", org.carbonledger.core.json.JsonString.of("failed"));
        }
        JsonObject body = full.toBuilder()
                .put("readModelAgrees", agrees)
                .put("elapsedMillis", took.toMillis())
                .build();
        return HttpResponse.ok(Json.write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/proof-bundle", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the batch's proof bundle (carbonledger-proof-bundle/1) for offline re-checking")
    @ApiResponse(responseCode = "200", description = "The bundle, as an attachment",
            headers = {@Header(name = "Content-Disposition", schema = @Schema(type = "string")),
            @Header(name = "X-Bundle-SHA256", description = "SHA-256 of the bundle's bytes",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = VerificationSchemas.ProofBundle.class)))
    @ReadProblems
    @LedgerReadProblems
    HttpResponse<byte[]> proofBundle(@PathVariable String gtin, @PathVariable String lot) {
        BatchId id = BatchId.of(gtin, lot);
        ProofBundle bundle = collect(client(), id);
        String file = "proof-bundle-" + id.gtin().value() + "-" + id.lot().percentEncoded() + ".json";
        return HttpResponse.ok(bundle.toCanonicalBytes()).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header("X-Bundle-SHA256", bundle.sha256().toHex());
    }

    private LedgerClient client() {
        return gateway.orElseThrow(() -> new LedgerNotConnected(
                "verification reads the ledger, and this service has no ledger connection: set "
                        + "carbonledger.fabric.connection-file (CARBONLEDGER_FABRIC_CONNECTION_FILE)"))
                .client();
    }

    private static ProofBundle collect(LedgerClient client, BatchId id) {
        try {
            return ProofBundleCollector.newInstance(client).collect(id);
        } catch (LedgerReadException e) {
            Optional<LedgerRefusal> refusal = e.refusal();
            if (refusal.isPresent()) {
                ErrorCode code = refusal.get().code();
                throw ProblemException.of(code, code == ErrorCode.NOT_FOUND ? "lot" : "", refusal.get().message());
            }
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, null,
                    "the ledger could not be read to collect the proof bundle: " + e.getMessage(), List.of());
        }
    }
}
