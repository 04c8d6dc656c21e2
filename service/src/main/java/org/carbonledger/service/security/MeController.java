package org.carbonledger.service.security;

import java.util.Collection;
import java.util.List;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carbonledger.service.http.AuthProblems;

/** Who the bearer of a token is: proves the token chain end to end and helps integrators check their setup. */
@Controller("/api/v1/me")
@Secured(Roles.READ_ONLY)
@Tag(name = "Authentication")
final class MeController {

    /**
     * The authenticated client.
     *
     * @param clientId the client id ({@code sub})
     * @param org the MSP id of the organization the service acts for
     * @param roles effective roles
     */
    @Serdeable
    @Schema(name = "Me")
    record Me(String clientId, String org, List<String> roles) {
    }

    @Get
    @Operation(summary = "The authenticated client, its organization and effective roles")
    @AuthProblems
    Me me(Authentication authentication) {
        Collection<String> roles = authentication.getRoles();
        Object org = authentication.getAttributes().get(ClientCredentialsService.ORG_CLAIM);
        return new Me(authentication.getName(), org == null ? "" : org.toString(), roles.stream().sorted().toList());
    }
}
