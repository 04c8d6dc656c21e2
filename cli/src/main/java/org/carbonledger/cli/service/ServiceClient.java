package org.carbonledger.cli.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * The service's HTTPS API as the CLI uses it: an OAuth 2.0 client-credentials token, then bearer calls. Failures
 * become one-line messages with the service's problem detail (RFC 9457) and the exit code of their kind.
 */
final class ServiceClient {
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final String clientId;
    private final String secret;
    private String token;

    private ServiceClient(URI base, Duration timeout, HttpClient http, String clientId, String secret) {
        this.base = base;
        this.timeout = timeout;
        this.http = http;
        this.clientId = clientId;
        this.secret = secret;
    }

    static ServiceClient of(ServiceOptions options) {
        URI base = options.baseUri();
        List<Path> cacerts = options.cacerts();
        SSLContext tls = options.insecure() ? trustAll() : cacerts.isEmpty() ? defaultContext() : trusting(cacerts);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        return new ServiceClient(base, options.timeout(), http, options.clientId(), options.secret());
    }

    /** GET a JSON document with the bearer token. */
    JsonObject get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), path);
    }

    /** POST (no body) with the bearer token. */
    JsonObject post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()), path);
    }

    private JsonObject send(HttpRequest.Builder request, String path) {
        if (token == null) {
            token = token();
        }
        HttpResponse<byte[]> response = exchange(request.timeout(timeout).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build());
        if (response.statusCode() / 100 != 2) {
            throw failure(response, path);
        }
        return object(response, path);
    }

    private String token() {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = exchange(HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        if (response.statusCode() == 401 || response.statusCode() == 400) {
            throw new CliException(ExitCode.REFUSED, "the service refused the client credentials of " + clientId
                    + " (" + detail(response) + "): check --client-id and the secret");
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(response, "/oauth/token");
        }
        return JsonObjectReader.of(object(response, "/oauth/token"), "").requireString("access_token");
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLHandshakeException e) {
            throw new CliException(ExitCode.INVALID_INPUT, "TLS with " + base + " failed: " + e.getMessage()
                    + " (give the service's certificate with --cacert, e.g. service/run/steelco/tls/server.crt, or "
                    + "--insecure for localhost)", e);
        } catch (ConnectException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "cannot reach the service at " + base
                    + ": connection refused (is it running?)", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "the service at " + base + " did not answer within "
                    + timeout.toSeconds() + " s (--timeout)", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "the service at " + base + " did not answer: "
                    + CliFiles.reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.UNAVAILABLE, "interrupted while waiting for the service", e);
        }
    }

    private CliException failure(HttpResponse<byte[]> response, String path) {
        int status = response.statusCode();
        int exit = switch (status) {
            case 401, 403, 409, 422 -> ExitCode.REFUSED;
            case 404 -> ExitCode.NOT_FOUND;
            case 400 -> ExitCode.INVALID_INPUT;
            default -> ExitCode.UNAVAILABLE;
        };
        String hint = status == 403 ? " (the client " + clientId + " needs the admin role)" : "";
        return new CliException(exit, "the service answered " + status + " to " + path + ": " + detail(response) + hint);
    }

    /** The problem's detail (or title), or the start of the body. */
    private static String detail(HttpResponse<byte[]> response) {
        try {
            JsonValue v = Json.parse(response.body(), "response");
            if (v instanceof JsonObject o) {
                JsonObjectReader r = JsonObjectReader.of(o, "");
                Optional<String> text = r.optionalString("detail").or(() -> r.optionalString("error_description"))
                        .or(() -> r.optionalString("title")).or(() -> r.optionalString("error"));
                if (text.isPresent()) {
                    return text.get();
                }
            }
        } catch (LedgerRuleException notJson) {
            // fall through to the raw body
        }
        String body = new String(response.body(), StandardCharsets.UTF_8).strip();
        return body.isEmpty() ? "(no body)" : LedgerRuleException.quote(body);
    }

    private static JsonObject object(HttpResponse<byte[]> response, String path) {
        try {
            return Json.parseObject(response.body(), path);
        } catch (LedgerRuleException e) {
            throw new CliException(ExitCode.UNAVAILABLE, "the service answered " + path + " with something that is "
                    + "not a JSON object: " + e.getMessage());
        }
    }

    private static SSLContext trusting(List<Path> pems) {
        Path pem = pems.get(0);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Path p : pems) {
                pem = p;
                int before = n;
                for (var cert : cf.generateCertificates(new ByteArrayInputStream(CliFiles.read(p, "certificate")))) {
                    store.setCertificateEntry("trusted-" + n++, cert);
                }
                if (n == before) {
                    throw CliException.invalid("certificate file " + p + " holds no certificate");
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw CliException.invalid("certificate file " + pem + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** --insecure: accepts any certificate and any host name (an extended trust manager does both checks). */
    private static SSLContext trustAll() {
        X509ExtendedTrustManager any = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
            }

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
        };
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {any}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }
}
