package org.carbonledger.service.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.micronaut.runtime.server.EmbeddedServer;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/** A running service as an HTTP client sees it: HTTPS, a client-credentials token, JSON in and out. */
final class ServiceApi {
    private final HttpClient http = HttpClient.newBuilder().sslContext(trustingLocalCertificate()).build();
    private final URI base;
    private final String token;

    ServiceApi(EmbeddedServer server, String clientId, String secret) {
        this.base = server.getURI();
        this.token = token(clientId, secret);
    }

    /** One answer: status, body as JSON (or text), headers. */
    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return Json.parseObject(body, "response");
        }

        JsonObjectReader read() {
            return JsonObjectReader.of(json(), "");
        }

        String string(String member) {
            return read().requireString(member);
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET());
    }

    Answer post(String path, JsonValue body) {
        return post(path, Json.write(body), "application/json");
    }

    Answer post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, JsonValue body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private String token(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Answer answer = send(HttpRequest.newBuilder(base.resolve("/oauth/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        if (answer.status() != 200) {
            throw new AssertionError("token for " + clientId + ": " + answer);
        }
        return answer.string("access_token");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The services under test present their own self-signed certificate on 127.0.0.1. */
    private static SSLContext trustingLocalCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
