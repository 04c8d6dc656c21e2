package org.carbonledger.bench.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.carbonledger.apiclient.ClientEnv;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.apiclient.ServiceTrust;

/**
 * The service {@code make up} started on this machine, as the load generator reaches it: https on a loopback address
 * only, trusting only the service's own certificate, as one of the demo clients of its clients file
 * ({@code service/run/<org>/demo-clients.env}, the certificate in {@code tls/server.crt} beside it).
 */
public final class LocalService {
    private LocalService() {
    }

    /**
     * @param base      e.g. {@code https://localhost:8443}
     * @param clientEnv the service's demo clients file
     * @param role      which of its clients: {@code OPERATOR}, {@code READER}, ...
     * @throws IllegalArgumentException when the URL is not https on loopback, or the clients file or the certificate
     *                                  beside it is missing or unusable
     */
    public static ServiceClient connect(URI base, Path clientEnv, String role) {
        requireLoopback(base);
        Path certificate = ClientEnv.certificateBeside(clientEnv);
        ServiceTrust trust;
        try {
            trust = ServiceTrust.certificates(List.of(certificate));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (make up writes the service's certificate in the "
                    + "tls folder beside its demo-clients.env: is --client-env that file?)", e);
        }
        return ServiceClient.builder(base).trust(trust)
                .credentials(ClientEnv.read(clientEnv).credentials(role, clientEnv.toString())).build();
    }

    /** The service's metrics ({@code GET /prometheus}; the operator role may read them). */
    public static Prometheus metrics(ServiceClient service) {
        ServiceResponse r = service.send(ServiceRequest.get("/prometheus").withAccept("text/plain"));
        if (r.status() != 200) {
            throw new IllegalStateException("/prometheus: HTTP " + r.status() + " " + r.excerpt());
        }
        return Prometheus.parse(r.text());
    }

    /** https, and every address of the host is a loopback address. */
    static void requireLoopback(URI base) {
        Objects.requireNonNull(base, "base");
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--service " + base + ": must be https://HOST:PORT");
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(base.getHost())) {
                if (!a.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--service " + base + ": " + base.getHost() + " resolves to "
                            + a.getHostAddress() + ", not a loopback address; the self-signed certificate is trusted "
                            + "on loopback only");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--service " + base + ": unknown host", e);
        }
    }
}
