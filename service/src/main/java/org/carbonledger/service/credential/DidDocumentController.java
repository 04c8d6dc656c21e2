package org.carbonledger.service.credential;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.core.json.Json;

/**
 * The organization's DID document ({@code did:web}: the DID {@code did:web:{host}} resolves to
 * {@code https://{host}/.well-known/did.json}), listing the credential key the {@code kid} of its credentials names.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Verifiable credentials (UNTP)")
final class DidDocumentController {
    private final String document;

    DidDocumentController(CredentialKey key) {
        this.document = Json.write(key.web().document(key.publicKey()));
    }

    @Get(uri = "/.well-known/did.json", produces = MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "The organization's did:web DID document",
            description = "The verification method (a P-256 JSON Web Key) that signs this organization's "
                    + "credentials. See docs/credentials.md.")
    @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    HttpResponse<String> document() {
        return HttpResponse.ok(document).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
