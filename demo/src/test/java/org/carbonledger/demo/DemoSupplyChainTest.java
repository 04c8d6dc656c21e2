package org.carbonledger.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carbonledger.apiclient.Credentials;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceTrust;
import org.carbonledger.apiclient.testing.LocalHttpsServer;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeder's inputs, and what it asks of the three services. One local HTTPS server stands in for the services'
 * HTTP surface: it tells the organizations apart by their token, remembers granted roles and answers replays as the
 * service does (2xx), so a second run shows what a rerun of {@code make up} sends.
 */
class DemoSupplyChainTest {
    static final List<String> RECORDS = List.of("t1-pellets-electricity", "t1-pellets-furnace-gases",
            "t1-pellets-mining-diesel", "t2-coil-steelmaking-gases", "t2-coil-reheating-gas",
            "t2-coil-rolling-electricity", "t3-panels-press-electricity", "t3-panels-paint-gas",
            "t4-washer-assembly-electricity", "t4-washer-packaging", "t4-washer-transport-diesel");

    @TempDir
    Path dir;

    private LocalHttpsServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<String> roles = ConcurrentHashMap.newKeySet();
    private final Map<String, String> proposals = new ConcurrentHashMap<>();
    /** "SteelCoMSP CertCoMSP": a producer's designation of a certifier. */
    private final Set<String> designations = ConcurrentHashMap.newKeySet();
    private volatile String refuse = "";

    @Test
    void the_worked_examples_records_are_in_the_jar_and_signed_by_its_devices_keys() {
        for (String name : RECORDS) {
            EmissionRecord record = EmissionRecord.parse(Json.parseObject(DemoSupplyChain.resource("example/" + name
                    + ".json"), name));
            DevicePublicKey key = DevicePublicKey.parse(DemoSupplyChain.resource("keys/" + record.deviceId().value()
                    + ".pub.pem"));
            assertThat(record.verifySignature(key)).as(name).isTrue();
        }
        JsonArray factors = (JsonArray) Json.parse(DemoSupplyChain.resource("example/factors.json"));
        assertThat(factors.size()).isPositive();
        assertThat(DemoSupplyChain.class.getResource(DemoSupplyChain.RESOURCES + "keys/steelco-meter-12.key.pem"))
                .as("no private key in the jar").isNull();
    }

