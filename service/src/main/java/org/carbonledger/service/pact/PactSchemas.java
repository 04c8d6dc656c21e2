package org.carbonledger.service.pact;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The PACT v3 bodies as the OpenAPI document describes them. The footprints themselves follow the PACT Technical
 * Specification's schema (the tests validate answers against it); the document names their envelope and errors.
 */
public final class PactSchemas {
    private PactSchemas() {
    }

    @Schema(name = "PactProductFootprint", type = "object", description = "A PACT v3 ProductFootprint (PACT Technical "
            + "Specification v3, schema ProductFootprint)")
    public record ProductFootprint() {
    }

    @Schema(name = "PactListFootprintsResponse")
    public record ListFootprints(List<ProductFootprint> data) {
    }

    @Schema(name = "PactGetFootprintResponse")
    public record GetFootprint(ProductFootprint data) {
    }

    @Schema(name = "PactErrorCode")
    public enum Code { BadRequest, AccessDenied, TokenExpired, NotFound, NotImplemented, InternalError }

    @Schema(name = "PactError", description = "PACT's own error body")
    public record Error(Code code, @Schema(requiredMode = REQUIRED) String message) {
    }

    @Schema(name = "PactEvent", type = "object", description = "A CloudEvents 1.0 event of PACT: "
            + "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3, .RequestFulfilledEvent.3, "
            + ".RequestRejectedEvent.3 or .PublishedEvent.3")
    public record Event(
            @Schema(requiredMode = REQUIRED) String type,
            @Schema(requiredMode = REQUIRED) String specversion,
            @Schema(requiredMode = REQUIRED) String id,
            @Schema(requiredMode = REQUIRED) String source,
            @Schema(type = "object") Object data) {
    }
}
