package org.carbonledger.service.plant.live;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.identifier.Lot;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.AuthProblems;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.Roles;
import org.carbonledger.service.sync.ReadModelStore;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The live plant: its configuration (device profiles, open batch targets, alert rules, webhooks), its figures and
 * alerts, and their server-sent events. Everything here is this organization's: the service holds no other's.
 */
@Controller("/api/v1/plant")
@Secured(Roles.READ_ONLY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Plant live view")
public class PlantLiveController {

    private static final int LISTED_ALERTS = 200;

    private final PlantLiveStore store;
    private final LiveView live;
    private final LiveEvents events;
    private final AlertWebhooks webhooks;
    private final ReadModelStore readModel;
    private final String organization;
    private final Clock clock = Clock.systemUTC();

    PlantLiveController(PlantLiveStore store, LiveView live, LiveEvents events, AlertWebhooks webhooks,
                        ReadModelStore readModel, ServiceProperties service) {
        this.store = store;
        this.live = live;
        this.events = events;
        this.webhooks = webhooks;
        this.readModel = readModel;
        this.organization = service.organization();
    }

    private static HttpResponse<String> json(HttpStatus status, JsonObject body) {
        return HttpResponse.<String>status(status).body(org.carbonledger.core.json.Json.write(body))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static JsonObject items(List<JsonValue> items) {
        return JsonObject.builder().put("items", JsonArray.of(items)).build();
    }

    // --- device profiles --------------------------------------------------------------------------------------

    @Get(uri = "/devices", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The device profiles of the live view")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.DeviceProfileList.class)))
    @AuthProblems
    public HttpResponse<String> profiles() {
        return json(HttpStatus.OK, items(store.profiles().stream().map(p -> (JsonValue) p.toJson()).toList()));
    }

    @Put(uri = "/devices/{deviceId}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Set how the live view accounts a device",
            description = "Its line, the factor its readings are multiplied by, the plausible range of one reading, "
                    + "how often it reports and the open batch it feeds. The device must be registered by this "
                    + "organization; the factor published, in a unit of the range's dimension.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.DeviceProfileInput.class)))
    @ApiResponse(responseCode = "200", description = "Set", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.DeviceProfile.class)))
    @ReadProblems
    public HttpResponse<String> setProfile(@PathVariable String deviceId, @Body byte[] body,
                                           Authentication authentication) {
        DeviceId id = DeviceId.parse(deviceId, "deviceId");
        DeviceProfile profile = DeviceProfile.fromJson(id, Bodies.object(body));
        if (readModel.findById(StateKeys.key(StateKeys.DEVICE, organization, id.value())).isEmpty()) {
            throw LedgerRuleException.of(ErrorCode.UNKNOWN_DEVICE, "deviceId", id.value(),
                    "this organization has no device of this id on the ledger");
        }
        var factor = live.factor(profile.factorId()).orElseThrow(() -> LedgerRuleException.of(
                ErrorCode.UNKNOWN_FACTOR, "factorId", profile.factorId(), "no emission factor with this id is published"));
        if (factor.unit().dimension() != profile.plausibleMin().unit().dimension()) {
            throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, "plausible.unit",
                    profile.plausibleMin().unit().symbol(), "factor " + factor.factorId() + " is per "
                            + factor.unit().symbol() + ": the device must measure " + factor.unit().dimension().label());
        }
        store.upsertProfile(profile, authentication.getName(), clock.instant());
        live.rebuild();
        return json(HttpStatus.OK, profile.toJson());
    }

    @Delete(uri = "/devices/{deviceId}")
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Stop accounting a device live (its readings stay stored)")
    @ApiResponse(responseCode = "204", description = "Removed", content = @Content)
    @ReadProblems
    public HttpResponse<Void> removeProfile(@PathVariable String deviceId) {
        DeviceId id = DeviceId.parse(deviceId, "deviceId");
        if (!store.deleteProfile(id)) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "deviceId", deviceId, "has no profile");
        }
        live.rebuild();
        return HttpResponse.noContent();
    }

    // --- batch targets ----------------------------------------------------------------------------------------

    @Get(uri = "/batches", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The open batches' targets")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.BatchTargetList.class)))
    @AuthProblems
    public HttpResponse<String> targets() {
        return json(HttpStatus.OK, items(store.targets().stream().map(t -> (JsonValue) t.toJson()).toList()));
    }

    @Put(uri = "/batches/{gtin}/{lot}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Set an open batch's target, planned quantity and planned end")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.BatchTargetInput.class)))
    @ApiResponse(responseCode = "200", description = "Set", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.BatchTarget.class)))
    @ReadProblems
    public HttpResponse<String> setTarget(@PathVariable String gtin, @PathVariable String lot, @Body byte[] body,
                                          Authentication authentication) {
        BatchKey batch = new BatchKey(Gtin.parse(gtin, "gtin"), Lot.parse(lot, "lot"));
        BatchTarget target = BatchTarget.fromJson(batch, Bodies.object(body), clock.instant());
        store.upsertTarget(target, authentication.getName(), clock.instant());
        live.rebuild();
        return json(HttpStatus.OK, target.toJson());
    }

    @Delete(uri = "/batches/{gtin}/{lot}")
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Stop watching a batch (it was sealed or abandoned)")
    @ApiResponse(responseCode = "204", description = "Removed", content = @Content)
    @ReadProblems
    public HttpResponse<Void> removeTarget(@PathVariable String gtin, @PathVariable String lot) {
        BatchKey batch = new BatchKey(Gtin.parse(gtin, "gtin"), Lot.parse(lot, "lot"));
        if (!store.deleteTarget(batch)) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "lot", lot, "batch " + batch + " has no target");
        }
        live.rebuild();
        return HttpResponse.noContent();
    }

    // --- alert rules ------------------------------------------------------------------------------------------

    @Get(uri = "/alert-rules", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The alert rules")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.AlertRuleList.class)))
    @AuthProblems
    public HttpResponse<String> rules() {
        return json(HttpStatus.OK, items(store.rules().stream().map(r -> (JsonValue) r.toJson()).toList()));
    }

    @Post(uri = "/alert-rules", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Add an alert rule", description = "RATE_ABOVE (scope DEVICE, LINE or BATCH, "
            + "thresholdKgCo2ePerHour, forMinutes), PROJECTED_OVER_TARGET (batches), DEVICE_SILENT (silentIntervals), "
            + "READING_IMPLAUSIBLE; subject narrows it to one device, line or batch (gtin/lot).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.AlertRuleInput.class)))
    @ApiResponse(responseCode = "201", description = "Added", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlantLiveSchemas.AlertRule.class)))
    @AuthProblems
    @ApiResponse(responseCode = "400", description = "A malformed body (INVALID_ARGUMENT naming the field)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> addRule(@Body byte[] body, Authentication authentication) {
        AlertRule rule = store.insertRule(AlertRule.fromJson(Bodies.object(body)), authentication.getName(),
                clock.instant());
        live.rebuild();
        return json(HttpStatus.CREATED, rule.toJson());
    }

    @Delete(uri = "/alert-rules/{id}")
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Remove an alert rule (its alerts are cleared)")
    @ApiResponse(responseCode = "204", description = "Removed", content = @Content)
    @ReadProblems
    public HttpResponse<Void> removeRule(@PathVariable long id) {
        if (!store.deleteRule(id)) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "id", Long.toString(id), "no alert rule with this id");
        }
        live.rebuild();
        return HttpResponse.noContent();
    }

    // --- figures and alerts -----------------------------------------------------------------------------------

    @Get(uri = "/live", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The live figures per device, line and open batch, and the alerts not cleared")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.Snapshot.class)))
    @AuthProblems
    public HttpResponse<String> snapshot() {
        return json(HttpStatus.OK, live.snapshot());
    }

    @Get(uri = "/live/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(summary = "Server-sent events: snapshot (the live figures, first at once, then as they change) and "
            + "alert (raised, acknowledged, cleared); a comment every 15 s keeps the connection open")
    @ApiResponse(responseCode = "200", description = "The event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string")))
    @AuthProblems
    public Publisher<Event<String>> events() {
        Flux<Event<String>> first = Flux.defer(() -> Flux.just(Event.of(
                org.carbonledger.core.json.Jcs.canonicalString(live.snapshot())).name("snapshot")));
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ofSeconds(15)).map(i -> Event.of("").comment("keep-alive"));
        return Flux.concat(first, Flux.merge(events.stream(), keepAlive));
    }

    @Get(uri = "/alerts", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest alerts, newest first, with who acknowledged them")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.AlertList.class)))
    @AuthProblems
    public HttpResponse<String> alerts() {
        return json(HttpStatus.OK, items(store.latestAlerts(LISTED_ALERTS).stream().map(a -> (JsonValue) a.toJson())
                .toList()));
    }

    @Post(uri = "/alerts/{id}/acknowledge", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Acknowledge an open alert; the client that did it is kept")
    @ApiResponse(responseCode = "200", description = "Acknowledged", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlantLiveSchemas.Alert.class)))
    @ReadProblems
    @ApiResponse(responseCode = "409", description = "The alert is not open (INVALID_STATE)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> acknowledge(@PathVariable long id, Authentication authentication) {
        return json(HttpStatus.OK, live.acknowledge(id, authentication.getName()).toJson());
    }

    // --- webhooks ---------------------------------------------------------------------------------------------

    @Get(uri = "/webhooks", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Where alerts are posted (never the secrets)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.WebhookList.class)))
    @AuthProblems
    public HttpResponse<String> webhooks() {
        return json(HttpStatus.OK, items(store.webhooks().stream().map(w -> (JsonValue) JsonObject.builder()
                .put("id", w.id()).put("url", w.url()).put("createdBy", w.createdBy())
                .put("createdAt", w.createdAt().toString()).build()).toList()));
    }

    @Post(uri = "/webhooks", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Post alerts to a URL", description = "Answers the webhook's signing secret, this once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PlantLiveSchemas.WebhookInput.class)))
    @ApiResponse(responseCode = "201", description = "Added", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlantLiveSchemas.WebhookCreated.class)))
    @AuthProblems
    @ApiResponse(responseCode = "400", description = "Not an http(s) URL (INVALID_ARGUMENT, field url)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> addWebhook(@Body byte[] body, Authentication authentication) {
        JsonObjectReader r = JsonObjectReader.of(Bodies.object(body), "");
        r.rejectUnknownMembers(List.of("url"));
        AlertWebhooks.Created created = webhooks.create(r.requireString("url"), authentication.getName());
        return json(HttpStatus.CREATED, JsonObject.builder().put("id", created.id()).put("url", created.url())
                .put("secret", created.secret()).build());
    }

    @Delete(uri = "/webhooks/{id}")
    @Secured(Roles.ADMIN)
    @Operation(summary = "Stop posting alerts to a webhook (its pending calls are dropped)")
    @ApiResponse(responseCode = "204", description = "Removed", content = @Content)
    @ReadProblems
    public HttpResponse<Void> removeWebhook(@PathVariable long id) {
        if (!store.deleteWebhook(id)) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "id", Long.toString(id), "no webhook with this id");
        }
        return HttpResponse.noContent();
    }
}
