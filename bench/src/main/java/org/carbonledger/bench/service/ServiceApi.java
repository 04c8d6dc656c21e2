package org.carbonledger.bench.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * The Carbon Ledger service's HTTP API as the load generator uses it: an OAuth client-credentials token, record
 * submissions, reads and the Prometheus scrape. Refuses any base URI that is not https on a loopback address, and
 * trusts only the service's own (self-signed) certificate, as {@code make up} wrote it.
 */
public final class ServiceApi {
    /** Longer than the service's own bound on a request (chunks, then the read-your-writes wait). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final HttpClient http;
    private volatile String bearer;

    private ServiceApi(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /**
     * @param base        e.g. {@code https://localhost:8443}
     * @param certificate the service's own certificate (PEM), the only one trusted: see {@link #certificateBeside}
     * @throws IllegalArgumentException when it is not https, its host is not (only) a loopback address, or the
     *                                  certificate file is not a PEM certificate
     */
    public static ServiceApi loopback(URI base, Path certificate) {
        requireLoopback(base);
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(certificate)).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String path = base.getPath() == null || base.getPath().equals("/") ? "" : base.getPath();
        return new ServiceApi(URI.create(base.getScheme() + "://" + base.getRawAuthority() + path), http);
    }

    /**
     * Where {@code make up} keeps a service's certificate: {@code service/run/<org>/tls/server.crt}, beside the
     * demo clients file {@code service/run/<org>/demo-clients.env} the load generator reads its credentials from.
     */
    public static Path certificateBeside(Path clientEnv) {
        Path dir = clientEnv.toAbsolutePath().getParent();
        return dir.resolve("tls").resolve("server.crt");
    }

    /** A TLS context that trusts exactly the certificates of one PEM file (and checks the host name, as always). */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("service-" + n++, c);
            }
            if (n == 0) {
                throw new IllegalArgumentException(pem + ": no certificate in it");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no service certificate at " + pem + " (make up writes it in the tls folder "
                    + "beside the service's demo-clients.env: is --client-env that file?)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the service certificate " + pem + ": " + e, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(pem + " is not a PEM certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
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
                            + a.getHostAddress() + ", not a loopback address; the self-signed certificate is trusted on loopback only");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--service " + base + ": unknown host", e);
        }
    }

    public URI base() {
        return base;
    }

    /** Obtains a token for the client ({@code POST /oauth/token}, HTTP Basic, client_credentials); valid 1 h. */
    public void authenticate(ClientEnv.Credentials client) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("token for " + client.clientId() + ": HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        JsonObject token = JsonObjectReader.asObject(Json.parse(r.body(), "token response"), "token response");
        bearer = JsonObjectReader.of(token, "token response").requireString("access_token");
    }

    /** The bearer token of the last {@link #authenticate}, for tools run next to this one (wrk). */
    public String bearerToken() {
        if (bearer == null) {
            throw new IllegalStateException("not authenticated");
        }
        return bearer;
    }

    /** {@code POST /api/v1/records} with a JSON array of signed records. */
    public HttpResponse<String> postRecords(String jsonArray) throws IOException, InterruptedException {
        return http.send(authorized("/api/v1/records").timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonArray)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} (path and query, already encoded). */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, Duration.ofSeconds(30));
    }

    /** {@code GET path} with a timeout of its own (a verification reads a whole chain from the ledger). */
    public HttpResponse<String> get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        return http.send(authorized(pathAndQuery).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The service's metrics ({@code GET /prometheus}; the operator role may read them). */
    public Prometheus metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/prometheus");
        if (r.statusCode() != 200) {
            throw new IOException("/prometheus: HTTP " + r.statusCode());
        }
        return Prometheus.parse(r.body());
    }

    private HttpRequest.Builder authorized(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Authorization", "Bearer " + bearerToken());
    }

    public static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
