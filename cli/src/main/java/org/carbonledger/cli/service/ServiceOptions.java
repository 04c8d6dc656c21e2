package org.carbonledger.cli.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.carbonledger.apiclient.Credentials;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceException;
import org.carbonledger.apiclient.ServiceProblemException;
import org.carbonledger.apiclient.ServiceTrust;
import org.carbonledger.apiclient.ServiceUnreachableException;
import org.carbonledger.apiclient.UnreadableAnswerException;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import picocli.CommandLine.Option;

/**
 * How to reach the Carbon Ledger service: its URL and which TLS certificate to trust. Calls go through the API
 * client ({@link ServiceClient}); its failures become one-line messages with the service's problem detail and the
 * exit code of their kind.
 */
public final class ServiceOptions {
    @Option(names = "--service", paramLabel = "URL",
            description = "The service's base URL. Default: $CARBONCTL_SERVICE_URL, else https://localhost:8443.")
    URI service;

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

    /**
     * Calls the service and turns its failures into {@link CliException}s.
     *
     * @param as   the OAuth client to call as; empty for the service's anonymous routes (the passport)
     * @param call what to do with the client
     * @return what the call returned
     */
    public <T> T call(Optional<Credentials> as, Function<ServiceClient, T> call) {
        ServiceClient client = client(as);
        try {
            return call.apply(client);
        } catch (ServiceException e) {
            throw failure(e, as);
        }
    }

    private ServiceClient client(Optional<Credentials> as) {
        URI base = baseUri();
        boolean anyCertificate = insecure();
        List<Path> pems = anyCertificate ? List.of() : cacerts();
        ServiceTrust trust;
        try {
            trust = anyCertificate ? ServiceTrust.anyCertificateOnLoopback()
                    : pems.isEmpty() ? ServiceTrust.jdkDefault() : ServiceTrust.certificates(pems);
        } catch (IllegalArgumentException e) {
            throw CliException.invalid(e.getMessage());
        }
        ServiceClient.Builder builder = ServiceClient.builder(base).trust(trust).timeout(timeout());
        as.ifPresent(builder::credentials);
        return builder.build();
    }

    private CliException failure(ServiceException e, Optional<Credentials> as) {
        if (e instanceof ServiceProblemException p) {
            String clientId = as.map(Credentials::clientId).orElse("");
            if (p.credentialsRefused()) {
                return new CliException(ExitCode.REFUSED, "the service refused the client credentials of " + clientId
                        + " (" + p.problem().detail() + "): check --client-id and the secret", e);
            }
            int exit = switch (p.status()) {
                case 401, 403, 409, 422 -> ExitCode.REFUSED;
                case 404 -> ExitCode.NOT_FOUND;
                case 400 -> ExitCode.INVALID_INPUT;
                default -> ExitCode.UNAVAILABLE;
            };
            String hint = p.status() == 403 && as.isPresent() ? " (the client " + clientId + " needs the admin role)"
                    : "";
            return new CliException(exit, p.getMessage() + hint, e);
        }
        if (e instanceof ServiceUnreachableException u) {
            return switch (u.reason()) {
                case TLS -> new CliException(ExitCode.INVALID_INPUT, u.getMessage() + " (give the service's "
                        + "certificate with --cacert, e.g. service/run/steelco/tls/server.crt, or --insecure for "
                        + "localhost)", e);
                case CONNECTION_REFUSED -> new CliException(ExitCode.UNAVAILABLE, u.getMessage()
                        + " (is it running?)", e);
                case TIMEOUT -> new CliException(ExitCode.UNAVAILABLE, "the service at " + u.base()
                        + " did not answer within " + timeoutSeconds + " s (--timeout)", e);
                case IO, INTERRUPTED -> new CliException(ExitCode.UNAVAILABLE, u.getMessage(), e);
            };
        }
        if (e instanceof UnreadableAnswerException) {
            return new CliException(ExitCode.UNAVAILABLE, e.getMessage(), e);
        }
        throw new IllegalStateException("a service failure of an unknown kind", e);
    }

    URI baseUri() {
        URI uri = service != null ? service
                : URI.create(ctx.env("CARBONCTL_SERVICE_URL").orElse("https://localhost:8443"));
        if (!"https".equals(uri.getScheme())) {
            throw CliException.invalid("--service " + uri + ": the service is reached over https only");
        }
        return uri;
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
        return ServiceTrust.isLoopback(host);
    }
}
