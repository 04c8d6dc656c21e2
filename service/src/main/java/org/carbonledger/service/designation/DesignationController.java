package org.carbonledger.service.designation;

import java.util.Optional;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.request.Designations;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.http.LedgerReadProblems;
import org.carbonledger.service.http.ReadProblems;
import org.carbonledger.service.http.WriteProblems;
import org.carbonledger.service.ledger.LedgerAccess;
import org.carbonledger.service.ledger.Replay;
import org.carbonledger.service.query.ReadModel;
import org.carbonledger.service.security.Roles;

/**
 * The certifiers a producer designates to see its raw emission records. A designated certifier's peer holds the
 * producer's records in its organization's private collection and endorses (so re-checks) every record and seal
 * transaction of the producer; a producer with none may not submit records. Designating and revoking act for this
 * service's organization, signed with its admin identity, and are open to this service's admin users only.
 */
@Controller("/api/v1/organizations")
@Secured(Roles.READ_ONLY)
@Tag(name = "Organizations and roles")
public class DesignationController {
    /** Stands for this service's organization in a path. */
    static final String ME = "me";

    private final LedgerAccess ledger;
    private final String organization;

    public DesignationController(LedgerAccess ledger, ServiceProperties service) {
        this.ledger = ledger;
        this.organization = service.organization();
    }

    @Get(uri = "/{mspId}/certifiers", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The certifiers a producer designated to see its raw data",
            description = "Read from the ledger itself. \"me\" stands for this service's organization.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DesignationSchemas.Designations.class)))
    @ReadProblems
    @LedgerReadProblems
    public HttpResponse<String> list(@Parameter(description = "A producer's MSP id, or me") @PathVariable String mspId) {
        String producer = mspId.equals(ME) ? organization : Token.require(mspId, "mspId", 64);
        return ReadModel.json(designations(producer).toJson());
    }

    @Put(uri = "/me/certifiers/{certifierMspId}", produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    @Operation(summary = "Designate a certifier to see this organization's raw data",
            description = "The certifier must hold the CERTIFIER role, and this organization the PRODUCER role. From "
                    + "the next record on, its peer holds this organization's records and endorses each record and "
                    + "seal transaction. Designating a certifier already designated answers the existing designation "
                    + "as a replay.")
    @ApiResponse(responseCode = "200", description = "Designated, or a replay (replayed: true, the existing designation)",
            headers = @Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string")), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DesignationSchemas.DesignationReceipt.class)))
    @WriteProblems
    public HttpResponse<String> designate(@PathVariable String certifierMspId) {
        String certifier = Token.require(certifierMspId, "certifierMspId", 64);
        // Designating twice is refused by the ledger; the designation it holds is then the one this request asks for.
        Replay replay = Replay.ofStep(stored -> true, () -> designation(certifier), "txId",
                ErrorCode.ALREADY_EXISTS, ErrorCode.DUPLICATE_ID, ErrorCode.INVALID_STATE);
        return ledger.submitOrReplay(LedgerAccess.Identity.ADMIN, replay, LedgerOperation.DESIGNATE_CERTIFIER,
                certifier).ok();
    }

    @Delete(uri = "/me/certifiers/{certifierMspId}")
    @Secured(Roles.ADMIN)
    @Operation(summary = "Revoke a certifier's designation",
            description = "Records submitted from now on no longer reach its peer; those it already holds stay there "
                    + "(a private collection cannot be taken back). A producer left with no designated certifier may "
                    + "not submit records. Revoking a certifier that is not designated answers 404.")
    @ApiResponse(responseCode = "204", description = "Revoked",
            headers = @Header(name = "X-Transaction-Id", description = "The transaction that carried the write",
            schema = @Schema(type = "string")))
    @WriteProblems
    public MutableHttpResponse<Void> revoke(@PathVariable String certifierMspId) {
        String certifier = Token.require(certifierMspId, "certifierMspId", 64);
        Committed committed = ledger.submit(LedgerAccess.Identity.ADMIN, LedgerOperation.REVOKE_CERTIFIER, certifier);
        return HttpResponse.<Void>noContent().header("X-Transaction-Id", committed.transactionId());
    }

    private Designations designations(String producer) {
        return Designations.fromJson(JsonObjectReader.asObject(
                ledger.evaluate(LedgerOperation.LIST_DESIGNATED_CERTIFIERS, producer), "designations"), "designations");
    }

    /** This organization's designation of {@code certifier}, as the ledger holds it now. */
    private Optional<JsonObject> designation(String certifier) {
        return designations(organization).certifiers().stream()
                .filter(d -> d.certifierMspId().equals(certifier)).findFirst().map(StoredDesignation::toJson);
    }
}
