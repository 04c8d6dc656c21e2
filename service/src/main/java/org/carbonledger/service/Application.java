package org.carbonledger.service;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the Carbon Ledger service of one member organization. */
@OpenAPIDefinition(
        info = @Info(title = "Carbon Ledger", version = "1",
                description = "HTTP API of one member organization's Carbon Ledger service: suppliers and certifiers "
                        + "record, seal, ship and attest product carbon footprints on a Hyperledger Fabric ledger. "
                        + "Obtain a token from POST /oauth/token (client credentials); errors are RFC 9457 problem "
                        + "JSON.",
                license = @License(name = "Apache-2.0")))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
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
