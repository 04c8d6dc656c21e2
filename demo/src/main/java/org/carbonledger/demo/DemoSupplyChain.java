package org.carbonledger.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import org.carbonledger.apiclient.ClientEnv;
import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.apiclient.ServiceException;
import org.carbonledger.apiclient.ServiceTrust;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * Seeds the demo supply chain through the services' HTTP API, as the three member organizations' systems would: the
 * four-tier worked example of docs/accounting.md (iron ore pellets → steel coil → stamped panels → washing machines),
 * with its signed records, so the numbers on the demo screens are the ones the document computes by hand. The
 * example's inputs (factor dataset, device public keys, signed records) are this jar's own resources.
 *
 * <p>Every step uses fixed ids (the same as the worked example's integration test, which may have created the chain
 * on this ledger already), so running it again (every {@code make up}) is answered with replays and changes
 * nothing. Configuration, from the environment, per organization ({@code STEELCO}, {@code APPLIANCECO},
 * {@code CERTCO}): {@code CARBONLEDGER_DEMO_<ORG>_URL} (its service) and {@code CARBONLEDGER_DEMO_<ORG>_CLIENTS} (the
 * service's demo clients file, {@code service/run/<org>/demo-clients.env}: the admin client is used, and only the
 * certificate in {@code tls/server.crt} beside it is trusted).
 */
public final class DemoSupplyChain {
    static final String PELLETS = "09506000134376";
    static final String COIL = "09506000134352";
    static final String PANELS = "09506000134383";
    static final String WASHERS = "09506000134390";
    static final String RESOURCES = "/org/carbonledger/demo/worked-example/";

    private final ServiceClient steel;
    private final ServiceClient appliance;
    private final ServiceClient cert;
    private final Duration pause;
    private int steps;

