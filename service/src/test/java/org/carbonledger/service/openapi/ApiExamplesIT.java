package org.carbonledger.service.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.carbonledger.apiclient.Credentials;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.apiclient.ServiceTrust;
import org.carbonledger.service.sync.SyncStatus;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every documented example request, sent in document order (the order of {@link ApiExamples}' story) to SteelCo's
 * service on the real network, must answer 2xx: the first run creates, a later run is answered with replays. Needs
 * the state {@code make up} leaves: SteelCo holds PRODUCER and designated CertCo (the demo does both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiExamplesIT {
    /** The story's order; the seal (no body, so no example) comes before the shipment. */
    private static final List<String> ORDER = List.of("PUT /api/v1/organizations/self", "POST /api/v1/products",
            "POST /api/v1/batches", "POST /api/v1/devices", "POST /api/v1/records",
            "POST /api/v1/batches/{gtin}/{lot}/seal", "POST /api/v1/transfers",
            "POST /api/v1/transfers/{transferId}/cancel", "POST /api/v1/devices/{deviceId}/revoke");

    private final Path network = Path.of(System.getProperty("carbonledger.network.dir"));
    private ApplicationContext context;
    private ServiceClient admin;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", Files.createTempDirectory("carbonledger-examples-it-").toString());
        properties.put("carbonledger.organization", "SteelCoMSP");
        properties.put("carbonledger.fabric.connection-file", network.resolve("connection/steelco.json").toString());
        context = ApplicationContext.run(properties, "test");
        context.getBean(EmbeddedServer.class).start();
        SyncStatus sync = context.getBean(SyncStatus.class);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (sync.lagBlocks().orElse(Long.MAX_VALUE) > 0) {
            assertThat(System.nanoTime()).as("the read model catching up with the ledger").isLessThan(deadline);
            Thread.sleep(200);
        }
        admin = ServiceClient.builder(context.getBean(EmbeddedServer.class).getURI())
                .trust(ServiceTrust.anyCertificateOnLoopback())
                .credentials(new Credentials(TestClients.ADMIN, TestClients.ADMIN_SECRET)).build();
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void every_documented_example_request_succeeds_in_the_order_of_the_story() {
        List<OpenApiDocument.Example> examples = OpenApiDocument.load().examples();
        for (String route : ORDER) {
            String[] parts = route.split(" ", 2);
            Optional<OpenApiDocument.Example> example = examples.stream()
                    .filter(e -> e.method().equals(parts[0]) && e.template().equals(parts[1])).findFirst();
            String path = ApiExamplesPaths.fill(parts[1]);
            ServiceResponse answer = admin.send(new ServiceRequest(parts[0], path,
                    example.map(e -> e.body().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]),
                    Optional.of("application/json"), "application/json", Optional.empty()));
            assertThat(answer.status()).as(route + ": " + answer.text()).isBetween(200, 299);
        }
        ServiceResponse upload = admin.send(ServiceRequest.post("/api/v1/records",
                ApiExamples.RECORD_CSV.getBytes(StandardCharsets.UTF_8), "text/csv"));
        assertThat(upload.status()).as("the CSV example, a replay of the JSON one: " + upload.text()).isEqualTo(200);
        assertThat(examples).allSatisfy(e -> assertThat(ORDER).contains(e.method() + " " + e.template()));
    }
}
