package org.carbonledger.service.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredRole;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The organizations as the API lists them: each profile with the roles it holds now, as the chaincode answers. */
@MicronautTest(transactional = false)
class OrganizationControllerTest {
    private static final String PROPOSAL = "30000000-0000-4000-8000-000000000001";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @BeforeEach
    void readModel() {
        applier.clear();
        // The worked example: CertCo holds CERTIFIER; SteelCo is granted PRODUCER here too.
        WorkedExampleReadModel.apply(applier);
        grant("SteelCoMSP", StoredRole.PRODUCER, 3);
    }

    private void grant(String mspId, String role, long block) {
        JsonObject state = new StoredRole(mspId, role, Instant.parse("2026-01-02T00:00:00Z"), new LedgerId(PROPOSAL),
                "cd".repeat(32)).toJson();
        applier.apply(new LedgerTransaction(block, "role-" + block, "2026-01-02T00:00:00Z", mspId,
                "Governance:ExecuteProposal", List.of(new LedgerTransaction.Change("role",
                        "ROLE/" + mspId + "/" + role, Optional.of(state)))));
    }

    private void revoke(String mspId, String role, long block) {
        applier.apply(new LedgerTransaction(block, "revoke-" + block, "2026-01-03T00:00:00Z", mspId,
                "Governance:ExecuteProposal", List.of(new LedgerTransaction.Change("role",
                        "ROLE/" + mspId + "/" + role, Optional.empty()))));
    }

    private String get(String path) {
        String token = TestClients.token(client, TestClients.READER, TestClients.READER_SECRET);
        return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token));
    }

    private Map<String, List<String>> rolesOfEach() {
        Map<String, List<String>> roles = new TreeMap<>();
        for (JsonValue item : JsonObjectReader.of(Json.parseObject(get("/api/v1/organizations"), "page"), "")
                .requireArray("items").elements()) {
            JsonObjectReader org = JsonObjectReader.of((JsonObject) item, "items");
            roles.put(org.requireString("mspId"), strings(org.requireArray("roles")));
        }
        return roles;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.elements().forEach(v -> out.add(JsonObjectReader.asString(v, "roles")));
        return out;
    }

    @Test
    void the_list_gives_each_organization_the_roles_it_holds() {
        assertThat(rolesOfEach()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "ApplianceCoMSP", List.of(),
                "CertCoMSP", List.of(StoredRole.CERTIFIER),
                "SteelCoMSP", List.of(StoredRole.PRODUCER))));
    }

    @Test
    void roles_come_in_the_chaincodes_order_and_a_revoked_one_is_gone() {
        grant("SteelCoMSP", StoredRole.CERTIFIER, 4);
        JsonObject steel = Json.parseObject(get("/api/v1/organizations/SteelCoMSP"), "org");
        assertThat(strings(JsonObjectReader.of(steel, "").requireArray("roles")))
                .containsExactly(StoredRole.PRODUCER, StoredRole.CERTIFIER);
        assertThat(JsonObjectReader.of(steel, "").requireString("displayName")).isEqualTo("SteelCo");

        revoke("SteelCoMSP", StoredRole.PRODUCER, 5);

        assertThat(rolesOfEach().get("SteelCoMSP")).containsExactly(StoredRole.CERTIFIER);
    }
}
