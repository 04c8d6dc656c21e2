package org.carbonledger.cli.service;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import picocli.CommandLine.Option;

/**
 * How to reach the Carbon Ledger service: its URL, an OAuth client (id; the secret only from an environment variable
 * or a file, never the command line), and which TLS certificate to trust.
 */
public final class ServiceOptions {
    static final String SECRET_ENV = "CARBONCTL_CLIENT_SECRET";

    @Option(names = "--service", paramLabel = "URL",
            description = "The service's base URL. Default: $CARBONCTL_SERVICE_URL, else https://localhost:8443.")
    URI service;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "OAuth client id (a client with the admin role). Default: $CARBONCTL_CLIENT_ID.")
    String clientId;

    @Option(names = "--client-secret-env", paramLabel = "VAR",
            description = "Read the client secret from this environment variable (default $" + SECRET_ENV + ").")
    String secretEnv;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "Read the client secret from the first line of this file.")
    Path secretFile;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "Trust this certificate (PEM) for the service's TLS, e.g. the self-signed "
                    + "service/run/tls/server.crt (the default when it exists and the service is on this machine).")
    Path cacert;

    @Option(names = "--insecure",
            description = "Do not check the service's certificate. Only for a service on localhost.")
    boolean insecure;

    private final CliContext ctx;

    /** @param ctx the command's surroundings */
    public ServiceOptions(CliContext ctx) {
        this.ctx = ctx;
    }

    URI baseUri() {
        URI uri = service != null ? service
                : URI.create(ctx.env("CARBONCTL_SERVICE_URL").orElse("https://localhost:8443"));
        if (!"https".equals(uri.getScheme())) {
            throw CliException.invalid("--service " + uri + ": the service is reached over https only");
        }
        return uri;
    }

    String clientId() {
        return Optional.ofNullable(clientId).or(() -> ctx.env("CARBONCTL_CLIENT_ID")).orElseThrow(() ->
                CliException.invalid("no OAuth client: give --client-id (or set CARBONCTL_CLIENT_ID) and its secret "
                        + "in $" + SECRET_ENV + " or --client-secret-file"));
    }

    String secret() {
        if (secretFile != null) {
            String first = CliFiles.readText(ctx.resolve(secretFile), "client secret file").lines().findFirst()
                    .orElse("");
            if (first.isEmpty()) {
                throw CliException.invalid("client secret file " + secretFile + " is empty");
            }
            return first;
        }
        String var = secretEnv != null ? secretEnv : SECRET_ENV;
        return ctx.env(var).orElseThrow(() -> CliException.invalid("no client secret: set $" + var
                + (secretEnv == null ? " or give --client-secret-file FILE" : "")));
    }

    boolean insecure() {
        if (insecure && !isLocal(baseUri().getHost())) {
            throw CliException.invalid("--insecure is only allowed for a service on localhost; for "
                    + baseUri().getHost() + " give --cacert with its certificate");
        }
        return insecure;
    }

    Optional<Path> cacert() {
        if (cacert != null) {
            return Optional.of(ctx.resolve(cacert));
        }
        Path selfSigned = ctx.homeOrWorkingDir().resolve("service/run/tls/server.crt");
        return isLocal(baseUri().getHost()) && Files.isRegularFile(selfSigned) ? Optional.of(selfSigned)
                : Optional.empty();
    }

    static boolean isLocal(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || host.equals("::1"));
    }
}