    DemoSupplyChain(ServiceClient steel, ServiceClient appliance, ServiceClient cert, Duration pause) {
        this.steel = Objects.requireNonNull(steel, "steel");
        this.appliance = Objects.requireNonNull(appliance, "appliance");
        this.cert = Objects.requireNonNull(cert, "cert");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    public static void main(String[] args) {
        DemoSupplyChain demo = new DemoSupplyChain(client("STEELCO"), client("APPLIANCECO"), client("CERTCO"),
                Duration.ofMillis(500));
        demo.run();
        System.out.println("demo supply chain in place (" + demo.steps + " API calls, replays included)");
    }

    /** @return the API calls made, replays included */
    int run() {
        // A service started on an existing ledger first replays it into its read model.
        for (ServiceClient org : List.of(steel, appliance, cert)) {
            caughtUp(org);
        }
        profile(steel, "SteelCo", false);
        profile(appliance, "ApplianceCo", true);
        profile(cert, "CertCo Assurance", true);
        role(steel, appliance, steel, "SteelCoMSP", "PRODUCER");
        role(steel, cert, appliance, "ApplianceCoMSP", "PRODUCER");
        role(steel, appliance, cert, "CertCoMSP", "CERTIFIER");
        // Raw records are private to their producer and the certifiers it designates; the ledger refuses records of a
        // producer that designated none, so CertCo is designated before any record is submitted.
        designate(steel, "SteelCoMSP", "CertCoMSP");
        designate(appliance, "ApplianceCoMSP", "CertCoMSP");

        factors();
        product(steel, PELLETS, "Iron ore pellets", "t");
        product(steel, COIL, "Hot-rolled steel coil", "t");
        product(appliance, PANELS, "Stamped steel side panel", "piece");
        product(appliance, WASHERS, "Washing machine WM-9", "piece");
        device(steel, "steelco-meter-12");
        device(steel, "steelco-pellet-kiln-1");
        device(appliance, "applianceco-press-3");
        device(appliance, "applianceco-line-1");
        batch(steel, PELLETS, "PEL-2026-09", "500", "t");
        batch(steel, COIL, "COIL-7", "240", "t");
        batch(steel, COIL, "COIL-8", "250", "t");
        batch(appliance, PANELS, "PNL-2611-A", "4000", "piece");
        batch(appliance, WASHERS, "WM-2611-001", "500", "piece");

        records(steel, "t1-pellets-electricity", "t1-pellets-furnace-gases", "t1-pellets-mining-diesel");
        seal(steel, PELLETS, "PEL-2026-09");
        ship(steel, steel, 1, PELLETS, "PEL-2026-09", "160", "t", "SteelCoMSP", COIL, "COIL-7");
        ship(steel, steel, 2, PELLETS, "PEL-2026-09", "140", "t", "SteelCoMSP", COIL, "COIL-8");
        ship(steel, steel, 3, PELLETS, "PEL-2026-09", "120", "t", "SteelCoMSP", COIL, "COIL-7");
        ship(steel, steel, 4, PELLETS, "PEL-2026-09", "80", "t", "SteelCoMSP", COIL, "COIL-8");
        records(steel, "t2-coil-steelmaking-gases", "t2-coil-reheating-gas", "t2-coil-rolling-electricity");
        seal(steel, COIL, "COIL-7");
        ship(steel, appliance, 5, COIL, "COIL-7", "12500", "kg", "ApplianceCoMSP", PANELS, "PNL-2611-A");
        ship(steel, appliance, 6, COIL, "COIL-7", "8", "t", "ApplianceCoMSP", PANELS, "PNL-2611-A");
        records(appliance, "t3-panels-press-electricity", "t3-panels-paint-gas");
        seal(appliance, PANELS, "PNL-2611-A");
        ship(appliance, appliance, 7, PANELS, "PNL-2611-A", "900", "piece", "ApplianceCoMSP", WASHERS, "WM-2611-001");
        ship(appliance, appliance, 8, PANELS, "PNL-2611-A", "600", "piece", "ApplianceCoMSP", WASHERS, "WM-2611-001");
        records(appliance, "t4-washer-assembly-electricity", "t4-washer-packaging", "t4-washer-transport-diesel");
        String sealHash = seal(appliance, WASHERS, "WM-2611-001");
        attest(WASHERS, "WM-2611-001", sealHash, "30000000-0000-4000-8000-000000000001");
        return steps;
    }

    private void profile(ServiceClient org, String name, boolean isPublic) {
        call("profile of " + name, () -> org.put("/api/v1/organizations/self", JsonObject.builder()
                .put("displayName", name).put("public", isPublic).build()));
    }

    /**
     * Grants a role by majority unless held, then waits until the holder's own service sees it: the holder's peer
     * checks the role when it endorses, and may receive the approving block a moment after the approver's peer.
     */
    private void role(ServiceClient proposer, ServiceClient approver, ServiceClient holder, String msp, String role) {
        String path = "/api/v1/organizations/" + msp + "/roles";
        if (!holds(proposer, path, role)) {
            String id = UUID.randomUUID().toString();
            call("proposal " + role + " for " + msp, () -> proposer.post("/api/v1/proposals", JsonObject.builder()
                    .put("proposalId", id).put("action", "GRANT").put("mspId", msp).put("role", role).build()));
            call("approval of " + id, () -> approver.post("/api/v1/proposals/" + id + "/approve", JsonObject.empty()));
        }
        awaitRole(holder, msp, role);
    }

    /**
     * Designates a certifier for a producer (a replay when it is designated already), then waits until the
     * certifier's own service sees the designation: the certifier's peer endorses the producer's records only once
     * it holds the designating block. The producer's service must first see the certifier's role, which its peer
     * checks when it endorses the designation.
     */
    private void designate(ServiceClient producer, String producerMsp, String certifierMsp) {
        awaitRole(producer, certifierMsp, "CERTIFIER");
        call("designation of " + certifierMsp + " by " + producerMsp, () -> producer.put(
                "/api/v1/organizations/me/certifiers/" + certifierMsp, JsonObject.empty()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!designated(cert, producerMsp, certifierMsp)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(certifierMsp + "'s service does not see its designation by "
                        + producerMsp + " after 60 s");
            }
            pause();
        }
    }

    private boolean designated(ServiceClient org, String producerMsp, String certifierMsp) {
        JsonObject designations = call("certifiers of " + producerMsp, () -> org.get("/api/v1/organizations/"
                + producerMsp + "/certifiers"));
        return JsonObjectReader.of(designations, "designations").requireArray("certifiers").elements().stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .anyMatch(o -> JsonObjectReader.of(o, "certifiers[]").optionalString("certifierMspId")
                        .filter(certifierMsp::equals).isPresent());
    }

    private void awaitRole(ServiceClient org, String msp, String role) {
        String path = "/api/v1/organizations/" + msp + "/roles";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!holds(org, path, role)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(org.base() + " does not see " + msp + "'s " + role + " role after 60 s");
            }
            pause();
        }
    }

    private boolean holds(ServiceClient org, String rolesPath, String role) {
        JsonObject page = call("roles", () -> org.get(rolesPath));
        return JsonObjectReader.of(page, "roles").requireArray("items").elements().stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .anyMatch(o -> JsonObjectReader.of(o, "items[]").optionalString("role").filter(role::equals)
                        .isPresent());
    }

    private void factors() {
        JsonArray factors = (JsonArray) Json.parse(resource("example/factors.json"));
        List<JsonValue> entries = new ArrayList<>();
        for (JsonValue f : factors.elements()) {
            entries.add(((JsonObject) f).without("dataset").without("version"));
        }
        JsonObjectReader first = JsonObjectReader.of((JsonObject) factors.get(0), "factors[0]");
        call("factor dataset", () -> cert.post("/api/v1/factor-datasets", JsonObject.builder()
                .put("dataset", first.requireString("dataset")).put("version", first.requireString("version"))
                .put("sourceCitation", first.requireString("sourceCitation"))
                .put("licence", first.requireString("licence"))
                .put("factors", JsonArray.of(entries)).build()));
    }

    private void product(ServiceClient org, String gtin, String name, String unit) {
        call("product " + gtin, () -> org.post("/api/v1/products", JsonObject.builder().put("gtin", gtin)
                .put("name", name).put("declaredUnit", unit).build()));
    }

    private void device(ServiceClient org, String deviceId) {
        String pem = resource("keys/" + deviceId + ".pub.pem");
        call("device " + deviceId, () -> org.post("/api/v1/devices", JsonObject.builder().put("deviceId", deviceId)
                .put("publicKeyPem", pem).put("validFrom", "2026-01-01T00:00:00Z").build()));
    }

    private void batch(ServiceClient org, String gtin, String lot, String amount, String unit) {
        call("batch " + gtin + "/" + lot, () -> org.post("/api/v1/batches", JsonObject.builder().put("gtin", gtin)
                .put("lot", lot).put("quantity", JsonObject.builder().put("amount", amount).put("unit", unit).build())
                .build()));
    }

    private void records(ServiceClient org, String... names) {
        List<JsonValue> records = new ArrayList<>();
        for (String name : names) {
            records.add(Json.parseObject(resource("example/" + name + ".json"), name));
        }
        call("records " + String.join(", ", names), () -> org.post("/api/v1/records", JsonArray.of(records)));
    }

    /** @return the seal hash */
    private String seal(ServiceClient org, String gtin, String lot) {
        JsonObject answer = call("seal of " + gtin + "/" + lot, () -> org.post("/api/v1/batches/" + gtin + "/" + lot
                + "/seal", JsonObject.empty()));
        return JsonObjectReader.of(answer, "").requireObject("result").requireString("sealHash");
    }

    private void caughtUp(ServiceClient org) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            JsonObject status = call("read-model status", () -> org.get("/api/v1/admin/read-model"));
            if (status.get("lagBlocks").map(v -> v.toString().equals("0")).orElse(false)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("read model still behind the ledger after 10 minutes: "
                        + Json.write(status));
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void ship(ServiceClient sender, ServiceClient receiver, int n, String gtin, String lot, String amount,
                      String unit, String to, String toGtin, String toLot) {
        String transferId = String.format(Locale.ROOT, "20000000-0000-4000-8000-%012d", n);
        call("shipment " + transferId, () -> sender.post("/api/v1/transfers", JsonObject.builder()
                .put("transferId", transferId).put("from", JsonObject.builder().put("gtin", gtin).put("lot", lot).build())
                .put("toMspId", to)
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", unit).build()).build()));
        call("receipt of " + transferId, () -> receiver.post("/api/v1/transfers/" + transferId + "/receive",
                JsonObject.builder().put("gtin", toGtin).put("lot", toLot).build()));
    }

    private void attest(String gtin, String lot, String sealHash, String attestationId) {
        call("attestation", () -> cert.post("/api/v1/attestations", JsonObject.builder()
                .put("attestationId", attestationId).put("gtin", gtin).put("lot", lot).put("verdict", "VERIFIED")
                .put("standard", "ISO 14067").put("assuranceLevel", "LIMITED").put("validFrom", "2026-11-01T00:00:00Z")
                .put("validUntil", "2036-11-01T00:00:00Z").put("sealHash", sealHash).build()));
    }

    /** One API call; a refusal or no answer ends the seeding, naming the step. */
    private JsonObject call(String what, Supplier<JsonObject> call) {
        steps++;
        try {
            return call.get();
        } catch (ServiceException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** One of the worked example's inputs, from this jar. */
    static String resource(String name) {
        try (InputStream in = DemoSupplyChain.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo jar has no " + RESOURCES + name + " (rebuild it: "
                        + "./mvnw -pl demo -am package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the demo jar", e);
        }
    }

    private static ServiceClient client(String org) {
        Path clients = Path.of(env("CARBONLEDGER_DEMO_" + org + "_CLIENTS"));
        return ServiceClient.builder(URI.create(env("CARBONLEDGER_DEMO_" + org + "_URL")))
                .trust(ServiceTrust.certificates(List.of(ClientEnv.certificateBeside(clients))))
                .credentials(ClientEnv.read(clients).credentials("ADMIN", clients.toString())).build();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set (see network/scripts/seed-demo.sh)");
        }
        return value;
    }
}
