package org.carbonledger.service.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_7;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.PELLETS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The asynchronous PACT flows over real HTTPS: the service is configured as its own partner (its events endpoint and
 * token endpoint, trusting its own self-signed certificate), so every event it sends arrives through the same
 * {@code POST /3/events} a real partner's system would call, and is validated and recorded there.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PactEventsLoopTest implements TestPropertyProvider {
    private static final int PORT = freePort();
    private static final String GRANTED = "granted-partner";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    PactEventStore store;

    @Inject
    PactGrants grants;

    @Inject
    PactEventDispatcher dispatcher;

    @Inject
    PactPartnerCheck partnerCheck;

    private javax.sql.DataSource dataSource;

    /** The pool itself: Micronaut Data's injected DataSource only hands out connections inside @Transactional. */
    @Inject
    void dataSource(javax.sql.DataSource contextual) {
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(contextual);
    }

    @Override
    public Map<String, String> getProperties() {
        String base = "https://127.0.0.1:" + PORT;
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "micronaut.server.ssl.port", Integer.toString(PORT),
                "carbonledger.pact.dispatch-interval", "500ms",
                "carbonledger.pact.partners[0].name", "self",
                "carbonledger.pact.partners[0].inbound-client-id", TestClients.READER,
                "carbonledger.pact.partners[0].events-url", base + "/3/events",
                "carbonledger.pact.partners[0].token-url", base + "/auth/token",
                "carbonledger.pact.partners[0].client-id", TestClients.READER,
                "carbonledger.pact.partners[0].client-secret", TestClients.READER_SECRET,
                "carbonledger.pact.partners[0].trust-certificate", "target/test-data/shared/tls/server.crt"));
        // A partner's system calling with a client of role pact, answered (and calling back) as itself.
        properties.putAll(Map.of(
                "carbonledger.pact.partners[1].name", GRANTED,
                "carbonledger.pact.partners[1].inbound-client-id", TestClients.PARTNER,
                "carbonledger.pact.partners[1].events-url", base + "/3/events",
                "carbonledger.pact.partners[1].token-url", base + "/auth/token",
                "carbonledger.pact.partners[1].client-id", TestClients.PARTNER,
                "carbonledger.pact.partners[1].client-secret", TestClients.PARTNER_SECRET,
                "carbonledger.pact.partners[1].trust-certificate", "target/test-data/shared/tls/server.crt"));
        return properties;
    }

    @BeforeEach
    void readModel() {
        WorkedExampleReadModel.apply(applier);
    }

    String request(String data) {
        return request(data, TestClients.READER, TestClients.READER_SECRET);
    }

    String request(String data, String clientId, String secret) {
        String id = UUID.randomUUID().toString();
        String body = "{\"type\":\"" + PactEvents.REQUEST_CREATED + "\",\"specversion\":\"1.0\",\"id\":\"" + id
                + "\",\"source\":\"//recipient.example/3/events\",\"time\":\"2026-11-20T10:00:00Z\",\"data\":" + data + "}";
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.POST("/3/events", body)
                .contentType(PactController.CLOUDEVENTS)
                .bearerAuth(TestClients.token(client, clientId, secret)),
                Argument.of(String.class), Argument.of(String.class));
        assertThat(r.code()).isEqualTo(200);
        return id;
    }

    Optional<String> received(String type, String requestEventId) {
        return store.inboundOfType(type).stream()
                .filter(b -> JsonObjectReader.of(Json.parseObject(b, "e"), "").requireObject("data")
                        .optionalString("requestEventId").orElse("").equals(requestEventId))
                .findFirst();
    }

    <T> T await(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; outbox: " + store.outboundOf("self")
                + "; inbox: " + store.inboundOfType(PactEvents.PUBLISHED).size() + " published, "
                + store.inboundOfType(PactEvents.REQUEST_FULFILLED).size() + " fulfilled");
    }

    @Test
    void a_request_for_a_product_is_fulfilled_with_schema_valid_footprints() throws Exception {
        String requestId = request("{\"productId\":[\"urn:gtin:" + COIL_7.gtin() + "\"],\"comment\":\"current PCF\"}");
        String fulfilled = await(() -> received(PactEvents.REQUEST_FULFILLED, requestId), "the RequestFulfilledEvent");
        assertThat(PactSchema.errors("RequestFulfilledEvent", fulfilled)).isEmpty();
        JsonObjectReader pf = JsonObjectReader.of((org.carbonledger.core.json.JsonObject) JsonObjectReader
                .of(Json.parseObject(fulfilled, "e"), "").requireObject("data").requireArray("pfs").get(0), "pf");
        assertThat(pf.requireString("id")).isEqualTo(ProductFootprints.id(WorkedExampleReadModel.bundle()
                .batch(COIL_7).orElseThrow().batch().sealHash().orElseThrow()).toString());
    }

    @Test
    void a_request_nothing_matches_is_rejected_with_not_found() throws Exception {
        String requestId = request("{\"productId\":[\"urn:gtin:00000096385074\"]}");
        String rejected = await(() -> received(PactEvents.REQUEST_REJECTED, requestId), "the RequestRejectedEvent");
        assertThat(PactSchema.errors("RequestRejectedEvent", rejected)).isEmpty();
        assertThat(JsonObjectReader.of(Json.parseObject(rejected, "e"), "").requireObject("data").requireObject("error")
                .requireString("code")).isEqualTo("NotFound");
    }

    @Test
    void new_footprints_are_announced_with_published_events() throws Exception {
        String pellets = ProductFootprints.id(WorkedExampleReadModel.bundle().batch(PELLETS).orElseThrow().batch()
                .sealHash().orElseThrow()).toString();
        String published = await(() -> store.inboundOfType(PactEvents.PUBLISHED).stream()
                .filter(b -> b.contains(pellets)).findFirst(), "a PublishedEvent naming the pellets' footprint");
        assertThat(PactSchema.errors("PublishedEvent", published)).isEmpty();
        assertThat(store.outboundOf("self")).anySatisfy(row -> assertThat(row)
                .startsWith("DELIVERED|" + PactEvents.PUBLISHED + "|"));
    }

    /** The events queued for the partner of role pact, as {@code eventType|body}, oldest first. */
    List<String> queuedFor() {
        return store.outboundOf(GRANTED).stream().map(row -> row.substring(row.indexOf('|') + 1)).toList();
    }

    /** The ids of the footprints in the events of one type queued for that partner. */
    List<String> idsQueued(String type, String member) {
        List<String> ids = new java.util.ArrayList<>();
        for (String row : queuedFor()) {
            if (!row.startsWith(type + "|")) {
                continue;
            }
            JsonObjectReader data = JsonObjectReader.of(Json.parseObject(row.substring(type.length() + 1), "e"), "")
                    .requireObject("data");
            org.carbonledger.core.json.JsonArray array = data.requireArray(member);
            for (int i = 0; i < array.size(); i++) {
                ids.add(member.equals("pfs")
                        ? JsonObjectReader.of((org.carbonledger.core.json.JsonObject) array.get(i), "pf").requireString("id")
                        : JsonObjectReader.asString(array.get(i), "id"));
            }
        }
        return ids;
    }

    @Test
    void a_partner_is_answered_and_told_only_about_the_products_granted_to_it() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM pact_grant");
            st.executeUpdate("DELETE FROM pact_announced_seal WHERE partner = '" + GRANTED + "'");
            st.executeUpdate("DELETE FROM pact_outbound_event WHERE partner = '" + GRANTED + "'");
        }
        String coil = ProductFootprints.id(WorkedExampleReadModel.bundle().batch(COIL_7).orElseThrow().batch()
                .sealHash().orElseThrow()).toString();
        String pellets = ProductFootprints.id(WorkedExampleReadModel.bundle().batch(PELLETS).orElseThrow().batch()
                .sealHash().orElseThrow()).toString();

        String ungranted = request("{\"productId\":[\"urn:gtin:" + COIL_7.gtin() + "\"]}", TestClients.PARTNER,
                TestClients.PARTNER_SECRET);
        String rejected = await(() -> received(PactEvents.REQUEST_REJECTED, ungranted), "the RequestRejectedEvent");
        assertThat(JsonObjectReader.of(Json.parseObject(rejected, "e"), "").requireObject("data").requireObject("error")
                .requireString("code")).isEqualTo("NotFound");
        dispatcher.announce();
        assertThat(idsQueued(PactEvents.PUBLISHED, "pfIds")).as("nothing announced without a grant").isEmpty();

        grants.grant(TestClients.PARTNER, COIL_7.gtin().value(), TestClients.ADMIN);

        String granted = request("{}", TestClients.PARTNER, TestClients.PARTNER_SECRET);
        String fulfilled = await(() -> received(PactEvents.REQUEST_FULFILLED, granted), "the RequestFulfilledEvent");
        assertThat(PactSchema.errors("RequestFulfilledEvent", fulfilled)).isEmpty();
        assertThat(idsQueued(PactEvents.REQUEST_FULFILLED, "pfs")).containsExactly(coil);
        dispatcher.announce();
        assertThat(idsQueued(PactEvents.PUBLISHED, "pfIds")).contains(coil).doesNotContain(pellets);
    }

    @Test
    void a_partner_whose_client_is_one_of_the_organizations_own_is_reported_at_startup() {
        assertThat(partnerCheck.findings()).singleElement().asString()
                .startsWith("PACT partner self: its inbound client " + TestClients.READER + " has the roles [read-only]");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
