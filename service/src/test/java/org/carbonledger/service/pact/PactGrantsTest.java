package org.carbonledger.service.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.COIL_7;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.PELLETS;
import static org.carbonledger.service.footprint.WorkedExampleReadModel.WASHERS;
import static org.carbonledger.service.testing.TestClients.ADMIN;
import static org.carbonledger.service.testing.TestClients.ADMIN_SECRET;
import static org.carbonledger.service.testing.TestClients.OPERATOR;
import static org.carbonledger.service.testing.TestClients.OPERATOR_SECRET;
import static org.carbonledger.service.testing.TestClients.PARTNER;
import static org.carbonledger.service.testing.TestClients.PARTNER_2;
import static org.carbonledger.service.testing.TestClients.PARTNER_2_SECRET;
import static org.carbonledger.service.testing.TestClients.PARTNER_SECRET;
import static org.carbonledger.service.testing.TestClients.READER;
import static org.carbonledger.service.testing.TestClients.READER_SECRET;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * PACT per-partner access on the real embedded MariaDB. This instance acts for SteelCoMSP, whose sealed batches of
 * the worked example are the pellets and the coil COIL-7 (two products); {@code test-partner} and
 * {@code test-partner-2} are partners' clients (role pact).
 */
@MicronautTest(transactional = false)
class PactGrantsTest {
    private static final String COIL = COIL_7.gtin().value();
    private static final String PELLETS_GTIN = PELLETS.gtin().value();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    private DataSource dataSource;

