package org.carbonledger.service.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_7;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.PELLETS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Answers to the RequestCreatedEvents of partners without a configured events endpoint, as PACT's conformance tool
 * sends them: delivered to {@code /3/events} under the event's source, with a token from the source. The partner's
 * system is a real HTTP server started here (the JDK's), recording what it receives.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PactCallbackTest implements TestPropertyProvider {
    private static final String CALLBACK_ID = "steelco-at-partner";
    private static final String CALLBACK_SECRET = "callback-secret-9876543210";
    private static final String BASE_URL = "https://pact.steelco.example/pact-api";

    /** A partner's system: token endpoints, optional OpenID discovery, and /3/events. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> tokenRequests = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> eventAuthorizations = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresToGo = new AtomicInteger();
        final AtomicInteger eventAttempts = new AtomicInteger();
        final String token = "token-" + UUID.randomUUID();

        Receiver(boolean discovery) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (discovery) {
                server.createContext("/hub/.well-known/openid-configuration", x -> answer(x, 200,
                        "{\"issuer\":\"" + url("/hub") + "\",\"token_endpoint\":\"" + url("/oidc/token") + "\"}"));
                server.createContext("/oidc/token", this::token);
            }
            server.createContext("/hub/auth/token", this::token);
            server.createContext("/hub/3/events", x -> {
                eventAttempts.incrementAndGet();
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (failuresToGo.getAndDecrement() > 0) {
                    answer(x, 503, "busy");
                    return;
                }
                if (!("Bearer " + token).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    answer(x, 401, "{\"code\":\"AccessDenied\",\"message\":\"no\"}");
                    return;
                }
                eventAuthorizations.add(x.getRequestHeaders().getFirst("Content-Type"));
                events.add(body);
                x.sendResponseHeaders(200, -1);
                x.close();
            });
            server.start();
        }

        void token(HttpExchange x) throws IOException {
            String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            tokenRequests.add(x.getRequestURI().getPath() + " " + form + " " + authorization);
            String expected = "Basic " + Base64.getEncoder().encodeToString((CALLBACK_ID + ":" + CALLBACK_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(authorization) || !form.equals("grant_type=client_credentials")) {
                answer(x, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            // As the conformance tool answers: no expires_in.
            answer(x, 200, "{\"access_token\":\"" + token + "\"}");
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        static void answer(HttpExchange x, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        }

        Optional<JsonObjectReader> event(String requestEventId) {
            return events.stream().map(b -> JsonObjectReader.of(Json.parseObject(b, "event"), ""))
                    .filter(e -> e.requireObject("data").optionalString("requestEventId").orElse("")
                            .equals(requestEventId))
                    .findFirst();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    final Receiver plain = new Receiver(false);
    final Receiver discovering = new Receiver(true);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    PactEventStore store;

    private DataSource dataSource;

    @Inject
    void dataSource(DataSource contextual) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(contextual);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("carbonledger.pact.dispatch-interval", "300ms", "carbonledger.pact.base-url", BASE_URL);
    }

    @BeforeEach
    void setUp() throws SQLException {
        WorkedExampleReadModel.apply(applier);
        sql("DELETE FROM pact_grant", "DELETE FROM pact_callback_credential");
        assertThat(call(HttpRequest.PUT("/api/v1/pact/grants/" + TestClients.PARTNER + "/" + COIL_7.gtin().value(),
                ""), TestClients.ADMIN, TestClients.ADMIN_SECRET).code()).isEqualTo(201);
    }

    @AfterAll
    void tearDown() throws SQLException {
        plain.close();
        discovering.close();
        sql("DELETE FROM pact_grant", "DELETE FROM pact_callback_credential");
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        }
    }

    HttpResponse<String> call(MutableHttpRequest<?> request, String id, String secret) {
        request.bearerAuth(TestClients.token(client, id, secret));
        return client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    HttpResponse<String> setCallback(String clientId, String body) {
        return call(HttpRequest.PUT("/api/v1/pact/grants/" + clientId + "/callback", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), TestClients.ADMIN, TestClients.ADMIN_SECRET);
    }

    HttpResponse<String> setCallback() {
        return setCallback(TestClients.PARTNER, "{\"clientId\":\"" + CALLBACK_ID + "\",\"clientSecret\":\""
                + CALLBACK_SECRET + "\"}");
    }

    /** Posts a RequestCreatedEvent as the partner, as the conformance tool does (an id with a slash). */
    HttpResponse<String> request(String source, String data, String id) {
        String body = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"time\":\""
                + Instant.now() + "\",\"type\":\"" + PactEvents.REQUEST_CREATED + "\",\"data\":" + data + "}";
        return call(HttpRequest.POST("/3/events", body)
                .contentType("application/cloudevents+json; charset=UTF-8"), TestClients.PARTNER,
                TestClients.PARTNER_SECRET);
    }

    static String footprintId(org.carbonledger.core.identifier.BatchId batch) {
        return ProductFootprints.id(WorkedExampleReadModel.bundle().batch(batch).orElseThrow().batch().sealHash()
                .orElseThrow()).toString();
    }

    static <T> T await(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static String body(HttpResponse<String> r) {
        return r.getBody(String.class).orElse("");
    }

    @Test
    void a_request_is_fulfilled_at_its_source_with_a_token_from_the_sources_auth_token() throws Exception {
        assertThat(setCallback().code()).isEqualTo(201);
        String id = "run-" + UUID.randomUUID() + "/12";
        // Empty criteria are no criteria; status as PACT's schema writes it, an array.
        HttpResponse<String> accepted = request(plain.url("/hub/"), "{\"productId\":[\"urn:gtin:"
                + COIL_7.gtin().value() + "\",\"urn:gtin:" + PELLETS.gtin().value() + "\"],\"geography\":[\"\"],"
                + "\"validOn\":\"\",\"status\":[\"Active\"],\"comment\":\"this year\"}", id);
        assertThat(accepted.code()).isEqualTo(200);
        assertThat(body(accepted)).isEmpty();

        JsonObjectReader event = await(() -> plain.event(id), "the RequestFulfilledEvent at the source");
        assertThat(PactSchema.errors("RequestFulfilledEvent", Json.write(event.object()))).isEmpty();
        assertThat(event.requireString("type")).isEqualTo(PactEvents.REQUEST_FULFILLED);
        assertThat(event.requireString("source")).isEqualTo(BASE_URL + "/3/events");
        JsonArray pfs = event.requireObject("data").requireArray("pfs");
        assertThat(pfs.size()).as("only the granted product's footprint, not the pellets'").isEqualTo(1);
        assertThat(JsonObjectReader.of((JsonObject) pfs.get(0), "pf").requireString("id"))
                .isEqualTo(footprintId(COIL_7));
        assertThat(plain.tokenRequests).first().asString().startsWith("/hub/auth/token grant_type=client_credentials ");
        assertThat(plain.eventAuthorizations).first().asString().startsWith("application/cloudevents+json");
    }

    @Test
    void the_token_endpoint_is_discovered_from_the_sources_openid_configuration_first() throws Exception {
        assertThat(setCallback().code()).isEqualTo(201);
        String id = UUID.randomUUID().toString();
        assertThat(request(discovering.url("/hub"), "{\"productId\":[\"urn:gtin:" + COIL_7.gtin().value() + "\"]}",
                id).code()).isEqualTo(200);
        await(() -> discovering.event(id), "the RequestFulfilledEvent");
        assertThat(discovering.tokenRequests).isNotEmpty()
                .allSatisfy(r -> assertThat(r).startsWith("/oidc/token grant_type=client_credentials Basic "));
    }

    @Test
    void a_request_for_urn_pact_null_or_an_ungranted_product_is_rejected_at_the_source() throws Exception {
        assertThat(setCallback().code()).isEqualTo(201);
        String nothing = UUID.randomUUID() + "/14.A";
        String ungranted = UUID.randomUUID().toString();
        assertThat(request(plain.url("/hub/3/events"), "{\"productId\":[\"urn:pact:null\"]}", nothing).code())
                .isEqualTo(200);
        assertThat(request(plain.url("/hub"), "{\"productId\":[\"urn:gtin:" + PELLETS.gtin().value() + "\"]}",
                ungranted).code()).isEqualTo(200);
        for (String id : List.of(nothing, ungranted)) {
            JsonObjectReader event = await(() -> plain.event(id), "the RequestRejectedEvent");
            assertThat(PactSchema.errors("RequestRejectedEvent", Json.write(event.object()))).isEmpty();
            JsonObjectReader error = event.requireObject("data").requireObject("error");
            assertThat(error.requireString("code")).isEqualTo("NotFound");
            assertThat(error.requireString("message")).isNotBlank();
        }
    }

    @Test
    void a_failed_delivery_is_retried_from_the_outbox() throws Exception {
        assertThat(setCallback().code()).isEqualTo(201);
        plain.failuresToGo.set(1);
        int before = plain.eventAttempts.get();
        String id = UUID.randomUUID().toString();
        assertThat(request(plain.url("/hub"), "{}", id).code()).isEqualTo(200);
        await(() -> plain.event(id), "the RequestFulfilledEvent after a retry");
        assertThat(plain.eventAttempts.get() - before).isEqualTo(2);
    }

    @Test
    void an_answer_queued_before_a_restart_is_delivered_from_what_the_outbox_holds() throws Exception {
        assertThat(setCallback().code()).isEqualTo(201);
        // As a previous run of the service left it: only the database row, nothing in this process's memory.
        String requestEventId = "before-restart-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String event = "{\"type\":\"" + PactEvents.REQUEST_REJECTED + "\",\"specversion\":\"1.0\",\"id\":\""
                + eventId + "\",\"source\":\"" + BASE_URL + "/3/events\",\"time\":\"" + Instant.now()
                + "\",\"data\":{\"requestEventId\":\"" + requestEventId + "\",\"error\":{\"code\":\"NotFound\","
                + "\"message\":\"none\"}}}";
        store.insertCallback(eventId, PactEvents.CALLBACK_PREFIX + TestClients.PARTNER, PactEvents.REQUEST_REJECTED,
                event, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC), TestClients.PARTNER,
                plain.url("/hub/3/events"));
        JsonObjectReader delivered = await(() -> plain.event(requestEventId), "the queued event");
        assertThat(delivered.requireString("id")).isEqualTo(eventId);
        await(() -> store.outboundStatus(eventId).stream().filter("DELIVERED"::equals).findFirst(), "DELIVERED");
    }

    @Test
    void a_request_without_callback_credentials_or_with_a_source_that_is_no_url_is_refused_at_once() {
        HttpResponse<String> none = request(plain.url("/hub"), "{}", UUID.randomUUID().toString());
        assertThat(none.code()).isEqualTo(400);
        assertThat(JsonObjectReader.of(Json.parseObject(body(none), "e"), "").requireString("code"))
                .isEqualTo("BadRequest");
        assertThat(body(none)).contains("no callback credentials");

        assertThat(setCallback().code()).isEqualTo(201);
        for (String source : List.of("//partner.example/3/events", "/3/events", "ftp://partner.example",
                "https://user@partner.example", "https://partner.example/?to=x", "urn:x:y")) {
            HttpResponse<String> r = request(source, "{}", UUID.randomUUID().toString());
            assertThat(r.code()).as(source).isEqualTo(400);
            assertThat(body(r)).as(source).contains("source");
        }
    }

    @Test
    void callback_credentials_are_set_shown_without_the_secret_replaced_and_removed_by_an_admin() throws Exception {
        assertThat(setCallback().code()).isEqualTo(201);
        HttpResponse<String> shown = call(HttpRequest.GET("/api/v1/pact/grants/" + TestClients.PARTNER + "/callback"),
                TestClients.ADMIN, TestClients.ADMIN_SECRET);
        assertThat(shown.code()).isEqualTo(200);
        assertThat(body(shown)).contains("\"callbackClientId\":\"" + CALLBACK_ID + "\"", "\"secretSet\":true")
                .doesNotContain(CALLBACK_SECRET);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT secret_sealed FROM pact_callback_credential")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("sealed at rest").doesNotContain(CALLBACK_SECRET);
        }
        assertThat(setCallback().code()).as("replaced").isEqualTo(200);

        assertThat(setCallback(TestClients.PARTNER, "{\"clientId\":\"\",\"clientSecret\":\"s\"}").code())
                .isEqualTo(400);
        assertThat(setCallback(TestClients.PARTNER, "{\"clientId\":\"a\",\"clientSecret\":\"s\",\"x\":1}").code())
                .isEqualTo(400);
        assertThat(setCallback("no-such-client", "{\"clientId\":\"a\",\"clientSecret\":\"s\"}").code()).isEqualTo(404);
        assertThat(call(HttpRequest.PUT("/api/v1/pact/grants/" + TestClients.PARTNER + "/callback",
                "{\"clientId\":\"a\",\"clientSecret\":\"s\"}").contentType(MediaType.APPLICATION_JSON_TYPE),
                TestClients.PARTNER, TestClients.PARTNER_SECRET).code()).as("admins only").isEqualTo(403);

        assertThat(call(HttpRequest.DELETE("/api/v1/pact/grants/" + TestClients.PARTNER + "/callback"),
                TestClients.ADMIN, TestClients.ADMIN_SECRET).code()).isEqualTo(204);
        assertThat(call(HttpRequest.GET("/api/v1/pact/grants/" + TestClients.PARTNER + "/callback"),
                TestClients.ADMIN, TestClients.ADMIN_SECRET).code()).isEqualTo(404);
    }

    @Test
    void pagination_links_start_with_the_configured_base_url() {
        HttpResponse<String> r = call(HttpRequest.GET("/3/footprints?limit=1&geography="), TestClients.READER,
                TestClients.READER_SECRET);
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header(HttpHeaders.LINK))
                .isEqualTo("<" + BASE_URL + "/3/footprints?limit=1&offset=1>; rel=\"next\"");
    }
}
