package org.carbonledger.apiclient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.carbonledger.apiclient.ServiceUnreachableException.Reason;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * The service's HTTPS API, as carbonctl, the demo seeder and the load generator use it: an OAuth 2.0
 * client-credentials token obtained on the first call (and again once when the service answers 401 to an expired
 * one), bearer calls with JSON bodies, and refusals as {@link ServiceProblemException}s carrying the service's
 * problem. Safe for concurrent use.
 *
 * <pre>{@code
 * ServiceClient steelco = ServiceClient.builder(URI.create("https://localhost:8443"))
 *         .trust(ServiceTrust.certificates(List.of(Path.of("service/run/steelco/tls/server.crt"))))
 *         .credentials(new Credentials("steelco-admin", secret))
 *         .build();
 * JsonObject status = steelco.get("/api/v1/admin/read-model");
 * }</pre>
 */
public final class ServiceClient {
    /** The default bound on one request: longer than the service's own bound on a bulk write. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final HttpClient http;
    private final Optional<Credentials> credentials;
    private final Duration timeout;
    private volatile String token;

    private ServiceClient(URI base, HttpClient http, Optional<Credentials> credentials, Duration timeout) {
        this.base = base;
        this.http = http;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /**
     * @param base the service's base URL, https only, e.g. {@code https://localhost:8443}
     * @return a builder; without {@link Builder#credentials} calls are anonymous (the passport's routes)
     */
    public static Builder builder(URI base) {
        Objects.requireNonNull(base, "base");
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("service " + base + ": the service is reached over https only "
                    + "(https://HOST:PORT)");
        }
        return new Builder(URI.create("https://" + base.getRawAuthority()));
    }

    /** Builds a {@link ServiceClient}. */
    public static final class Builder {
        private final URI base;
        private ServiceTrust trust;
        private Credentials credentials;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI base) {
            this.base = base;
        }

        /** Which certificates to accept (default: the JDK's certificate authorities). */
        public Builder trust(ServiceTrust trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** The OAuth client the calls are made as. */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The bound on one request unless it sets its own (default {@link #DEFAULT_TIMEOUT}). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @throws IllegalArgumentException when a trust that checks no certificate is paired with a host that is
         *                                  not this machine's loopback
         */
        public ServiceClient build() {
            ServiceTrust t = trust != null ? trust : ServiceTrust.jdkDefault();
            if (!t.checksCertificate() && !ServiceTrust.isLoopback(base.getHost())) {
                throw new IllegalArgumentException("service " + base + ": any certificate is accepted from a "
                        + "loopback address only");
            }
            // HTTP/1.1: one request per connection at a time, as the load measurements were made.
            HttpClient http = HttpClient.newBuilder().sslContext(t.context()).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            return new ServiceClient(base, http, Optional.ofNullable(credentials), timeout);
        }
    }

    /** @return the service's base URL (scheme and authority) */
    public URI base() {
        return base;
    }

    /** @return the OAuth client the calls are made as, if any */
    public Optional<Credentials> credentials() {
        return credentials;
    }

    /** {@code GET path}: the JSON object answered. */
    public JsonObject get(String path) {
        return object(ServiceRequest.get(path));
    }

    /** {@code POST path} without a body: the JSON object answered. */
    public JsonObject post(String path) {
        return object(ServiceRequest.post(path, new byte[0], ServiceRequest.JSON));
    }

    /** {@code POST path} with a JSON body: the JSON object answered. */
    public JsonObject post(String path, JsonValue body) {
        return object(ServiceRequest.json("POST", path, body));
    }

    /** {@code PUT path} with a JSON body: the JSON object answered. */
    public JsonObject put(String path, JsonValue body) {
        return object(ServiceRequest.json("PUT", path, body));
    }

    /**
     * @return a 2xx answer, whatever its body's type (a QR code's PNG)
     * @throws ServiceProblemException on any other status
     */
    public ServiceResponse fetch(ServiceRequest request) {
        ServiceResponse response = send(request);
        if (!response.ok()) {
            throw new ServiceProblemException(base, request.path(), response.problem());
        }
        return response;
    }

    /**
     * Sends a request as it is and returns whatever status came back: for callers that count statuses.
     *
     * @throws ServiceUnreachableException when no answer came
     * @throws ServiceProblemException     when the token endpoint refused the credentials
     */
    public ServiceResponse send(ServiceRequest request) {
        Objects.requireNonNull(request, "request");
        if (credentials.isEmpty()) {
            return exchange(request, Optional.empty());
        }
        String used = bearerToken();
        ServiceResponse response = exchange(request, Optional.of(used));
        if (response.status() == 401) {
            // The token expired (they live an hour; a long run outlives it): one fresh token, one retry. A 401
            // means the service did not act on the request, so sending it again is safe.
            response = exchange(request, Optional.of(renewToken(used)));
        }
        return response;
    }

    /**
     * Obtains a fresh token now ({@code POST /oauth/token}, HTTP Basic, client_credentials).
     *
     * @throws IllegalStateException   when the client has no credentials
     * @throws ServiceProblemException when the service refused them
     */
    public void authenticate() {
        synchronized (this) {
            token = requestToken();
        }
    }

    /** @return the current bearer token, obtained first if there is none (for tools run beside this one, wrk) */
    public String bearerToken() {
        String t = token;
        if (t != null) {
            return t;
        }
        synchronized (this) {
            if (token == null) {
                token = requestToken();
            }
            return token;
        }
    }

    private synchronized String renewToken(String expired) {
        if (expired.equals(token)) {
            token = requestToken();
        }
        return token;
    }

    private String requestToken() {
        Credentials c = credentials.orElseThrow(() -> new IllegalStateException("no OAuth client given"));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(c.clientId(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(c.secret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        ServiceRequest request = ServiceRequest.post(ServiceProblemException.TOKEN_PATH,
                "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        ServiceResponse response = exchange(request, builder(request).header("Authorization", "Basic " + basic));
        if (!response.ok()) {
            throw new ServiceProblemException(base, request.path(), response.problem());
        }
        return JsonObjectReader.of(object(request.path(), response), "").requireString("access_token");
    }

    private JsonObject object(ServiceRequest request) {
        ServiceResponse response = send(request);
        if (!response.ok()) {
            throw new ServiceProblemException(base, request.path(), response.problem());
        }
        return object(request.path(), response);
    }

    private JsonObject object(String path, ServiceResponse response) {
        if (response.body().length == 0) {
            return JsonObject.empty();
        }
        try {
            return Json.parseObject(response.body(), path);
        } catch (LedgerRuleException e) {
            throw new UnreadableAnswerException(base, path, "the service answered " + path + " with something "
                    + "that is not a JSON object: " + e.getMessage(), e);
        }
    }

    private ServiceResponse exchange(ServiceRequest request, Optional<String> bearer) {
        HttpRequest.Builder built = builder(request);
        bearer.ifPresent(t -> built.header("Authorization", "Bearer " + t));
        return exchange(request, built);
    }

    private HttpRequest.Builder builder(ServiceRequest request) {
        HttpRequest.Builder built = HttpRequest.newBuilder(base.resolve(request.path()))
                .timeout(request.timeout().orElse(timeout)).header("Accept", request.accept())
                .method(request.method(), request.body().length == 0 && request.method().equals("GET")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.contentType().ifPresent(type -> built.header("Content-Type", type));
        return built;
    }

    private ServiceResponse exchange(ServiceRequest request, HttpRequest.Builder built) {
        String path = request.path();
        try {
            HttpResponse<byte[]> r = http.send(built.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ServiceResponse(r.statusCode(), r.headers().map(), r.body());
        } catch (HttpTimeoutException e) {
            throw new ServiceUnreachableException(base, path, Reason.TIMEOUT, "the service at " + base
                    + " did not answer " + path + " within " + request.timeout().orElse(timeout).toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new ServiceUnreachableException(base, path, Reason.CONNECTION_REFUSED, "cannot reach the service at "
                    + base + ": connection refused", e);
        } catch (IOException e) {
            if (e instanceof SSLException || e.getCause() instanceof SSLException) {
                throw new ServiceUnreachableException(base, path, Reason.TLS, "TLS with " + base + " failed: "
                        + e.getMessage(), e);
            }
            throw new ServiceUnreachableException(base, path, Reason.IO, "the service at " + base
                    + " did not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException(base, path, Reason.INTERRUPTED, "interrupted while waiting for the "
                    + "service at " + base, e);
        }
    }
}