    /** The pool itself: Micronaut Data's injected DataSource only hands out connections inside @Transactional. */
    @Inject
    void dataSource(DataSource contextual) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(contextual);
    }

    @BeforeEach
    void setUp() throws SQLException {
        WorkedExampleReadModel.apply(applier);
        // Test classes share the embedded database; each test starts without grants.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM pact_grant");
        }
    }

    HttpResponse<String> call(MutableHttpRequest<?> request, String id, String secret) {
        request.bearerAuth(TestClients.token(client, id, secret));
        return client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
    }

    HttpResponse<String> put(String clientId, String gtin, String id, String secret) {
        return call(HttpRequest.PUT("/api/v1/pact/grants/" + clientId + "/" + gtin, ""), id, secret);
    }

    HttpResponse<String> grant(String clientId, String gtin) {
        return put(clientId, gtin, ADMIN, ADMIN_SECRET);
    }

    HttpResponse<String> revoke(String clientId, String gtin) {
        return call(HttpRequest.DELETE("/api/v1/pact/grants/" + clientId + "/" + gtin), ADMIN, ADMIN_SECRET);
    }

    static JsonObjectReader json(HttpResponse<String> r) {
        return JsonObjectReader.of(Json.parseObject(r.getBody(String.class).orElse(""), "response"), "");
    }

    static String id(BatchId batch) {
        return ProductFootprints.id(WorkedExampleReadModel.bundle().batch(batch).orElseThrow().batch().sealHash()
                .orElseThrow()).toString();
    }

    /** The ids of the footprints a client lists. */
    List<String> listed(String id, String secret) {
        HttpResponse<String> r = call(HttpRequest.GET("/3/footprints"), id, secret);
        assertThat(r.code()).isEqualTo(200);
        JsonArray data = json(r).requireArray("data");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            ids.add(JsonObjectReader.of((JsonObject) data.get(i), "").requireString("id"));
        }
        return ids;
    }

    HttpResponse<String> footprint(BatchId batch, String id, String secret) {
        return call(HttpRequest.GET("/3/footprints/" + id(batch)), id, secret);
    }

    static void assertProblem(HttpResponse<String> r, int status, String code, String field) {
        assertThat(r.code()).as(r.getBody(String.class).orElse("")).isEqualTo(status);
        assertThat(r.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        JsonObjectReader problem = json(r);
        assertThat(problem.requireString("code")).isEqualTo(code);
        JsonObjectReader error = JsonObjectReader.of((JsonObject) problem.requireArray("errors").get(0), "errors[0]");
        assertThat(error.requireString("field")).isEqualTo(field);
        assertThat(problem.requireString("detail")).contains(field);
    }

    @Nested
    class Footprints {
        @Test
        void a_partner_without_a_grant_sees_nothing() {
            assertThat(listed(PARTNER, PARTNER_SECRET)).isEmpty();
            HttpResponse<String> hidden = footprint(COIL_7, PARTNER, PARTNER_SECRET);
            HttpResponse<String> unknown = call(HttpRequest.GET("/3/footprints/00000000-0000-8000-8000-000000000000"),
                    PARTNER, PARTNER_SECRET);
            assertThat(hidden.code()).isEqualTo(404);
            assertThat(json(hidden).requireString("code")).isEqualTo(json(unknown).requireString("code"))
                    .isEqualTo("NotFound");
            assertThat(json(hidden).requireString("message").replace(id(COIL_7), "ID"))
                    .as("the same answer as for an id that does not exist")
                    .isEqualTo(json(unknown).requireString("message").replace("00000000-0000-8000-8000-000000000000", "ID"));
        }

        @Test
        void a_granted_partner_sees_exactly_the_granted_products_footprints() {
            assertThat(grant(PARTNER, COIL).code()).isEqualTo(201);

            assertThat(listed(PARTNER, PARTNER_SECRET)).containsExactly(id(COIL_7));
            assertThat(footprint(COIL_7, PARTNER, PARTNER_SECRET).code()).isEqualTo(200);
            assertThat(footprint(PELLETS, PARTNER, PARTNER_SECRET).code()).isEqualTo(404);
            assertThat(call(HttpRequest.GET("/3/footprints?productId=urn:gtin:" + PELLETS_GTIN), PARTNER,
                    PARTNER_SECRET).getBody(String.class).orElseThrow()).isEqualTo("{\"data\":[]}");
            assertThat(listed(PARTNER_2, PARTNER_2_SECRET)).as("another partner's grant is not this one's").isEmpty();
            assertThat(footprint(COIL_7, PARTNER_2, PARTNER_2_SECRET).code()).isEqualTo(404);

            assertThat(grant(PARTNER, PELLETS_GTIN).code()).isEqualTo(201);
            assertThat(listed(PARTNER, PARTNER_SECRET)).containsExactlyInAnyOrder(id(COIL_7), id(PELLETS));
        }

        @Test
        void revoking_removes_access_at_once_even_with_the_same_token() {
            grant(PARTNER, COIL);
            String token = TestClients.token(client, PARTNER, PARTNER_SECRET);
            HttpResponse<String> before = client.toBlocking().exchange(HttpRequest.GET("/3/footprints/" + id(COIL_7))
                    .bearerAuth(token), Argument.of(String.class), Argument.of(String.class));
            assertThat(before.code()).isEqualTo(200);

            assertThat(revoke(PARTNER, COIL).code()).isEqualTo(204);

            HttpResponse<String> after = client.toBlocking().exchange(HttpRequest.GET("/3/footprints/" + id(COIL_7))
                    .bearerAuth(token), Argument.of(String.class), Argument.of(String.class));
            assertThat(after.code()).isEqualTo(404);
            assertThat(listed(PARTNER, PARTNER_SECRET)).isEmpty();
        }

        @Test
        void the_organizations_own_clients_see_all_its_footprints_without_grants() {
            assertThat(listed(READER, READER_SECRET)).containsExactlyInAnyOrder(id(COIL_7), id(PELLETS));
        }

        @Test
        void a_partner_calls_the_pact_actions_and_nothing_else() {
            grant(PARTNER, COIL);
            for (String path : List.of("/api/v1/batches", "/api/v1/batches/" + COIL + "/COIL-7/records",
                    "/api/v1/products", "/api/v1/me", "/api/v1/pact/grants")) {
                assertThat(call(HttpRequest.GET(path), PARTNER, PARTNER_SECRET).code()).as(path).isEqualTo(403);
            }
        }
    }

    @Nested
    class Granting {
        @Test
        void granting_is_idempotent_and_answers_the_grant() {
            Instant before = Instant.now().minusSeconds(1);
            HttpResponse<String> first = grant(PARTNER, "9506000134352");
            assertThat(first.code()).isEqualTo(201);
            assertThat(first.header(HttpHeaders.LOCATION)).isEqualTo("/api/v1/pact/grants/" + PARTNER + "/" + COIL);
            JsonObjectReader grant = json(first);
            assertThat(grant.requireString("clientId")).isEqualTo(PARTNER);
            assertThat(grant.requireString("gtin")).as("stored as GTIN-14").isEqualTo(COIL);
            assertThat(grant.requireString("grantedBy")).isEqualTo(ADMIN);
            assertThat(Instant.parse(grant.requireString("grantedAt"))).isBetween(before, Instant.now().plusSeconds(1));

            HttpResponse<String> again = grant(PARTNER, COIL);
            assertThat(again.code()).isEqualTo(200);
            assertThat(again.getBody(String.class)).isEqualTo(first.getBody(String.class));
        }

        @Test
        void lists_every_grant_or_one_clients() {
            grant(PARTNER, COIL);
            grant(PARTNER, PELLETS_GTIN);
            grant(PARTNER_2, COIL);

            HttpResponse<String> all = call(HttpRequest.GET("/api/v1/pact/grants"), ADMIN, ADMIN_SECRET);
            assertThat(all.code()).isEqualTo(200);
            assertThat(pairs(json(all).requireArray("items"))).containsExactly(PARTNER + " " + COIL,
                    PARTNER + " " + PELLETS_GTIN, PARTNER_2 + " " + COIL);
            HttpResponse<String> one = call(HttpRequest.GET("/api/v1/pact/grants?clientId=" + PARTNER_2), ADMIN,
                    ADMIN_SECRET);
            assertThat(pairs(json(one).requireArray("items"))).containsExactly(PARTNER_2 + " " + COIL);
        }

        @Test
        void revoking_what_is_not_granted_is_404() {
            assertProblem(revoke(PARTNER, COIL), 404, "NOT_FOUND", "gtin");
            grant(PARTNER, COIL);
            assertThat(revoke(PARTNER, COIL).code()).isEqualTo(204);
            assertProblem(revoke(PARTNER, COIL), 404, "NOT_FOUND", "gtin");
        }

        @Test
        void refuses_a_malformed_gtin_an_unknown_or_foreign_product_and_a_client_that_is_no_partner() {
            assertProblem(grant(PARTNER, "09506000134353"), 400, "INVALID_GTIN", "gtin");
            assertProblem(revoke(PARTNER, "12x"), 400, "INVALID_GTIN", "gtin");
            assertProblem(grant(PARTNER, "00000096385074"), 404, "NOT_FOUND", "gtin");
            assertProblem(grant(PARTNER, WASHERS.gtin().value()), 403, "FORBIDDEN", "gtin");
            assertProblem(grant("nobody", COIL), 404, "NOT_FOUND", "clientId");
            assertProblem(grant(READER, COIL), 400, "INVALID_ARGUMENT", "clientId");
            assertProblem(grant(ADMIN, COIL), 400, "INVALID_ARGUMENT", "clientId");
            assertThat(pairs(json(call(HttpRequest.GET("/api/v1/pact/grants"), ADMIN, ADMIN_SECRET))
                    .requireArray("items"))).isEmpty();
        }

        @Test
        void only_an_admin_may_grant_revoke_or_list() {
            for (String[] who : List.of(new String[] {OPERATOR, OPERATOR_SECRET}, new String[] {READER, READER_SECRET},
                    new String[] {PARTNER, PARTNER_SECRET})) {
                assertThat(put(PARTNER, COIL, who[0], who[1]).code()).as(who[0]).isEqualTo(403);
                assertThat(call(HttpRequest.DELETE("/api/v1/pact/grants/" + PARTNER + "/" + COIL), who[0], who[1])
                        .code()).as(who[0]).isEqualTo(403);
                assertThat(call(HttpRequest.GET("/api/v1/pact/grants"), who[0], who[1]).code()).as(who[0])
                        .isEqualTo(403);
            }
            assertThat(listed(PARTNER, PARTNER_SECRET)).isEmpty();
        }

        private List<String> pairs(JsonArray items) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonObjectReader g = JsonObjectReader.of((JsonObject) items.get(i), "items[" + i + "]");
                pairs.add(g.requireString("clientId") + " " + g.requireString("gtin"));
            }
            return pairs;
        }
    }
}
