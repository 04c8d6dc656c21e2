package org.carbonledger.cli.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
            description = "Trust this certificate (PEM) for the service's TLS. Default for a service on this machine: "
                    + "the self-signed certificates of the local services, service/run/*/tls/server.crt.")
    Path cacert;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long to wait for an answer (default ${DEFAULT-VALUE}: an audit replays the whole chain).")
    int timeoutSeconds;

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

    /** @return the certificates to trust: the one given, else the local services' own; empty for the JDK's CAs */
    List<Path> cacerts() {
        if (cacert != null) {
            return List.of(ctx.resolve(cacert));
        }
        if (!isLocal(baseUri().getHost())) {
            return List.of();
        }
        List<Path> local = new ArrayList<>();
        Path run = ctx.homeOrWorkingDir().resolve("service/run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> orgs = Files.list(run)) {
                orgs.map(d -> d.resolve("tls/server.crt")).filter(Files::isRegularFile).sorted().forEach(local::add);
            } catch (IOException e) {
                throw CliException.invalid("cannot list " + run + ": " + CliFiles.reason(e));
            }
        }
        return local;
    }

    Duration timeout() {
        if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
            throw CliException.invalid("--timeout must be 1 to 86400 seconds, was " + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    static boolean isLocal(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                || host.equals("::1"));
    }
}
