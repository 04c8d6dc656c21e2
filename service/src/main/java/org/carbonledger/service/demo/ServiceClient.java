package org.carbonledger.service.demo;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;

/**
 * A client of one service instance as a partner system uses it: OAuth2 client credentials, then JSON over HTTPS.
 * It trusts a self-signed certificate only on a loopback address (the local demo); anything else must present a
 * certificate the JVM trusts.
 */
public final class ServiceClient {
    private final HttpClient http;
    private final URI base;
    private final String token;

    private ServiceClient(URI base, String clientId, String secret) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(loopbackTrusting()).build();
        this.token = token(clientId, secret);
    }

    public static ServiceClient connect(URI base, String clientId, String secret) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        return new ServiceClient(base, clientId, secret);
    }

    /** One answer: the status, the body and the headers. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return Json.parseObject(body, "response");
        }

        /** The body as a JSON object to read members from. */
        public org.carbonledger.core.json.JsonObjectReader read() {
            return org.carbonledger.core.json.JsonObjectReader.of(json(), "");
        }

        /** A string member of the body. */
        public String string(String member) {
            return read().requireString(member);
        }

        public java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Answer post(String path, JsonValue body) {
        return post(path, Json.write(body), "application/json");
    }

    /** POSTs a body of any type, e.g. a {@code text/csv} upload of signed records. */
    public Answer post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer put(String path, JsonValue body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private Answer send(HttpRequest.Builder request) {
        return exchange(request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)));
    }

    private String token(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Answer answer = exchange(HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        if (answer.status() != 200) {
            throw new IllegalStateException("no token for " + clientId + " from " + base + ": " + answer);
        }
        return org.carbonledger.core.json.JsonObjectReader.of(answer.json(), "").requireString("access_token");
    }

    private Answer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static SSLContext loopbackTrusting() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new LoopbackTrustManager()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts any server certificate from a loopback peer, none from elsewhere. */
    private static final class LoopbackTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            requireLoopback(engine.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            requireLoopback(socket.getInetAddress().getHostAddress());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("peer address unknown: only loopback services are trusted");
        }

        private static void requireLoopback(String host) throws CertificateException {
            if (!"localhost".equals(host) && !"127.0.0.1".equals(host) && !"::1".equals(host)) {
                throw new CertificateException(host + " is not a loopback address: its certificate is not trusted");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
