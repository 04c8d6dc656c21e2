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

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @Inject
    PactEventStore store;

    @Override
    public Map<String, String> getProperties() {
        String base = "https://127.0.0.1:" + PORT;
        return Map.of(
                "micronaut.server.ssl.port", Integer.toString(PORT),
                "carbonledger.pact.dispatch-interval", "500ms",
                "carbonledger.pact.partners[0].name", "self",
                "carbonledger.pact.partners[0].inbound-client-id", TestClients.READER,
                "carbonledger.pact.partners[0].events-url", base + "/3/events",
                "carbonledger.pact.partners[0].token-url", base + "/auth/token",
                "carbonledger.pact.partners[0].client-id", TestClients.READER,
                "carbonledger.pact.partners[0].client-secret", TestClients.READER_SECRET,
                "carbonledger.pact.partners[0].trust-certificate", "target/test-data/shared/tls/server.crt");
    }

    @BeforeEach
    void readModel() {
        WorkedExampleReadModel.apply(applier);
    }

    String request(String data) {
        String id = UUID.randomUUID().toString();
        String body = "{\"type\":\"" + PactEvents.REQUEST_CREATED + "\",\"specversion\":\"1.0\",\"id\":\"" + id
                + "\",\"source\":\"//recipient.example/3/events\",\"time\":\"2026-11-20T10:00:00Z\",\"data\":" + data + "}";
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.POST("/3/events", body)
                .contentType(PactController.CLOUDEVENTS)
                .bearerAuth(TestClients.token(client, TestClients.READER, TestClients.READER_SECRET)),
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
