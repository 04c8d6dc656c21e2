package org.carbonledger.service;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.carbonledger.service.security.Roles;

/** Starts the Carbon Ledger service of one member organization. */
@OpenAPIDefinition(
        info = @Info(title = "Carbon Ledger", version = "1",
                description = "HTTP API of one member organization's Carbon Ledger service: suppliers and certifiers "
                        + "record, seal, ship and attest product carbon footprints on a Hyperledger Fabric ledger. "
                        + "Obtain a token from POST /oauth/token (client credentials); errors are RFC 9457 problem "
                        + "JSON.",
                license = @License(name = "Apache-2.0")))
// Swagger UI's "Authorize" gets the token itself from the service's token endpoint (relative, so the same document
// works for every organization's service). The one scheme, so every secured operation names it with the roles it
// needs as scopes; the token endpoint ignores a scope request and grants the client's configured roles.
@SecurityScheme(name = "oauth2", type = SecuritySchemeType.OAUTH2,
        description = "OAuth 2.0 client credentials: the client id and secret this service's admin issued you",
        flows = @OAuthFlows(clientCredentials = @OAuthFlow(tokenUrl = "/oauth/token", scopes = {
            @OAuthScope(name = Roles.READ_ONLY, description = "read batches, records, transfers, organizations"),
            @OAuthScope(name = Roles.OPERATOR, description = "write products, batches, records, transfers, devices"),
            @OAuthScope(name = Roles.ADMIN, description = "governance, partners and grants"),
            @OAuthScope(name = Roles.PACT, description = "PACT partner: the granted footprints")})))
public final class Application {
    private Application() {
    }

    /**
     * @param args command-line arguments, e.g. {@code -micronaut.server.ssl.port=9443}
     */
    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                // SIGTERM stops the context: in-flight requests finish (graceful-shutdown-period), the pool closes,
                // then the embedded database stops.
                .banner(false)
                .start();
    }
}
