package org.carbonledger.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.record.RecordCsv;
import org.carbonledger.service.sync.SyncStatus;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole producer → producer → certifier flow through the HTTP API of three service instances (one per member
 * organization, each with its own embedded MariaDB), on the real Fabric network: roles by majority, a factor
 * dataset, products, devices, batches, signed records in bulk, seal, ship, receive, seal, attest, and the queries
 * each party then makes. Retries are recorded once; refusals name the field and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupplyChainFlowIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path network = Path.of(System.getProperty("carbonledger.network.dir"));
    private final List<ApplicationContext> contexts = new ArrayList<>();

    private FlowClient steel;
    private FlowClient appliance;
    private FlowClient cert;
    private FlowClient steelReader;

    private final String suffix = Long.toString(Math.abs(RANDOM.nextLong()), 36);
    private final String dataset = "it-" + suffix;
    private final String factorId = "it-grid-" + suffix;
    private final String coilGtin = newGtin();
    private final String panelGtin = newGtin();
    private final String coilLot = "COIL/" + suffix.substring(0, 6);
    private final String panelLot = "PNL-" + suffix.substring(0, 6);
    private final DeviceKeyPair meter = DeviceKeyPair.generate(RANDOM);
    private final DeviceKeyPair press = DeviceKeyPair.generate(RANDOM);
    private final String transferId = UUID.randomUUID().toString();
    private List<JsonObject> coilRecords;

    @BeforeAll
    void start() throws Exception {
        steel = api(start("SteelCoMSP", "steelco"), TestClients.ADMIN, TestClients.ADMIN_SECRET);
        appliance = api(start("ApplianceCoMSP", "applianceco"), TestClients.ADMIN, TestClients.ADMIN_SECRET);
        cert = api(start("CertCoMSP", "certco"), TestClients.ADMIN, TestClients.ADMIN_SECRET);
        steelReader = api(contexts.get(0), TestClients.READER, TestClients.READER_SECRET);
    }

    @AfterAll
    void stop() {
        contexts.forEach(ApplicationContext::close);
    }

    @Test
    @Order(1)
    void roles_are_granted_by_a_majority_through_the_proposal_api() throws InterruptedException {
        ensureRole(steel, appliance, steel, "SteelCoMSP", "PRODUCER");
        ensureRole(steel, cert, appliance, "ApplianceCoMSP", "PRODUCER");
        ensureRole(steel, appliance, cert, "CertCoMSP", "CERTIFIER");
        FlowClient.Answer roles = steel.get("/api/v1/organizations/CertCoMSP/roles");
        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.body()).contains("CERTIFIER");
        // Records are refused until their producer designated a certifier to see (and endorse) them.
        ensureDesignated(steel, "SteelCoMSP");
        ensureDesignated(appliance, "ApplianceCoMSP");
    }

    @Test
    @Order(2)
    void the_certifier_publishes_a_factor_dataset_and_a_retry_is_a_replay() {
        JsonObject body = JsonObject.builder().put("dataset", dataset).put("version", "2026.1")
                .put("sourceCitation", "Integration test factor").put("licence", "CC0-1.0")
                .put("factors", JsonArray.of(JsonObject.builder().put("factorId", factorId).put("unit", "kWh")
                        .put("kgCo2ePerUnit", "0.5").build()))
                .build();
        FlowClient.Answer first = cert.post("/api/v1/factor-datasets", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Location").orElseThrow()).endsWith("/api/v1/factor-datasets/" + dataset + "/2026.1");
        FlowClient.Answer again = cert.post("/api/v1/factor-datasets", body);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("replayed")).contains(JsonBoolean.TRUE);

        FlowClient.Answer changed = cert.post("/api/v1/factor-datasets", body.without("licence")
                .with("licence", JsonString.of("CC-BY-4.0")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(409);
        assertThat(changed.string("code")).isEqualTo("ALREADY_EXISTS");

        FlowClient.Answer notCertifier = steel.post("/api/v1/factor-datasets", body.without("version")
                .with("version", JsonString.of("2026.2")));
        assertThat(notCertifier.status()).as(notCertifier.toString()).isEqualTo(403);
        assertThat(notCertifier.string("code")).isEqualTo("ROLE_REQUIRED");
    }

    @Test
    @Order(3)
    void the_first_producer_records_signed_data_in_bulk_and_retries_are_recorded_once() {
        created(steel.post("/api/v1/products", product(coilGtin, "IT coil", "kg")));
        created(steel.post("/api/v1/devices", device("it-meter-" + suffix, meter)));
        FlowClient.Answer batch = steel.post("/api/v1/batches", batch(coilGtin, coilLot, "10", "t"));
        created(batch);
        assertThat(batch.header("Location").orElseThrow()).contains("/api/v1/batches/" + coilGtin + "/COIL%2F");

        coilRecords = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            coilRecords.add(signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "1000" + i));
        }
        FlowClient.Answer submitted = steel.post("/api/v1/records", JsonArray.of(coilRecords));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(submitted.read().requireInteger("accepted", 0, 10)).isEqualTo(5);

        // The client did not see the answer and sends the same records again, with one more.
        List<JsonObject> retry = new ArrayList<>(coilRecords);
        retry.add(signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "20000"));
        FlowClient.Answer retried = steel.post("/api/v1/records", JsonArray.of(retry));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.read().requireInteger("accepted", 0, 10)).isEqualTo(1);
        assertThat(retried.read().requireInteger("replayed", 0, 10)).isEqualTo(5);
        coilRecords = retry;

        FlowClient.Answer all = steel.post("/api/v1/records", JsonArray.of(retry));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);

        FlowClient.Answer page1 = steel.get("/api/v1/batches/" + coilGtin + "/" + encode(coilLot) + "/records?pageSize=4");
        assertThat(page1.status()).as(page1.toString()).isEqualTo(200);
        assertThat(page1.read().requireArray("items").size()).isEqualTo(4);
        String next = page1.header("Link").orElseThrow();
        assertThat(next).endsWith("; rel=\"next\"");
        String nextPath = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        FlowClient.Answer page2 = steel.get(nextPath);
        assertThat(page2.read().requireArray("items").size()).as("6 records, each once").isEqualTo(2);
        assertThat(page2.header("Link")).isEmpty();

        // SteelCo designated CertCo, not ApplianceCo: ApplianceCo's service refuses the records as private.
        FlowClient.Answer foreign = appliance.get("/api/v1/batches/" + coilGtin + "/" + encode(coilLot) + "/records");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.string("code")).isEqualTo("NOT_DESIGNATED");
    }

    @Test
    @Order(4)
    void a_csv_upload_is_checked_line_by_line_and_safe_to_retry() {
        List<JsonObject> csvRecords = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            csvRecords.add(signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "300" + i));
        }
        String csv = RecordCsv.write(csvRecords);
        FlowClient.Answer uploaded = steel.post("/api/v1/records", csv, "text/csv");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.read().requireInteger("accepted", 0, 10)).isEqualTo(3);
        FlowClient.Answer again = steel.post("/api/v1/records", csv, "text/csv");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.read().requireInteger("replayed", 0, 10)).isEqualTo(3);

        String[] lines = RecordCsv.write(List.of(signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "1"),
                signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "2"))).split("\n");
        String broken = lines[0] + "\n" + lines[1] + "\n" + lines[2].replaceFirst(",PRODUCTION,", ",BREWING,") + "\n";
        FlowClient.Answer refused = steel.post("/api/v1/records", broken, "text/csv");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.string("detail")).contains("line 3");
        coilRecords.addAll(csvRecords);
    }

    @Test
    @Order(5)
    void a_tampered_record_is_refused_with_the_reason_and_changes_nothing() {
        JsonObject tampered = signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "5")
                .without("activity").with("activity", JsonObject.builder().put("factorId", factorId)
                        .put("amount", "6").put("unit", "kWh").build());
        FlowClient.Answer refused = steel.post("/api/v1/records", tampered);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.string("code")).isEqualTo("INVALID_SIGNATURE");
        assertThat(refused.string("detail")).contains("signature");

        FlowClient.Answer malformed = steel.post("/api/v1/records",
                JsonArray.of(signedRecord(coilGtin, coilLot, "it-meter-" + suffix, meter, "1"),
                        JsonObject.builder().put("recordId", "not-a-uuid").build()));
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.body()).contains("records[1]");
        assertThat(steel.get("/api/v1/batches/" + coilGtin + "/" + encode(coilLot) + "/records?pageSize=100")
                .read().requireArray("items").size()).as("nothing of the refused requests was recorded").isEqualTo(9);
    }

    @Test
    @Order(6)
    void the_first_producer_seals_and_ships_within_its_mass_balance() {
        FlowClient.Answer sealed = steel.post("/api/v1/batches/" + coilGtin + "/" + encode(coilLot) + "/seal", "", "application/json");
        assertThat(sealed.status()).as(sealed.toString()).isEqualTo(200);
        assertThat(sealed.string("transactionId")).isNotBlank();
        FlowClient.Answer resealed = steel.post("/api/v1/batches/" + coilGtin + "/" + encode(coilLot) + "/seal", "", "application/json");
        assertThat(resealed.status()).as(resealed.toString()).isEqualTo(200);
        assertThat(resealed.string("transactionId")).as("a replay names the sealing transaction").isEqualTo(sealed.string("transactionId"));

        FlowClient.Answer tooMuch = steel.post("/api/v1/transfers", shipment(UUID.randomUUID().toString(), "10.001", "t"));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(409);
        assertThat(tooMuch.string("code")).isEqualTo("MASS_BALANCE_EXCEEDED");

        FlowClient.Answer shipped = steel.post("/api/v1/transfers", shipment(transferId, "2500", "kg"));
        created(shipped);
        assertThat(steel.post("/api/v1/transfers", shipment(transferId, "2500", "kg")).status()).isEqualTo(200);
        FlowClient.Answer differentRetry = steel.post("/api/v1/transfers", shipment(transferId, "2600", "kg"));
        assertThat(differentRetry.status()).as(differentRetry.toString()).isEqualTo(409);
        assertThat(differentRetry.string("detail")).contains("quantity differs");
        FlowClient.Answer sameInTonnes = steel.post("/api/v1/transfers", shipment(transferId, "2.5", "t"));
        assertThat(sameInTonnes.status()).as("the same quantity in another unit is the same shipment: " + sameInTonnes).isEqualTo(200);
    }

    @Test
    @Order(7)
    void the_second_producer_receives_records_and_seals_and_sees_its_provenance() {
        created(appliance.post("/api/v1/products", product(panelGtin, "IT panel", "piece")));
        created(appliance.post("/api/v1/devices", device("it-press-" + suffix, press)));
        created(appliance.post("/api/v1/batches", batch(panelGtin, panelLot, "500", "piece")));

        FlowClient.Answer inbound = appliance.get("/api/v1/transfers?direction=inbound&status=SHIPPED&pageSize=1000");
        assertThat(inbound.status()).isEqualTo(200);
        assertThat(inbound.body()).contains(transferId);

        JsonObject into = JsonObject.builder().put("gtin", panelGtin).put("lot", panelLot).build();
        FlowClient.Answer received = appliance.post("/api/v1/transfers/" + transferId + "/receive", into);
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        assertThat(appliance.post("/api/v1/transfers/" + transferId + "/receive", into).json().get("replayed"))
                .contains(JsonBoolean.TRUE);

        FlowClient.Answer foreign = appliance.post("/api/v1/records",
                signedRecord(coilGtin, coilLot, "it-press-" + suffix, press, "1"));
        assertThat(foreign.status()).as("no organization writes to another's batch: " + foreign).isIn(403, 409);

        created(appliance.post("/api/v1/records", signedRecord(panelGtin, panelLot, "it-press-" + suffix, press, "800")));
        FlowClient.Answer sealed = appliance.post("/api/v1/batches/" + panelGtin + "/" + panelLot + "/seal", "", "application/json");
        assertThat(sealed.status()).as(sealed.toString()).isEqualTo(200);

        FlowClient.Answer provenance = appliance.get("/api/v1/batches/" + panelGtin + "/" + panelLot + "/provenance");
        assertThat(provenance.status()).as(provenance.toString()).isEqualTo(200);
        assertThat(provenance.read().requireInteger("tiers", 1, 10)).isEqualTo(2);

        // Coil: 10000..10004, 20000 and 3000..3002 kWh = 79013 kWh at 0.5 = 39506.5 kgCO2e for 10 t; 2.5 t carry a
        // quarter, 9876.625. Panels: 9876.625 + 800 kWh × 0.5 = 10276.625 kgCO2e for 500 pieces.
        JsonObjectReader batch = appliance.get("/api/v1/batches/" + panelGtin + "/" + panelLot).read();
        assertThat(batch.requireString("status")).isEqualTo("SEALED");
        assertThat(new java.math.BigDecimal(batch.requireObject("seal").requireObject("footprint").requireString("total")))
                .isEqualByComparingTo("10276.625");
        assertThat(new java.math.BigDecimal(batch.requireObject("seal").requireObject("perUnit").requireString("total")))
                .isEqualByComparingTo("20.55325");
    }

    @Test
    @Order(8)
    void the_certifier_attests_the_current_seal_and_everyone_reads_it() {
        // The certifier's own service learns of the seal through its read model, a moment after the producer's.
        String sealHash = awaitSealHash(cert, "/api/v1/batches/" + panelGtin + "/" + panelLot);
        JsonObject attestation = JsonObject.builder().put("attestationId", UUID.randomUUID().toString())
                .put("gtin", panelGtin).put("lot", panelLot).put("verdict", "VERIFIED").put("standard", "ISO 14067")
                .put("assuranceLevel", "LIMITED").put("validFrom", "2026-01-01T00:00:00Z")
                .put("validUntil", "2030-01-01T00:00:00Z").put("sealHash", sealHash).build();
        created(cert.post("/api/v1/attestations", attestation));
        assertThat(cert.post("/api/v1/attestations", attestation).status()).isEqualTo(200);
        FlowClient.Answer stale = cert.post("/api/v1/attestations", attestation.without("attestationId")
                .with("attestationId", JsonString.of(UUID.randomUUID().toString())).without("sealHash")
                .with("sealHash", JsonString.of("0".repeat(64))));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.string("detail")).contains("sealHash");

        FlowClient.Answer listed = steelReader.get("/api/v1/batches/" + panelGtin + "/" + panelLot + "/attestations");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.read().requireArray("items").size()).isEqualTo(1);
    }

    @Test
    @Order(9)
    void bad_input_and_missing_rights_get_clear_problems() {
        FlowClient.Answer badGtin = steel.get("/api/v1/batches/09506000134353/LOT-1");
        assertThat(badGtin.status()).isEqualTo(400);
        assertThat(badGtin.string("code")).isEqualTo("INVALID_GTIN");
        assertThat(badGtin.string("detail")).contains("gtin").contains("check digit");

        FlowClient.Answer unknown = steel.get("/api/v1/batches/" + coilGtin + "/NO-SUCH-LOT");
        assertThat(unknown.status()).isEqualTo(404);

        FlowClient.Answer readerWrites = steelReader.post("/api/v1/products", product(newGtin(), "x", "kg"));
        assertThat(readerWrites.status()).isEqualTo(403);

        FlowClient.Answer badAmount = steel.post("/api/v1/batches", batch(coilGtin, "L-" + suffix, "1e5", "kg"));
        assertThat(badAmount.status()).as(badAmount.toString()).isEqualTo(400);
        assertThat(badAmount.string("detail")).contains("quantity.amount");
    }

    @Test
    @Order(10)
    void the_read_model_audit_finds_no_difference_with_the_ledger() {
        FlowClient.Answer audit = steel.get("/api/v1/admin/read-model/audit");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.json().get("consistent")).as(audit.body()).contains(JsonBoolean.TRUE);
        FlowClient.Answer status = steelReader.get("/api/v1/admin/read-model");
        assertThat(status.status()).as("operators and admins only").isEqualTo(403);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void ensureRole(FlowClient proposer, FlowClient approver, FlowClient holder, String msp, String role)
            throws InterruptedException {
        String path = "/api/v1/organizations/" + msp + "/roles";
        if (!proposer.get(path).body().contains("\"" + role + "\"")) {
            String id = UUID.randomUUID().toString();
            created(proposer.post("/api/v1/proposals", JsonObject.builder().put("proposalId", id).put("action", "GRANT")
                    .put("mspId", msp).put("role", role).build()));
            FlowClient.Answer approved = approver.post("/api/v1/proposals/" + id + "/approve", "", "application/json");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            assertThat(approver.post("/api/v1/proposals/" + id + "/approve", "", "application/json").status())
                    .as("approving twice is a replay").isEqualTo(200);
        }
        // The holder's peer checks the role when it endorses; it may get the approving block a moment later.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!holder.get(path).body().contains("\"" + role + "\"")) {
            assertThat(System.nanoTime()).as(msp + "'s service seeing its " + role + " role").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Designates CertCo for a producer (a replay when it is designated already), then waits until CertCo's service
     * sees the designation: CertCo's peer endorses the producer's records only once it holds that block.
     */
    private void ensureDesignated(FlowClient producer, String msp) throws InterruptedException {
        FlowClient.Answer designated = producer.put("/api/v1/organizations/me/certifiers/CertCoMSP");
        assertThat(designated.status()).as(designated.toString()).isEqualTo(200);
        FlowClient.Answer again = producer.put("/api/v1/organizations/me/certifiers/CertCoMSP");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("replayed")).contains(JsonBoolean.TRUE);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!cert.get("/api/v1/organizations/" + msp + "/certifiers").body().contains("\"CertCoMSP\"")) {
            assertThat(System.nanoTime()).as("CertCo's service seeing its designation by " + msp).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String awaitSealHash(FlowClient api, String path) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            FlowClient.Answer batch = api.get(path);
            if (batch.status() == 200 && batch.json().has("sealHash")) {
                return batch.string("sealHash");
            }
            assertThat(System.nanoTime()).as("the seal reaching the certifier's read model: " + batch).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void created(FlowClient.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
    }

    private JsonObject product(String gtin, String name, String unit) {
        return JsonObject.builder().put("gtin", gtin).put("name", name).put("declaredUnit", unit).build();
    }

    private JsonObject device(String id, DeviceKeyPair key) {
        return JsonObject.builder().put("deviceId", id).put("publicKeyPem", key.publicKey().toPem())
                .put("validFrom", "2026-01-01T00:00:00Z").build();
    }

    private JsonObject batch(String gtin, String lot, String amount, String unit) {
        return JsonObject.builder().put("gtin", gtin).put("lot", lot)
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", unit).build()).build();
    }

    private JsonObject shipment(String id, String amount, String unit) {
        return JsonObject.builder().put("transferId", id)
                .put("from", JsonObject.builder().put("gtin", coilGtin).put("lot", coilLot).build())
                .put("toMspId", "ApplianceCoMSP")
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", unit).build()).build();
    }

    private JsonObject signedRecord(String gtin, String lot, String deviceId, DeviceKeyPair key, String kwh) {
        JsonObject unsigned = JsonObject.builder().put("recordId", UUID.randomUUID().toString()).put("gtin", gtin)
                .put("lot", lot).put("deviceId", deviceId).put("periodStart", "2026-10-01T00:00:00Z")
                .put("periodEnd", "2026-10-31T23:59:59Z").put("scope", 2L).put("stage", "PRODUCTION")
                .put("activity", JsonObject.builder().put("factorId", factorId).put("amount", kwh).put("unit", "kWh").build())
                .build();
        return EmissionRecord.sign(unsigned, key.privateKey()).json();
    }

    private static String encode(String lot) {
        return java.net.URLEncoder.encode(lot, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String newGtin() {
        StringBuilder digits = new StringBuilder("96");
        for (int i = 0; i < 10; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return Gtin.parse(digits.toString() + Gtin.checkDigit(digits.toString()), "gtin").value();
    }

    private ApplicationContext start(String msp, String org) throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-flow-it-" + org + "-");
        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", dataDir.toString());
        properties.put("carbonledger.organization", msp);
        properties.put("carbonledger.fabric.connection-file", network.resolve("connection/" + org + ".json").toString());
        ApplicationContext context = ApplicationContext.run(properties, "test");
        context.getBean(EmbeddedServer.class).start();
        contexts.add(context);
        // A fresh read model replays the whole ledger first; the flow starts once it has caught up.
        SyncStatus sync = context.getBean(SyncStatus.class);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (sync.lagBlocks().orElse(Long.MAX_VALUE) > 0) {
            assertThat(System.nanoTime()).as(org + "'s read model catching up with the ledger").isLessThan(deadline);
            Thread.sleep(200);
        }
        return context;
    }

    private static FlowClient api(ApplicationContext context, String id, String secret) {
        return FlowClient.connect(context.getBean(EmbeddedServer.class).getURI(), id, secret);
    }
}
