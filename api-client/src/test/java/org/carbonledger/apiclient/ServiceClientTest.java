package org.carbonledger.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonledger.apiclient.ServiceUnreachableException.Reason;
import org.carbonledger.apiclient.testing.LocalHttpsServer;
import org.carbonledger.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real HTTPS server on this machine that speaks the service's contract: the client-credentials
 * token endpoint, bearer calls, problem JSON, a self-signed certificate.
 */
class ServiceClientTest {
    static final String SECRET = "s3cret:with%chars";
    static final Credentials ADMIN = new Credentials("steelco-admin", SECRET);

    @TempDir
    Path dir;

    private LocalHttpsServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = LocalHttpsServer.start(dir, "server.crt");
        server.route("/oauth/token", this::token);
        server.route("/api/v1/echo", x -> {
            if (authorized(x)) {
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                LocalHttpsServer.json(x, x.getRequestMethod().equals("POST") ? 201 : 200,
                        "{\"method\":\"" + x.getRequestMethod() + "\",\"contentType\":\""
                                + x.getRequestHeaders().getFirst("Content-Type") + "\",\"body\":"
                                + (body.isEmpty() ? "null" : body) + "}");
            }
        });
        server.route("/api/v1/batches", x -> {
            if (authorized(x)) {
                LocalHttpsServer.json(x, 422, "{\"type\":\"urn:carbonledger:problem:INVALID_ARGUMENT\","
                        + "\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"quantity.amount \\\"-1\\\": "
                        + "must be positive\",\"code\":\"INVALID_ARGUMENT\",\"errors\":[{\"field\":\"quantity.amount\","
                        + "\"reason\":\"must be positive\"}]}");
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void token(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String expected = "Basic " + Base64.getEncoder().encodeToString(("steelco-admin:"
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        requests.add("POST /oauth/token " + body);
        if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))
                || !"application/x-www-form-urlencoded".equals(x.getRequestHeaders().getFirst("Content-Type"))
                || !body.equals("grant_type=client_credentials")) {
            LocalHttpsServer.json(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or "
                    + "wrong secret\"}");
            return;
        }
        LocalHttpsServer.json(x, 200, "{\"access_token\":\"tok-" + tokensIssued.incrementAndGet()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    /** Only the newest token is valid, as after an expiry. */
    private boolean authorized(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " " + auth);
        if (!("Bearer tok-" + tokensIssued.get()).equals(auth)) {
            LocalHttpsServer.json(x, 401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"no valid bearer token\",\"errors\":[]}");
            return false;
        }
        return true;
    }

    private ServiceClient client(Credentials credentials) {
        return ServiceClient.builder(server.uri("localhost"))
                .trust(ServiceTrust.certificates(List.of(server.certificate()))).credentials(credentials).build();
    }

    @Test
    void obtains_one_token_then_sends_json_bodies_with_the_bearer() {
        ServiceClient client = client(ADMIN);
        JsonObject put = client.put("/api/v1/echo", JsonObject.builder().put("displayName", "SteelCo").build());
        JsonObject post = client.post("/api/v1/echo", JsonObject.builder().put("n", 1).build());
        JsonObject get = client.get("/api/v1/echo?x=1");

        assertThat(put.toString()).isEqualTo("{\"method\":\"PUT\",\"contentType\":\"application/json\","
                + "\"body\":{\"displayName\":\"SteelCo\"}}");
        assertThat(post.toString()).contains("\"method\":\"POST\"", "\"body\":{\"n\":1}");
        assertThat(get.toString()).contains("\"method\":\"GET\"");
        assertThat(requests).containsExactly("POST /oauth/token grant_type=client_credentials",
                "PUT /api/v1/echo Bearer tok-1", "POST /api/v1/echo Bearer tok-1", "GET /api/v1/echo?x=1 Bearer tok-1");
    }

    @Test
    void an_expired_token_is_renewed_once_and_the_request_sent_again() {
        ServiceClient client = client(ADMIN);
        client.get("/api/v1/echo");
        tokensIssued.incrementAndGet(); // the service no longer accepts tok-1
        requests.clear();

        assertThat(client.get("/api/v1/echo").toString()).contains("\"method\":\"GET\"");
        assertThat(requests).containsExactly("GET /api/v1/echo Bearer tok-1",
                "POST /oauth/token grant_type=client_credentials", "GET /api/v1/echo Bearer tok-3");
        assertThat(client.bearerToken()).isEqualTo("tok-3");
    }

    @Test
    void a_refusal_is_a_typed_problem_with_its_code_and_fields() {
        ServiceProblemException e = org.junit.jupiter.api.Assertions.assertThrows(ServiceProblemException.class,
                () -> client(ADMIN).post("/api/v1/batches", JsonObject.empty()));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.path()).isEqualTo("/api/v1/batches");
        assertThat(e.credentialsRefused()).isFalse();
        assertThat(e.problem().code()).contains("INVALID_ARGUMENT");
        assertThat(e.problem().errors()).containsExactly(new ServiceProblem.FieldError("quantity.amount",
                "must be positive"));
        assertThat(e.getMessage()).isEqualTo("the service answered 422 to /api/v1/batches: quantity.amount \"-1\": "
                + "must be positive");
    }

    @Test
    void refused_credentials_are_told_apart_and_the_secret_never_shows() {
        ServiceProblemException e = org.junit.jupiter.api.Assertions.assertThrows(ServiceProblemException.class,
                () -> client(new Credentials("steelco-admin", "guess")).get("/api/v1/echo"));
        assertThat(e.credentialsRefused()).isTrue();
        assertThat(e.problem().detail()).isEqualTo("unknown client or wrong secret");
        assertThat(e.getMessage()).doesNotContain("guess");
        assertThat(requests).containsExactly("POST /oauth/token grant_type=client_credentials");
    }

    @Test
    void an_answer_that_is_not_a_problem_keeps_its_start_and_a_2xx_that_is_not_json_is_unreadable() {
        server.route("/proxy", x -> LocalHttpsServer.send(x, 502, "text/html",
                "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)));
        server.route("/empty", x -> LocalHttpsServer.send(x, 503, "text/plain", new byte[0]));
        server.route("/html", x -> LocalHttpsServer.send(x, 200, "text/html",
                "<html>hi</html>".getBytes(StandardCharsets.UTF_8)));
        ServiceClient anonymous = ServiceClient.builder(server.uri("127.0.0.1"))
                .trust(ServiceTrust.certificates(List.of(server.certificate()))).build();

        assertThatThrownBy(() -> anonymous.get("/proxy")).isInstanceOf(ServiceProblemException.class)
                .hasMessage("the service answered 502 to /proxy: \"<html>bad gateway</html>\"");
        assertThatThrownBy(() -> anonymous.get("/empty")).hasMessage("the service answered 503 to /empty: (no body)");
        assertThatThrownBy(() -> anonymous.get("/html")).isInstanceOf(UnreadableAnswerException.class)
                .hasMessageStartingWith("the service answered /html with something that is not a JSON object");
    }

    @Test
    void an_anonymous_client_sends_no_token_and_send_returns_any_status() {
        server.route("/01/", x -> {
            requests.add(x.getRequestURI() + " " + x.getRequestHeaders().getFirst("Authorization") + " "
                    + x.getRequestHeaders().getFirst("Accept"));
            if (x.getRequestURI().getPath().endsWith("/10/L1")) {
                LocalHttpsServer.send(x, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            } else {
                LocalHttpsServer.json(x, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"Unknown lot\"}");
            }
        });
        ServiceClient anonymous = ServiceClient.builder(server.uri("localhost"))
                .trust(ServiceTrust.certificates(List.of(server.certificate()))).build();

        byte[] png = anonymous.fetch(ServiceRequest.get("/01/09506000134390/10/L1?format=qr-png")
                .withAccept("image/png")).body();
        ServiceResponse missing = anonymous.send(ServiceRequest.get("/01/09506000134390/10/L2"));

        assertThat(png).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).contains("application/problem+json");
        assertThat(missing.problem().detail()).isEqualTo("Unknown lot");
        assertThatThrownBy(() -> anonymous.fetch(ServiceRequest.get("/01/09506000134390/10/L2")))
                .isInstanceOf(ServiceProblemException.class).hasMessage("the service answered 404 to "
                        + "/01/09506000134390/10/L2: Unknown lot");
        assertThat(requests).containsExactly("/01/09506000134390/10/L1?format=qr-png null image/png",
                "/01/09506000134390/10/L2 null application/json", "/01/09506000134390/10/L2 null application/json");
        assertThatThrownBy(anonymous::bearerToken).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_the_services_own_certificate_is_trusted() throws Exception {
        try (LocalHttpsServer other = LocalHttpsServer.start(dir, "other.crt")) {
            ServiceClient wrongCert = ServiceClient.builder(server.uri("localhost"))
                    .trust(ServiceTrust.certificates(List.of(other.certificate()))).credentials(ADMIN).build();
            ServiceUnreachableException e = org.junit.jupiter.api.Assertions.assertThrows(
                    ServiceUnreachableException.class, () -> wrongCert.get("/api/v1/echo"));
            assertThat(e.reason()).isEqualTo(Reason.TLS);
        }
        ServiceClient jdkCas = ServiceClient.builder(server.uri("localhost")).credentials(ADMIN).build();
        assertThatThrownBy(() -> jdkCas.get("/api/v1/echo")).isInstanceOf(ServiceUnreachableException.class)
                .extracting(e -> ((ServiceUnreachableException) e).reason()).isEqualTo(Reason.TLS);
        assertThat(requests).isEmpty();
    }

    @Test
    void any_certificate_is_accepted_from_a_loopback_address_only() {
        ServiceClient insecure = ServiceClient.builder(server.uri("127.0.0.1"))
                .trust(ServiceTrust.anyCertificateOnLoopback()).credentials(ADMIN).build();
        assertThat(insecure.get("/api/v1/echo").toString()).contains("GET");
        assertThatThrownBy(() -> ServiceClient.builder(URI.create("https://ledger.example.com:8443"))
                .trust(ServiceTrust.anyCertificateOnLoopback()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback address only");
    }

    @Test
    void files_that_hold_no_certificate_are_named() throws IOException {
        Path garbage = java.nio.file.Files.writeString(dir.resolve("garbage.crt"), "not a certificate");
        assertThatThrownBy(() -> ServiceTrust.certificates(List.of(server.certificate(), garbage)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("certificate file " + garbage + " ");
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> ServiceTrust.certificates(List.of(missing)))
                .hasMessage("certificate file " + missing + ": no such file");
    }

    @Test
    void no_answer_is_told_apart_from_a_refusal() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServiceClient nobody = ServiceClient.builder(URI.create("https://127.0.0.1:" + port))
                .trust(ServiceTrust.anyCertificateOnLoopback()).build();
        assertThatThrownBy(() -> nobody.get("/health")).isInstanceOf(ServiceUnreachableException.class)
                .extracting(e -> ((ServiceUnreachableException) e).reason()).isEqualTo(Reason.CONNECTION_REFUSED);

        server.route("/slow", x -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalHttpsServer.json(x, 200, "{}");
        });
        ServiceClient impatient = ServiceClient.builder(server.uri("localhost"))
                .trust(ServiceTrust.certificates(List.of(server.certificate()))).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> impatient.get("/slow")).isInstanceOf(ServiceUnreachableException.class)
                .extracting(e -> ((ServiceUnreachableException) e).reason()).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void the_service_is_reached_over_https_only() {
        assertThatThrownBy(() -> ServiceClient.builder(URI.create("http://localhost:8443")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https only");
    }
}
