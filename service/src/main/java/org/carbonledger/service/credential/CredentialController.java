package org.carbonledger.service.credential;

import java.util.Collection;
import java.util.Optional;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.StoredAttestation;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.untp.UntpCredentials;
import org.carbonledger.core.untp.VcJwt;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.footprint.Footprints;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.http.ProblemException;

/**
 * UNTP credentials issued by this organization (docs/credentials.md): the Digital Product Passport of each of its
 * sealed batches and the Digital Conformity Credential of each attestation it made as a certifier. Public, as the
 * consumer passport is: the passport credential holds only the consumer tier, and attestation verdicts are public.
 * As {@code application/vc+jwt} (the credential signed with the organization's credential key) by default, or the
 * unsecured credential for {@code Accept: application/vc+ld+json}. Read from the read model, as the passport and
 * the PACT export are.
 */
@Controller("/api/v1/batches")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Verifiable credentials (UNTP)")
final class CredentialController {
    private final Footprints footprints;
    private final CredentialKey key;
    private final String organization;

    CredentialController(Footprints footprints, CredentialKey key, ServiceProperties service) {
        this.footprints = footprints;
        this.key = key;
        this.organization = service.organization();
    }

    @Get(uri = "/{gtin}/{lot}/credentials/untp-dpp", produces = {VcJwt.MEDIA_TYPE, VcJwt.CREDENTIAL_MEDIA_TYPE,
        Problem.MEDIA_TYPE})
    @SecurityRequirements
    @Operation(summary = "The batch's UNTP Digital Product Passport, signed by this organization",
            description = "A W3C Verifiable Credential 2.0 (UNTP 0.7.0 DigitalProductPassport) of one of this "
                    + "organization's sealed batches, secured as application/vc+jwt (ES256, kid a verification "
                    + "method of did:web:{host}, /.well-known/did.json); Accept: application/vc+ld+json gives the "
                    + "unsecured credential. Only what the consumer passport shows. See docs/credentials.md.")
    @ApiResponse(responseCode = "200", description = "The credential", content = {
        @Content(mediaType = VcJwt.MEDIA_TYPE, schema = @Schema(type = "string", description = "compact JWS")),
        @Content(mediaType = VcJwt.CREDENTIAL_MEDIA_TYPE, schema = @Schema(type = "object"))})
    @ApiResponse(responseCode = "400", description = "A malformed GTIN or lot",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such batch of this organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The batch is not sealed (BATCH_NOT_SEALED)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<String> productPassport(HttpRequest<?> request, @PathVariable String gtin, @PathVariable String lot) {
        StoredBatch batch = ownSealedBatch(BatchId.of(gtin, lot));
        return answer(request, UntpCredentials.productPassport(footprints.facts(batch), key.issuance()));
    }

    @Get(uri = "/{gtin}/{lot}/attestations/{attestationId}/credentials/untp-dcc",
            produces = {VcJwt.MEDIA_TYPE, VcJwt.CREDENTIAL_MEDIA_TYPE, Problem.MEDIA_TYPE})
    @SecurityRequirements
    @Operation(summary = "An attestation's UNTP Digital Conformity Credential, signed by this certifier",
            description = "A W3C Verifiable Credential 2.0 (UNTP 0.7.0 DigitalConformityCredential) of an "
                    + "attestation this organization recorded as a certifier, secured as application/vc+jwt; "
                    + "Accept: application/vc+ld+json gives the unsecured credential. See docs/credentials.md.")
    @ApiResponse(responseCode = "200", description = "The credential", content = {
        @Content(mediaType = VcJwt.MEDIA_TYPE, schema = @Schema(type = "string", description = "compact JWS")),
        @Content(mediaType = VcJwt.CREDENTIAL_MEDIA_TYPE, schema = @Schema(type = "object"))})
    @ApiResponse(responseCode = "400", description = "A malformed GTIN, lot or attestation id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such attestation by this organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<String> conformityCredential(HttpRequest<?> request, @PathVariable String gtin,
                                              @PathVariable String lot, @PathVariable String attestationId) {
        BatchId id = BatchId.of(gtin, lot);
        LedgerId attestation = LedgerId.parse(attestationId, "attestationId");
        StoredBatch batch = footprints.batch(id).filter(StoredBatch::isSealed).orElseThrow(() -> ProblemException.of(
                ErrorCode.NOT_FOUND, "attestationId", "No attestation " + attestationId + " of batch " + id
                        + ": the batch is unknown or not sealed."));
        Optional<StoredAttestation> stored = footprints.attestations(id).stream()
                .filter(a -> a.attestationId().equals(attestation)).findFirst();
        if (stored.isEmpty() || !stored.get().certifierMspId().equals(organization)) {
            throw ProblemException.of(ErrorCode.NOT_FOUND, "attestationId", "No attestation " + attestationId
                    + " of batch " + id + " by " + organization + ": a conformity credential is issued by the "
                    + "service of the certifier that made the attestation.");
        }
        return answer(request, UntpCredentials.conformityCredential(footprints.facts(batch), attestation,
                key.issuance()));
    }

    private StoredBatch ownSealedBatch(BatchId id) {
        StoredBatch batch = footprints.batch(id).filter(b -> b.ownerMspId().equals(organization))
                .orElseThrow(() -> ProblemException.of(ErrorCode.NOT_FOUND, "lot", "No batch " + id + " of "
                        + organization + ": a product passport credential is issued by the service of the batch's "
                        + "owner."));
        if (!batch.isSealed()) {
            throw ProblemException.of(ErrorCode.BATCH_NOT_SEALED, "lot", "Batch " + id + " is not sealed: only a "
                    + "sealed footprint has a product passport credential.");
        }
        return batch;
    }

    /** The signed credential unless the client asks for the unsecured one, and says which it got. */
    private HttpResponse<String> answer(HttpRequest<?> request, JsonObject credential) {
        Collection<MediaType> accept = request.accept();
        boolean unsecured = accept.stream().anyMatch(m -> m.getName().equalsIgnoreCase(VcJwt.CREDENTIAL_MEDIA_TYPE))
                && accept.stream().noneMatch(m -> m.getName().equalsIgnoreCase(VcJwt.MEDIA_TYPE));
        String body = unsecured ? Json.write(credential) : VcJwt.sign(credential, key.privateKey(), key.keyId());
        return HttpResponse.ok(body)
                .contentType(unsecured ? VcJwt.CREDENTIAL_MEDIA_TYPE : VcJwt.MEDIA_TYPE)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }
}
