package org.carbonledger.service.product;

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
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StateKeys;
import org.carbonledger.service.openapi.ApiExamples;
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

/** Products, identified by GTIN (8, 12, 13 or 14 digits accepted; stored as GTIN-14) and owned by their producer. */
@Controller("/api/v1/products")
@Secured(Roles.READ_ONLY)
@Tag(name = "Products and batches")
public class ProductController {

    private final LedgerAccess ledger;
    private final ReadModel readModel;
    private final ApiProperties api;

    public ProductController(LedgerAccess ledger, ReadModel readModel, ApiProperties api) {
        this.ledger = ledger;
        this.readModel = readModel;
        this.api = api;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List products", description = "Every product on the channel, in GTIN order.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductSchemas.ProductPage.class)))
    @ListProblems
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue Integer pageSize,
                                     @Nullable @QueryValue String cursor) {
        return readModel.list(cursor, Page.size(pageSize, api.defaultPageSize()), StateKeys.PRODUCT).response(request);
    }

    @Get(uri = "/{gtin}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One product")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductSchemas.Product.class)))
    @ReadProblems
    public HttpResponse<String> get(@PathVariable String gtin) {
        Gtin id = Gtin.parse(gtin, "gtin");
        return ReadModel.json(readModel.require(StateKeys.key(StateKeys.PRODUCT, id.value()), "gtin", "product " + id.value()));
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.OPERATOR)
    @Operation(summary = "Register a product of this organization (PRODUCER organizations)",
            description = "Body: {\"gtin\":\"09506000134352\",\"name\":\"Cold-rolled coil\",\"declaredUnit\":\"kg\","
                    + "\"description\":\"…\"}. declaredUnit is the unit footprints are declared per. Safe to retry.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "product", value = ApiExamples.PRODUCT),
            schema = @Schema(implementation = ProductSchemas.CreateProduct.class)))
    @ApiResponse(responseCode = "201", description = "The product was recorded", headers = {@Header(name = "Location",
            description = "The new object", schema = @Schema(type = "string")), @Header(name = "X-Transaction-Id",
            description = "The transaction that carried the write", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductSchemas.ProductReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductSchemas.ProductReceipt.class)))
    @WriteProblems
    public HttpResponse<String> create(@Body byte[] body) {
        JsonObject product = Bodies.object(body);
        Gtin gtin = Gtin.parse(Bodies.string(product, "gtin"), "gtin");
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.CLIENT,
                Replay.ofCreate(product, () -> ledger.find(LedgerOperation.GET_PRODUCT, gtin.value())),
                LedgerOperation.CREATE_PRODUCT, Bodies.argument(product));
        return receipt.created(URI.create("/api/v1/products/" + gtin.value()));
    }
}
