package org.carbonledger.service.factor;

import java.net.URI;
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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.config.ApiProperties;
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

/**
 * Emission-factor datasets, published by CERTIFIER organizations. A published version never changes; a new version
 * is a new dataset version with new factor ids.
 */
@Controller("/api/v1")
@Secured(Roles.READ_ONLY)
@Tag(name = "Emission factors")
public class FactorController {

    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;

    public FactorController(LedgerAccess ledger, ReadModel readModel, ApiProperties api) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
    }

    @Get(uri = "/factor-datasets", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List published factor datasets")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FactorSchemas.FactorDatasetPage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue Integer pageSize,
                                     @Nullable @QueryValue String cursor) {
        return readModel.list(cursor, Page.size(pageSize, api.defaultPageSize()), StateKeys.DATASET).response(request);
    }

    @Get(uri = "/factor-datasets/{dataset}/{version}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One dataset version with its factor ids, citation and licence")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FactorSchemas.FactorDataset.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String dataset, @PathVariable String version) {
        Token.require(dataset, "dataset", 64);
        Token.require(version, "version", 32);
        return ReadModel.json(readModel.require(StateKeys.key(StateKeys.DATASET, dataset, version), "version",
                "factor dataset " + dataset + " version " + version));
    }

    @Get(uri = "/factors/{factorId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One emission factor", description = "kgCO2e per unit, unit, dataset, version, citation, licence.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FactorSchemas.Factor.class)))
    @ReadProblems
    public HttpResponse<String> factor(@PathVariable String factorId) {
        Token.require(factorId, "factorId", 64);
        return ReadModel.json(readModel.require(StateKeys.key(StateKeys.FACTOR, factorId), "factorId", "factor " + factorId));
    }

    @Post(uri = "/factor-datasets", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Publish a factor dataset version (CERTIFIER organizations)",
            description = "Body: {\"dataset\":\"cn-grid\",\"version\":\"2022\",\"sourceCitation\":\"…\",\"licence\":\"CC-BY-4.0\","
                    + "\"factors\":[{\"factorId\":\"cn-grid-2022\",\"unit\":\"kWh\",\"kgCo2ePerUnit\":\"0.5703\"}]}. "
                    + "Each factor may override sourceCitation and licence. Safe to retry with the same body.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FactorSchemas.PublishFactors.class)))
    @ApiResponse(responseCode = "201", description = "The dataset version was recorded",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string")),
            @Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FactorSchemas.FactorDatasetReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FactorSchemas.FactorDatasetReceipt.class)))
    @WriteProblems
    public HttpResponse<String> publish(@Body byte[] body) {
        JsonObject dataset = Bodies.object(body);
        String name = Bodies.string(dataset, "dataset");
        String version = Bodies.string(dataset, "version");
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.CLIENT, Replay.ofCreate(
                stored -> difference(dataset, stored), () -> ledger.find(LedgerOperation.GET_FACTOR_DATASET, name, version)),
                LedgerOperation.PUBLISH_FACTOR_DATASET, Bodies.argument(dataset));
        return receipt.created(URI.create("/api/v1/factor-datasets/" + name + "/" + version));
    }

    /**
     * Where a stored dataset differs from a publication request: the dataset stores its factors' ids, each factor is
     * stored under its own key, so the factors are compared one by one with what the ledger holds.
     */
    private Optional<String> difference(JsonObject request, JsonObject stored) {
        Optional<String> header = Replay.difference(request.without("factors"), stored);
        if (header.isPresent()) {
            return header;
        }
        JsonArray factors = JsonObjectReader.of(request, "").requireArray("factors");
        if (stored.get("factorIds").filter(ids -> ids instanceof JsonArray a && a.size() == factors.size()).isEmpty()) {
            return Optional.of("factors");
        }
        for (int i = 0; i < factors.size(); i++) {
            String path = "factors[" + i + "]";
            JsonObject factor = JsonObjectReader.asObject(factors.get(i), path);
            String id = JsonObjectReader.of(factor, path).requireString("factorId");
            Optional<JsonObject> storedFactor = ledger.find(LedgerOperation.GET_FACTOR, id);
            if (storedFactor.isEmpty()) {
                return Optional.of(path);
            }
            Optional<String> inner = Replay.difference(factor, storedFactor.get());
            if (inner.isPresent()) {
                return Optional.of(path + "." + inner.get());
            }
        }
        return Optional.empty();
    }
}
