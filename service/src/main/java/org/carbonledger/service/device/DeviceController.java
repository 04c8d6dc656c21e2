package org.carbonledger.service.device;

import java.net.URI;

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
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.openapi.ApiExamples;
import org.carbonledger.service.config.ApiProperties;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.ListProblems;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.ledger.Replay;
import org.carbonledger.service.query.Page;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.Roles;

/** Metering devices: the public keys the ledger checks signed emission records against. */
@Controller("/api/v1/devices")
@Secured(Roles.READ_ONLY)
@Tag(name = "Devices")
public class DeviceController {

    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;
    private final String organization;

    public DeviceController(LedgerAccess ledger, ReadModel readModel, ApiProperties api, ServiceProperties service) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
        this.organization = service.organization();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List an organization's devices", description = "owner defaults to this service's organization.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceSchemas.DevicePage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String owner,
                                     @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String cursor) {
        String msp = owner == null ? organization : Token.require(owner, "owner", 64);
        return readModel.list(cursor, Page.size(pageSize, api.defaultPageSize()), StateKeys.DEVICE, msp).response(request);
    }

    @Get(uri = "/{owner}/{deviceId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One device with its key, validity and revocation")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceSchemas.Device.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String owner, @PathVariable String deviceId) {
        String msp = Token.require(owner, "owner", 64);
        DeviceId id = DeviceId.parse(deviceId, "deviceId");
        return ReadModel.json(readModel.require(StateKeys.key(StateKeys.DEVICE, msp, id.value()), "deviceId",
                "device " + id.value() + " of " + msp));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Register a device of this organization",
            description = "Body: {\"deviceId\":\"meter-12\",\"publicKeyPem\":\"-----BEGIN PUBLIC KEY-----…\","
                    + "\"validFrom\":\"2026-01-01T00:00:00Z\",\"description\":\"…\"}. Safe to retry with the same body.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "device", value = ApiExamples.DEVICE),
            schema = @Schema(implementation = DeviceSchemas.RegisterDevice.class)))
    @ApiResponse(responseCode = "201", description = "The device was recorded", headers = {@Header(name = "Location",
            description = "The new object", schema = @Schema(type = "string")), @Header(name = "X-Transaction-Id",
            description = "The transaction that carried the write", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceSchemas.DeviceReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceSchemas.DeviceReceipt.class)))
    @WriteProblems
    public HttpResponse<String> register(@Body byte[] body) {
        JsonObject device = Bodies.object(body);
        DeviceId id = DeviceId.parse(Bodies.string(device, "deviceId"), "deviceId");
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.CLIENT,
                Replay.ofCreate(device, () -> ledger.find(LedgerOperation.GET_DEVICE, organization, id.value())),
                LedgerOperation.REGISTER_DEVICE, Bodies.argument(device));
        return receipt.created(URI.create("/api/v1/devices/" + organization + "/" + id.value()));
    }

    @Post(uri = "/{deviceId}/revoke", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Revoke a device of this organization",
            description = "Body: {\"revokedFrom\":\"2026-11-01T00:00:00Z\"}. Records whose period ends at or after that "
                    + "instant are refused from then on. A revocation can be brought forward, never pushed back.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "revocation", value = ApiExamples.REVOCATION),
            schema = @Schema(implementation = DeviceSchemas.RevokeDevice.class)))
    @ApiResponse(responseCode = "200", description = "Revoked, or a replay of the same revocation",
            headers = {@Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeviceSchemas.DeviceReceipt.class)))
    @WriteProblems
    public HttpResponse<String> revoke(@PathVariable String deviceId, @Body byte[] body) {
        DeviceId id = DeviceId.parse(deviceId, "deviceId");
        JsonObject request = Bodies.object(body);
        JsonObjectReader.of(request, "").rejectUnknownMembers(java.util.List.of("revokedFrom"));
        String revokedFrom = Bodies.string(request, "revokedFrom");
        // The ledger refuses a second revocation as INVALID_STATE; the same revocation again is a replay.
        Replay replay = Replay.ofStep(stored -> Replay.difference(request, stored).isEmpty(),
                () -> ledger.find(LedgerOperation.GET_DEVICE, organization, id.value()), "revokedTxId", ErrorCode.INVALID_STATE);
        return ledger.submitOrReplay(LedgerAccess.Identity.CLIENT, replay, LedgerOperation.REVOKE_DEVICE, id.value(), revokedFrom).ok();
    }
}
