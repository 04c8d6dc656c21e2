package org.carbonledger.cli.service;

import java.nio.file.Path;
import java.util.Optional;
import org.carbonledger.apiclient.Credentials;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import picocli.CommandLine.Option;

/** The OAuth client a command calls the service as: its id, and its secret only from an environment variable or a
 * file, never the command line. */
public final class ServiceLogin {
    static final String SECRET_ENV = "CARBONCTL_CLIENT_SECRET";

    @Option(names = "--client-id", paramLabel = "ID",
            description = "OAuth client id (a client with the admin role). Default: $CARBONCTL_CLIENT_ID.")
    String clientId;

    @Option(names = "--client-secret-env", paramLabel = "VAR",
            description = "Read the client secret from this environment variable (default $" + SECRET_ENV + ").")
    String secretEnv;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "Read the client secret from the first line of this file.")
    Path secretFile;

    private final CliContext ctx;

    /** @param ctx the command's surroundings */
    public ServiceLogin(CliContext ctx) {
        this.ctx = ctx;
    }

    /** @return the client id and its secret */
    public Optional<Credentials> credentials() {
        return Optional.of(new Credentials(clientId(), secret()));
    }

    private String clientId() {
        return Optional.ofNullable(clientId).or(() -> ctx.env("CARBONCTL_CLIENT_ID")).orElseThrow(() ->
                CliException.invalid("no OAuth client: give --client-id (or set CARBONCTL_CLIENT_ID) and its secret "
                        + "in $" + SECRET_ENV + " or --client-secret-file"));
    }

    private String secret() {
        if (secretFile != null) {
            String first = CliFiles.readText(ctx.resolve(secretFile), "client secret file").lines().findFirst()
                    .orElse("");
            if (first.isEmpty()) {
                throw CliException.invalid("client secret file " + secretFile + " is empty");
            }
            return first;
        }
        String var = secretEnv != null ? secretEnv : SECRET_ENV;
        return ctx.env(var).filter(v -> !v.isEmpty()).orElseThrow(() -> CliException.invalid("no client secret: set $"
                + var + (secretEnv == null ? " or give --client-secret-file FILE" : "")));
    }
}
