package org.carbonledger.service.batch;

import java.util.Optional;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.openapi.ApiExamples;
import org.carbonledger.service.attestation.AttestationSchemas;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.LedgerReadProblems;
import org.carbonledger.service.http.ListProblems;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.ledger.Replay;
import org.carbonledger.service.query.Page;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.record.RecordPrivacy;
import org.carbonledger.service.record.RecordSchemas;
import org.carbonledger.service.transfer.TransferSchemas;
import org.carbonledger.service.security.Roles;

/**
 * Production batches, identified by GTIN and lot (GS1 AI 10), owned by the producer that created them. A batch
 * collects signed records and received material while OPEN; sealing fixes its footprint.
 */
@Controller("/api/v1/batches")
@Secured(Roles.READ_ONLY)
@Tag(name = "Products and batches")
public class BatchController {

    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;
    private final RecordPrivacy privacy;

    public BatchController(LedgerAccess ledger, ReadModel readModel, ApiProperties api, RecordPrivacy privacy) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
        this.privacy = privacy;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List batches", description = "Optionally of one owner (MSP id) and in one status (OPEN, SEALED).")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchSchemas.BatchPage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String owner,
                                     @Nullable @QueryValue String status, @Nullable @QueryValue Integer pageSize,
                                     @Nullable @QueryValue String cursor) {
        String msp = owner == null ? null : Token.require(owner, "owner", 64);
        if (status != null && !status.equals("OPEN") && !status.equals("SEALED")) {
            throw ProblemException.of(ErrorCode.INVALID_ARGUMENT, "status", "status \"" + status + "\": must be OPEN or SEALED");
        }
        String after = Page.after(cursor);
        return Page.of(Page.size(pageSize, api.defaultPageSize()),
                limit -> readModel.queries().batches(msp, status, after, limit)).response(request);
    }

    @Get(uri = "/{gtin}/{lot}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One batch with its status, quantities and, once sealed, its footprint and seal")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchSchemas.Batch.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String gtin, @PathVariable String lot) {
        BatchId id = BatchId.of(gtin, lot);
        return ReadModel.json(batch(id));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Create a batch of one of this organization's products",
            description = "Body: {\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\",\"quantity\":{\"amount\":\"25000\",\"unit\":\"kg\"}}. "
                    + "Safe to retry with the same body.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "batch", value = ApiExamples.BATCH),
            schema = @Schema(implementation = BatchSchemas.CreateBatch.class)))
    @ApiResponse(responseCode = "201", description = "The batch was recorded", headers = {@Header(name = "Location",
            description = "The new object", schema = @Schema(type = "string")), @Header(name = "X-Transaction-Id",
            description = "The transaction that carried the write", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchSchemas.BatchReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchSchemas.BatchReceipt.class)))
    @WriteProblems
    public HttpResponse<String> create(@Body byte[] body) {
        JsonObject batch = Bodies.object(body);
        BatchId id = BatchId.of(Bodies.string(batch, "gtin"), Bodies.string(batch, "lot"));
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.CLIENT,
                Replay.ofCreate(batch, () -> ledger.find(LedgerOperation.GET_BATCH, id.gtin().value(), id.lot().value())),
                LedgerOperation.CREATE_BATCH, Bodies.argument(batch));
        return receipt.created(BatchPaths.of(id));
    }

    @Post(uri = "/{gtin}/{lot}/seal", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Seal a batch of this organization",
            description = "Computes the footprint from every record and received transfer, commits to them with a Merkle "
                    + "root and fixes the result. Sealing a sealed batch again answers the existing seal as a replay.")
    @ApiResponse(responseCode = "200", description = "Sealed, or a replay of the seal the ledger holds",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchSchemas.BatchReceipt.class)))
    @WriteProblems
    public HttpResponse<String> seal(@PathVariable String gtin, @PathVariable String lot) {
        BatchId id = BatchId.of(gtin, lot);
        // A batch is sealed once: any seal the ledger holds is the one this request asks for.
        Replay replay = Replay.ofStep(stored -> true,
                () -> ledger.find(LedgerOperation.GET_BATCH, id.gtin().value(), id.lot().value()), "sealTxId",
                ErrorCode.BATCH_SEALED);
        // Endorsed by the organizations holding the batch's private records, the only peers that can compute it.
        return ledger.submitOrReplay(LedgerAccess.Identity.CLIENT, replay, LedgerOperation.SEAL_BATCH,
                ledger.sealEndorsement(id.gtin().value(), id.lot().value()), id.gtin().value(), id.lot().value()).ok();
    }

    @Get(uri = "/{gtin}/{lot}/provenance", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The batch's upstream provenance graph",
            description = "Every upstream batch (with its depth) and every transfer between them, read from the ledger.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchSchemas.Provenance.class)))
    @ReadProblems
    @LedgerReadProblems
    public HttpResponse<String> provenance(@PathVariable String gtin, @PathVariable String lot) {
        BatchId id = BatchId.of(gtin, lot);
        return ReadModel.json(JsonObjectReader.asObject(
                ledger.evaluate(LedgerOperation.GET_PROVENANCE, id.gtin().value(), id.lot().value()), "provenance"));
    }

    @Get(uri = "/{gtin}/{lot}/records", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The batch's signed emission records", description = "In record-id order, each with its CO2e and transaction id. Records are private to the "
            + "batch's owner and the certifiers it designated: a member that holds none of them gets 403 NOT_DESIGNATED.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecordSchemas.RecordPage.class)))
    @ReadProblems
    public HttpResponse<String> records(HttpRequest<?> request, @PathVariable String gtin, @PathVariable String lot,
                                        @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String cursor) {
        BatchId id = BatchId.of(gtin, lot);
        privacy.requireHolder(id, owner(batch(id)), "lot");
        String after = Page.after(cursor);
        return Page.of(Page.size(pageSize, api.defaultPageSize()),
                limit -> readModel.queries().records(id.gtin().value(), id.lot().value(), after, limit)).response(request);
    }

    @Get(uri = "/{gtin}/{lot}/records/{recordId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One signed emission record of the batch", description = "The record as signed, its CO2e, content hash and transaction id. "
            + "403 NOT_DESIGNATED when this member holds none of the batch's records.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecordSchemas.StoredRecord.class)))
    @ReadProblems
    public HttpResponse<String> record(@PathVariable String gtin, @PathVariable String lot, @PathVariable String recordId) {
        BatchId id = BatchId.of(gtin, lot);
        LedgerId record = LedgerId.parse(recordId, "recordId");
        // The same rule as the list, before looking: a member that may not see the batch's records learns nothing,
        // not even whether this one exists.
        readModel.find(StateKeys.key(StateKeys.BATCH, id.gtin().value(), id.lot().value()))
                .ifPresent(batch -> privacy.requireHolder(id, owner(batch), "recordId"));
        // Records live at their id (StateKeys.ID), which any kind may hold: answer it only as a record of this batch.
        Optional<JsonObject> found = readModel.find(StateKeys.key(StateKeys.ID, record.value()))
                .filter(state -> isRecordOf(state, id));
        return ReadModel.json(found.orElseThrow(() -> ProblemException.of(ErrorCode.NOT_FOUND, "recordId",
                "record " + record.value() + " of batch " + id + " not found")));
    }

    private static String owner(JsonObject batch) {
        return JsonObjectReader.of(batch, "batch").requireString("ownerMspId");
    }

    private static boolean isRecordOf(JsonObject state, BatchId batch) {
        JsonObjectReader r = JsonObjectReader.of(state, "");
        return state.has("recordId") && r.optionalString("gtin").equals(Optional.of(batch.gtin().value()))
                && r.optionalString("lot").equals(Optional.of(batch.lot().value()));
    }

    @Get(uri = "/{gtin}/{lot}/attestations", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Attestations of the batch", description = "Each names the seal hash it attests; only those of the current seal count.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AttestationSchemas.AttestationPage.class)))
    @ReadProblems
    public HttpResponse<String> attestations(HttpRequest<?> request, @PathVariable String gtin, @PathVariable String lot,
                                             @Nullable @QueryValue Integer pageSize,
                                                     @Nullable @QueryValue String cursor) {
        BatchId id = existing(gtin, lot);
        String after = Page.after(cursor);
        return Page.of(Page.size(pageSize, api.defaultPageSize()),
                limit -> readModel.queries().attestations(id.gtin().value(), id.lot().value(), after, limit)).response(request);
    }

    @Get(uri = "/{gtin}/{lot}/shipments", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Transfers shipped out of the batch")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferPage.class)))
    @ReadProblems
    public HttpResponse<String> shipments(HttpRequest<?> request, @PathVariable String gtin, @PathVariable String lot,
                                          @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String cursor) {
        BatchId id = existing(gtin, lot);
        String after = Page.after(cursor);
        return Page.of(Page.size(pageSize, api.defaultPageSize()),
                limit -> readModel.queries().transfersFrom(id.gtin().value(), id.lot().value(), after, limit)).response(request);
    }

    private BatchId existing(String gtin, String lot) {
        BatchId id = BatchId.of(gtin, lot);
        batch(id);
        return id;
    }

    private JsonObject batch(BatchId id) {
        return readModel.require(StateKeys.key(StateKeys.BATCH, id.gtin().value(), id.lot().value()), "lot", "batch " + id);
    }
}
