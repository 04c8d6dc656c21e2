package org.carbonledger.service.attestation;

import java.util.Optional;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.service.batch.BatchPaths;
import org.carbonledger.service.http.Bodies;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Receipt;
import org.carbonledger.service.ledger.Replay;
import org.carbonledger.service.security.Roles;

/**
 * Attestations by CERTIFIER organizations: a verdict on a batch's footprint, bound to the hash of the seal it
 * attests. Listed under their batch ({@code GET /api/v1/batches/{gtin}/{lot}/attestations}).
 */
@Controller("/api/v1/attestations")
@Secured(Roles.OPERATOR)
@Tag(name = "Attestations")
public class AttestationController {

    private final LedgerAccess ledger;

    public AttestationController(LedgerAccess ledger) {
        this.ledger = ledger;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Attest a sealed batch's footprint (CERTIFIER organizations)",
            description = "Body: {\"attestationId\":\"<uuid>\",\"gtin\":\"…\",\"lot\":\"…\",\"verdict\":\"VERIFIED\","
                    + "\"standard\":\"ISO 14067\",\"assuranceLevel\":\"LIMITED\",\"validFrom\":\"…\",\"validUntil\":\"…\","
                    + "\"sealHash\":\"<hex of the current seal>\",\"comment\":\"…\"}. Refused unless sealHash is the batch's "
                    + "current seal. Safe to retry with the same attestationId.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AttestationSchemas.Attest.class)))
    @ApiResponse(responseCode = "201", description = "The attestation was recorded",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string")),
            @Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string"))}, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AttestationSchemas.AttestationReceipt.class)))
    @ApiResponse(responseCode = "200",
            description = "A replay: the ledger already holds this object (replayed: true, the stored object)",
            headers = {@Header(name = "Location", description = "The new object", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AttestationSchemas.AttestationReceipt.class)))
    @WriteProblems
    public HttpResponse<String> attest(@Body byte[] body) {
        JsonObject attestation = Bodies.object(body);
        LedgerId id = LedgerId.parse(Bodies.string(attestation, "attestationId"), "attestationId");
        BatchId batch = BatchId.of(Bodies.string(attestation, "gtin"), Bodies.string(attestation, "lot"));
        Receipt receipt = ledger.submitOrReplay(LedgerAccess.Identity.CLIENT,
                Replay.ofCreate(attestation, () -> stored(batch, id)), LedgerOperation.ATTEST, Bodies.argument(attestation));
        return receipt.created(java.net.URI.create(BatchPaths.of(batch) + "/attestations"));
    }

    private Optional<JsonObject> stored(BatchId batch, LedgerId id) {
        Optional<JsonObject> list = ledger.find(LedgerOperation.LIST_ATTESTATIONS, batch.gtin().value(), batch.lot().value());
        if (list.isEmpty()) {
            return Optional.empty();
        }
        JsonArray items = JsonObjectReader.of(list.get(), "result").requireArray("items");
        for (JsonValue item : items.elements()) {
            if (item instanceof JsonObject a && a.get("attestationId").equals(Optional.of(JsonString.of(id.value())))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
