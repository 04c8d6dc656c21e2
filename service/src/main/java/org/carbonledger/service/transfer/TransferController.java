package org.carbonledger.service.transfer;

import java.net.URI;
import java.util.List;

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
import org.carbonledger.client.transfer.TransferReplays;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.openapi.ApiExamples;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.ApiSchemas;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.ListProblems;
import org.carbonledger.service.http.ProblemException;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.ledger.Replay;
import org.carbonledger.service.query.Page;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.Roles;

/**
 * Material transfers between organizations, in two steps: the sender ships from its sealed batch (mass balance
 * enforced; the shipment carries its share of the batch's footprint), the receiver accepts into its own open batch.
 * A shipment that is not wanted is rejected by the receiver or cancelled by the sender, and then returned.
 */
@Controller("/api/v1/transfers")
@Secured(Roles.READ_ONLY)
@Tag(name = "Transfers")
public class TransferController {
    private static final List<String> STATUSES = List.of("SHIPPED", "RECEIVED", "REJECTED", "CANCELLED", "RETURNED");

    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;
    private final String organization;

    public TransferController(LedgerAccess ledger, ReadModel readModel, ApiProperties api, ServiceProperties service) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
        this.organization = service.organization();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List this organization's transfers",
            description = "direction=inbound (default: shipments to this organization, e.g. status=SHIPPED for those "
                    + "waiting to be received) or outbound (shipments it sent).")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferPage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String direction,
                                     @Nullable @QueryValue String status, @Nullable @QueryValue Integer pageSize,
                                     @Nullable @QueryValue String cursor) {
        boolean outbound;
        if (direction == null || direction.equals("inbound")) {
            outbound = false;
        } else if (direction.equals("outbound")) {
            outbound = true;
        } else {
            throw ProblemException.of(ErrorCode.INVALID_ARGUMENT, "direction",
                    "direction \"" + direction + "\": must be inbound or outbound");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.of(ErrorCode.INVALID_ARGUMENT, "status",
                    "status \"" + status + "\": must be one of " + String.join(", ", STATUSES));
        }
        String after = Page.after(cursor);
        return Page.of(Page.size(pageSize, api.defaultPageSize()),
                limit -> readModel.queries().transfers(organization, outbound, status, after, limit)).response(request);
    }

    @Get(uri = "/{transferId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One transfer with its quantity, allocated footprint and status")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.Transfer.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String transferId) {
        LedgerId id = LedgerId.parse(transferId, "transferId");
        return ReadModel.json(readModel.require(StateKeys.key(StateKeys.TRANSFER, id.value()), "transferId", "transfer " + id.value()));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Ship material from one of this organization's sealed batches",
            description = "Body: {\"transferId\":\"<uuid>\",\"from\":{\"gtin\":\"…\",\"lot\":\"…\"},\"toMspId\":\"ApplianceCoMSP\","
                    + "\"quantity\":{\"amount\":\"1200\",\"unit\":\"kg\"}}. Refused when the batch would ship more than its "
                    + "quantity. Safe to retry with the same transferId.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "shipment", value = ApiExamples.SHIPMENT),
            schema = @Schema(implementation = TransferSchemas.ShipMaterial.class)))
    @ApiResponse(responseCode = "201", description = "The shipment was recorded", headers = {@Header(name = "Location",
            description = "The new object", schema = @Schema(type = "string")), @Header(name = "X-Transaction-Id",
            description = "The transaction that carried the write", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferReceipt.class)))
    @WriteProblems
    public HttpResponse<String> ship(@Body byte[] body) {
        JsonObject shipment = Bodies.object(body);
        LedgerId id = LedgerId.parse(Bodies.string(shipment, "transferId"), "transferId");
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.CLIENT, Replay.ofCreate(
                stored -> TransferReplays.shipmentDifference(shipment, stored),
                () -> ledger.find(LedgerOperation.GET_TRANSFER, id.value())), LedgerOperation.SHIP_MATERIAL, Bodies.argument(shipment));
        return receipt.created(URI.create("/api/v1/transfers/" + id.value()));
    }

    @Post(uri = "/{transferId}/receive", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Receive a shipment into one of this organization's open batches",
            description = "Body: {\"gtin\":\"…\",\"lot\":\"…\"}. The batch's footprint then includes the shipment's share. "
                    + "The sender receives a rejected or cancelled shipment back into its source batch the same way.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiSchemas.BatchRefInput.class)))
    @ApiResponse(responseCode = "200", description = "Received into the batch, or a replay",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferReceipt.class)))
    @WriteProblems
    public HttpResponse<String> receive(@PathVariable String transferId, @Body byte[] body) {
        LedgerId id = LedgerId.parse(transferId, "transferId");
        JsonObject target = Bodies.object(body);
        JsonObjectReader.of(target, "").rejectUnknownMembers(List.of("gtin", "lot"));
        BatchId batch = BatchId.of(Bodies.string(target, "gtin"), Bodies.string(target, "lot"));
        return step(id, LedgerOperation.RECEIVE_MATERIAL, stored -> TransferReplays.receivedInto(stored, batch), id.value(), batch.gtin().value(), batch.lot().value());
    }

    @Post(uri = "/{transferId}/reject", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Reject a shipment sent to this organization", description = "Body: {\"reason\":\"…\"}.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.Reason.class)))
    @ApiResponse(responseCode = "200", description = "Rejected (the material returns to the sender), or a replay",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferReceipt.class)))
    @WriteProblems
    public HttpResponse<String> reject(@PathVariable String transferId, @Body byte[] body) {
        LedgerId id = LedgerId.parse(transferId, "transferId");
        String reason = reason(body);
        return step(id, LedgerOperation.REJECT_TRANSFER, TransferReplays::rejected, id.value(), reason);
    }

    @Post(uri = "/{transferId}/cancel", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Cancel a shipment this organization sent", description = "Body: {\"reason\":\"…\"}.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "reason", value = ApiExamples.REASON),
            schema = @Schema(implementation = TransferSchemas.Reason.class)))
    @ApiResponse(responseCode = "200", description = "Cancelled, or a replay",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferSchemas.TransferReceipt.class)))
    @WriteProblems
    public HttpResponse<String> cancel(@PathVariable String transferId, @Body byte[] body) {
        LedgerId id = LedgerId.parse(transferId, "transferId");
        String reason = reason(body);
        return step(id, LedgerOperation.CANCEL_TRANSFER, TransferReplays::cancelled, id.value(), reason);
    }

    /** A transfer step; a retry of one the ledger already holds (an INVALID_STATE refusal) is answered as a replay. */
    private HttpResponse<String> step(LedgerId id, LedgerOperation transaction, java.util.function.Predicate<JsonObject> done,
                                      String... args) {
        Replay replay = Replay.ofStep(done, () -> ledger.find(LedgerOperation.GET_TRANSFER, id.value()),
                transaction == LedgerOperation.RECEIVE_MATERIAL ? "receiveTxId" : "closeTxId", ErrorCode.INVALID_STATE);
        return ledger.submitOrReplay(LedgerAccess.Identity.CLIENT, replay, transaction, args).ok();
    }

    private static String reason(byte[] body) {
        JsonObject request = Bodies.object(body);
        JsonObjectReader.of(request, "").rejectUnknownMembers(List.of("reason"));
        return Bodies.string(request, "reason");
    }
}