    @BeforeEach
    void start() throws Exception {
        server = LocalHttpsServer.start(dir, "server.crt");
        server.route("/oauth/token", x -> {
            String auth = new String(java.util.Base64.getDecoder().decode(x.getRequestHeaders().getFirst("Authorization")
                    .substring("Basic ".length())), StandardCharsets.UTF_8);
            LocalHttpsServer.json(x, 200, "{\"access_token\":\"" + auth.substring(0, auth.indexOf(':')) + "\"}");
        });
        server.route("/api/", this::api);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void api(HttpExchange x) throws IOException {
        String org = x.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
        String path = x.getRequestURI().getPath();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String call = org + " " + x.getRequestMethod() + " " + path;
        calls.add(call);
        if (call.startsWith(refuse) && !refuse.isEmpty()) {
            LocalHttpsServer.json(x, 409, "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"batch "
                    + "09506000134352/COIL-8 is sealed\",\"code\":\"CONFLICT\",\"errors\":[]}");
        } else if (path.equals("/api/v1/admin/read-model")) {
            LocalHttpsServer.json(x, 200, "{\"checkpointBlock\":40,\"ledgerHeight\":41,\"lagBlocks\":0}");
        } else if (path.endsWith("/roles")) {
            String msp = path.split("/")[4];
            List<JsonValue> items = new ArrayList<>();
            for (String held : roles) {
                if (held.startsWith(msp + " ")) {
                    items.add(JsonObject.builder().put("mspId", msp).put("role", held.substring(msp.length() + 1))
                            .build());
                }
            }
            LocalHttpsServer.json(x, 200, Json.write(JsonObject.builder().put("items", JsonArray.of(items)).build()));
        } else if (path.startsWith("/api/v1/organizations/me/certifiers/") && x.getRequestMethod().equals("PUT")) {
            String producer = switch (org) {
                case "steelco" -> "SteelCoMSP";
                case "applianceco" -> "ApplianceCoMSP";
                default -> throw new IllegalStateException(org + " is no producer");
            };
            designations.add(producer + " " + path.split("/")[6]);
            LocalHttpsServer.json(x, 200, "{}");
        } else if (path.endsWith("/certifiers")) {
            String producer = path.split("/")[4];
            List<JsonValue> items = new ArrayList<>();
            designations.stream().filter(d -> d.startsWith(producer + " ")).forEach(d -> items.add(JsonObject.builder()
                    .put("producerMspId", producer).put("certifierMspId", d.substring(producer.length() + 1)).build()));
            LocalHttpsServer.json(x, 200, Json.write(JsonObject.builder().put("producerMspId", producer)
                    .put("certifiers", JsonArray.of(items)).build()));
        } else if (path.equals("/api/v1/proposals")) {
            JsonObjectReader p = JsonObjectReader.of(Json.parseObject(body, "proposal"), "");
            proposals.put(p.requireString("proposalId"), p.requireString("mspId") + " " + p.requireString("role"));
            LocalHttpsServer.json(x, 201, "{}");
        } else if (path.endsWith("/approve")) {
            roles.add(proposals.get(path.split("/")[4]));
            LocalHttpsServer.json(x, 200, "{}");
        } else if (path.endsWith("/seal")) {
            LocalHttpsServer.json(x, 200, "{\"result\":{\"sealHash\":\"seal-of-" + path.split("/")[5] + "\"}}");
        } else {
            calls.set(calls.size() - 1, call + " " + summary(path, body));
            LocalHttpsServer.json(x, 201, "{}");
        }
    }

    /** What the test checks of a write: the ids and amounts the worked example fixes. */
    private static String summary(String path, String body) {
        JsonValue v = Json.parse(body);
        if (path.equals("/api/v1/records")) {
            List<String> ids = new ArrayList<>();
            for (JsonValue r : ((JsonArray) v).elements()) {
                ids.add(JsonObjectReader.of((JsonObject) r, "").requireString("recordId").substring(33));
            }
            return String.join(",", ids);
        }
        JsonObjectReader r = JsonObjectReader.of((JsonObject) v, "");
        if (path.equals("/api/v1/transfers")) {
            return r.requireString("transferId").substring(33) + " " + r.requireObject("quantity").requireString("amount")
                    + " " + r.requireObject("quantity").requireString("unit") + " to " + r.requireString("toMspId");
        }
        if (path.equals("/api/v1/attestations")) {
            return r.requireString("verdict") + " " + r.requireString("sealHash");
        }
        return "";
    }

    private ServiceClient as(String clientId) {
        return ServiceClient.builder(server.uri("127.0.0.1"))
                .trust(ServiceTrust.certificates(List.of(server.certificate())))
                .credentials(new Credentials(clientId, "secret")).build();
    }

    private DemoSupplyChain demo() {
        return new DemoSupplyChain(as("steelco"), as("applianceco"), as("certco"), Duration.ofMillis(1));
    }

    @Test
    void seeds_the_worked_example_as_the_three_organizations() {
        int steps = demo().run();

        assertThat(steps).isEqualTo(calls.size());
        assertThat(roles).containsExactlyInAnyOrder("SteelCoMSP PRODUCER", "ApplianceCoMSP PRODUCER",
                "CertCoMSP CERTIFIER");
        assertThat(designations).containsExactlyInAnyOrder("SteelCoMSP CertCoMSP", "ApplianceCoMSP CertCoMSP");
        int firstRecords = calls.indexOf(calls.stream().filter(c -> c.contains(" POST /api/v1/records ")).findFirst()
                .orElseThrow());
        assertThat(calls.subList(0, firstRecords)).as("designated before any record is submitted").contains(
                "steelco PUT /api/v1/organizations/me/certifiers/CertCoMSP",
                "applianceco PUT /api/v1/organizations/me/certifiers/CertCoMSP");
        assertThat(calls.subList(0, firstRecords)).as("CertCo's service was asked whether it sees the designations")
                .contains("certco GET /api/v1/organizations/SteelCoMSP/certifiers",
                        "certco GET /api/v1/organizations/ApplianceCoMSP/certifiers");
        assertThat(calls).filteredOn(c -> c.contains(" POST /api/v1/records ")).containsExactly(
                "steelco POST /api/v1/records 101,102,103",
                "steelco POST /api/v1/records 201,202,203",
                "applianceco POST /api/v1/records 301,302",
                "applianceco POST /api/v1/records 401,402,403");
        assertThat(calls).filteredOn(c -> c.contains("/transfers")).containsExactly(
                "steelco POST /api/v1/transfers 001 160 t to SteelCoMSP",
                "steelco POST /api/v1/transfers/20000000-0000-4000-8000-000000000001/receive ",
                "steelco POST /api/v1/transfers 002 140 t to SteelCoMSP",
                "steelco POST /api/v1/transfers/20000000-0000-4000-8000-000000000002/receive ",
                "steelco POST /api/v1/transfers 003 120 t to SteelCoMSP",
                "steelco POST /api/v1/transfers/20000000-0000-4000-8000-000000000003/receive ",
                "steelco POST /api/v1/transfers 004 80 t to SteelCoMSP",
                "steelco POST /api/v1/transfers/20000000-0000-4000-8000-000000000004/receive ",
                "steelco POST /api/v1/transfers 005 12500 kg to ApplianceCoMSP",
                "applianceco POST /api/v1/transfers/20000000-0000-4000-8000-000000000005/receive ",
                "steelco POST /api/v1/transfers 006 8 t to ApplianceCoMSP",
                "applianceco POST /api/v1/transfers/20000000-0000-4000-8000-000000000006/receive ",
                "applianceco POST /api/v1/transfers 007 900 piece to ApplianceCoMSP",
                "applianceco POST /api/v1/transfers/20000000-0000-4000-8000-000000000007/receive ",
                "applianceco POST /api/v1/transfers 008 600 piece to ApplianceCoMSP",
                "applianceco POST /api/v1/transfers/20000000-0000-4000-8000-000000000008/receive ");
        // CertCo attests the washing machines' seal, the hash their seal answered with.
        assertThat(calls.get(calls.size() - 1)).isEqualTo("certco POST /api/v1/attestations VERIFIED seal-of-WM-2611-001");
        assertThat(calls).filteredOn(c -> c.contains("/devices")).hasSize(4);
        assertThat(calls).filteredOn(c -> c.contains("/batches ")).hasSize(5);
    }

    @Test
    void a_rerun_sends_the_same_writes_and_proposes_no_role_again() {
        demo().run();
        List<String> first = List.copyOf(calls);
        calls.clear();

        demo().run();

        assertThat(calls).noneMatch(c -> c.contains("/proposals"));
        assertThat(calls).containsExactlyElementsOf(first.stream().filter(c -> !c.contains("/proposals")).toList());
    }

    @Test
    void a_refusal_ends_the_seeding_naming_the_step_and_the_services_reason() {
        refuse = "steelco POST /api/v1/transfers";
        assertThatThrownBy(() -> demo().run()).isInstanceOf(IllegalStateException.class)
                .hasMessage("shipment 20000000-0000-4000-8000-000000000001 failed: the service answered 409 to "
                        + "/api/v1/transfers: batch 09506000134352/COIL-8 is sealed");
        assertThat(calls).noneMatch(c -> c.contains("/attestations"));
    }
}
