package org.carbonledger.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four-tier worked example of docs/accounting.md (pellets → coil → panels → washing machines), played on the
 * real network by SteelCo, ApplianceCo and CertCo with the example's amounts, periods, device keys and shipment
 * order. The sealed footprints the chaincode computes depend only on those and must equal the document's, to the
 * last digit; the Merkle roots and seal hashes also depend on the ids, so they are recomputed from the stored
 * states by core's verifier over the collected proof bundle.
 *
 * <p>Every run writes under ids of its own — GTINs, lots, device ids, factor ids, transfer and attestation ids — so
 * a ledger the demo has already seeded with the document's ids is no obstacle, and every write must succeed: a
 * refusal such as "already exists" fails the test instead of being taken for an earlier run's work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkedExampleIT {
    private final String run = Ledger.suffix();
    final String pellets = Ledger.newGtin();
    final String coil = Ledger.newGtin();
    final String panels = Ledger.newGtin();
    final String washers = Ledger.newGtin();
    final String pelletsLot = "PEL-" + run;
    final String coil7Lot = "COIL7-" + run;
    final String coil8Lot = "COIL8-" + run;
    final String panelsLot = "PNL-" + run;
    final String washersLot = "WM-" + run;
    /** The example's transfer n (1 to 8) under this run's id. */
    final Map<Integer, String> transferIds = new HashMap<>();
    /** The example's factor, device and lot names mapped to this run's. */
    private final Map<String, String> renamed = new HashMap<>();

    private final Path fixtures = Path.of(System.getProperty("carbonledger.fixtures.dir"));
    private Ledger ledger;

    @BeforeAll
    void connect() {
        ledger = new Ledger(LocalNetwork.fromSystemProperty());
        ledger.ensureRoles();
    }

    @AfterAll
    void disconnect() {
        ledger.close();
    }

    @Test
    @Order(1)
    void certco_publishes_the_example_factor_dataset() throws IOException {
        JsonArray factors = (JsonArray) Json.parse(Files.readString(fixtures.resolve("example/factors.json")));
        List<JsonValue> entries = new ArrayList<>();
        for (JsonValue f : factors.elements()) {
            JsonObject factor = (JsonObject) f;
            String factorId = text(factor, "factorId");
            renamed.put(factorId, factorId + "-" + run);
            entries.add(replace(factor.without("dataset").without("version"), "factorId", renamed.get(factorId)));
        }
        JsonObject first = (JsonObject) factors.get(0);
        JsonObject dataset = JsonObject.builder()
                .put("dataset", text(first, "dataset") + "-" + run)
                .put("version", text(first, "version"))
                .put("sourceCitation", text(first, "sourceCitation"))
                .put("licence", text(first, "licence"))
                .put("factors", JsonArray.of(entries))
                .build();
        ledger.submit(Ledger.CERTCO, "Factors", "PublishFactorDataset", Jcs.canonicalString(dataset));
        JsonObject grid = ledger.evaluate(Ledger.STEELCO, "Factors", "GetFactor", renamed.get("grid-electricity-2026"));
        assertThat(text(grid, "kgCo2ePerUnit")).isEqualTo("0.4215");
        assertThat(text(grid, "publisherMspId")).isEqualTo(Ledger.CERTCO);
    }

    @Test
    @Order(2)
    void producers_register_products_devices_and_batches() throws IOException {
        product(Ledger.STEELCO, pellets, "Iron ore pellets", "t");
        product(Ledger.STEELCO, coil, "Hot-rolled steel coil", "t");
        product(Ledger.APPLIANCECO, panels, "Stamped steel side panel", "piece");
        product(Ledger.APPLIANCECO, washers, "Washing machine WM-9", "piece");
        device(Ledger.STEELCO, "steelco-meter-12");
        device(Ledger.STEELCO, "steelco-pellet-kiln-1");
        device(Ledger.APPLIANCECO, "applianceco-press-3");
        device(Ledger.APPLIANCECO, "applianceco-line-1");
        batch(Ledger.STEELCO, pellets, pelletsLot, "500", "t");
        batch(Ledger.STEELCO, coil, coil7Lot, "240", "t");
        batch(Ledger.STEELCO, coil, coil8Lot, "250", "t");
        batch(Ledger.APPLIANCECO, panels, panelsLot, "4000", "piece");
        batch(Ledger.APPLIANCECO, washers, washersLot, "500", "piece");
        assertThat(ledger.refusal(Ledger.STEELCO, "Batches", "CreateBatch", batchJson(pellets, pelletsLot, "1", "t")))
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    @Test
    @Order(3)
    void tier_1_pellets_are_recorded_sealed_and_shipped_in_four_parts() throws IOException {
        records(Ledger.STEELCO, pellets, pelletsLot, "t1-pellets-electricity", "t1-pellets-furnace-gases", "t1-pellets-mining-diesel");
        JsonObject sealed = seal(Ledger.STEELCO, pellets, pelletsLot);
        assertSeal(sealed, "564216.1", "1128.4322");
        ship(Ledger.STEELCO, 1, pellets, pelletsLot, "160", "t", Ledger.STEELCO, coil, coil7Lot);
        ship(Ledger.STEELCO, 2, pellets, pelletsLot, "140", "t", Ledger.STEELCO, coil, coil8Lot);
        ship(Ledger.STEELCO, 3, pellets, pelletsLot, "120", "t", Ledger.STEELCO, coil, coil7Lot);
        ship(Ledger.STEELCO, 4, pellets, pelletsLot, "80", "t", Ledger.STEELCO, coil, coil8Lot);
        assertThat(allocated(1)).isEqualTo("180549.152");
        assertThat(ledger.refusal(Ledger.STEELCO, "Transfers", "ShipMaterial", shipment(
                Ledger.uuid(), pellets, pelletsLot, "1", "kg", Ledger.APPLIANCECO)))
                .isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
    }

    @Test
    @Order(4)
    void tier_2_coil_carries_its_pellets_and_ships_to_applianceco() throws IOException {
        records(Ledger.STEELCO, coil, coil7Lot, "t2-coil-steelmaking-gases", "t2-coil-reheating-gas", "t2-coil-rolling-electricity");
        JsonObject sealed = seal(Ledger.STEELCO, coil, coil7Lot);
        assertSeal(sealed, "756413.03266666666666666666666666666573", "3151.720969444444444444444444444444");
        ship(Ledger.STEELCO, 5, coil, coil7Lot, "12500", "kg", Ledger.APPLIANCECO, panels, panelsLot);
        ship(Ledger.STEELCO, 6, coil, coil7Lot, "8", "t", Ledger.APPLIANCECO, panels, panelsLot);
    }

    @Test
    @Order(5)
    void tier_3_panels_and_tier_4_washing_machines_match_the_document() throws IOException {
        records(Ledger.APPLIANCECO, panels, panelsLot, "t3-panels-press-electricity", "t3-panels-paint-gas");
        JsonObject sealedPanels = seal(Ledger.APPLIANCECO, panels, panelsLot);
        assertSeal(sealedPanels, "90171.77987361111111111111111111111", "22.54294496840277777777777777777778");
        ship(Ledger.APPLIANCECO, 7, panels, panelsLot, "900", "piece", Ledger.APPLIANCECO, washers, washersLot);
        ship(Ledger.APPLIANCECO, 8, panels, panelsLot, "600", "piece", Ledger.APPLIANCECO, washers, washersLot);

        records(Ledger.APPLIANCECO, washers, washersLot, "t4-washer-assembly-electricity", "t4-washer-packaging", "t4-washer-transport-diesel");
        JsonObject sealedWashers = seal(Ledger.APPLIANCECO, washers, washersLot);
        assertSeal(sealedWashers, "42772.01745260416666666666666666667", "85.54403490520833333333333333333334");
        JsonObject seal = JsonObjectReader.of(sealedWashers, "").requireObject("seal").object();
        Co2e footprint = Co2e.fromJson(JsonObjectReader.of(seal, "").requireObject("footprint").object(), "footprint");
        assertThat(footprint).isEqualTo(new Co2e(new java.math.BigDecimal("42771.43627760416666666666666666667"),
                new java.math.BigDecimal("0.581175"), new java.math.BigDecimal("53.8125")));

        JsonObject provenance = ledger.evaluate(Ledger.CERTCO, "Batches", "GetProvenance", washers, washersLot);
        assertThat(JsonObjectReader.of(provenance, "").requireInteger("tiers", 0, 100)).isEqualTo(4);
        assertThat(JsonObjectReader.of(provenance, "").requireArray("batches").size()).isEqualTo(4);
    }

    @Test
    @Order(6)
    void certco_attests_the_current_seal_and_a_stale_seal_is_refused() {
        JsonObject sealed = ledger.evaluate(Ledger.CERTCO, "Batches", "GetBatch", washers, washersLot);
        String sealHash = text(sealed, "sealHash");
        JsonObject pelletsBatch = ledger.evaluate(Ledger.CERTCO, "Batches", "GetBatch", pellets, pelletsLot);
        ledger.submit(Ledger.CERTCO, "Attestations", "Attest", attestation(Ledger.uuid(), sealHash));
        assertThat(ledger.refusal(Ledger.CERTCO, "Attestations", "Attest",
                attestation(Ledger.uuid(), text(pelletsBatch, "sealHash"))))
                .isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Attestations", "Attest", attestation(Ledger.uuid(), sealHash)))
                .isEqualTo(ErrorCode.ROLE_REQUIRED);
        JsonObject list = ledger.evaluate(Ledger.APPLIANCECO, "Attestations", "ListAttestations", washers, washersLot);
        JsonArray items = JsonObjectReader.of(list, "").requireArray("items");
        assertThat(items.size()).isEqualTo(1);
        assertThat(JsonObjectReader.of((JsonObject) items.get(0), "").requireBoolean("counts")).isTrue();
    }

    @Test
    @Order(7)
    void the_chains_merkle_roots_and_seal_hashes_recompute_from_the_stored_states() {
        // The ids are this run's, so the document's hashes cannot apply; core's verifier recomputes every record's
        // content hash, every Merkle root and seal hash of the four tiers from the collected states instead.
        // CertCo, the certifier both producers designated, may read every tier's records.
        try (LedgerConnection certco = LedgerConnection.open(LocalNetwork.fromSystemProperty().profile("certco"),
                "client", Deadlines.defaults())) {
            ProofBundle bundle = ProofBundleCollector.newInstance(LedgerClient.newInstance(certco, 4))
                    .collect(BatchId.of(washers, washersLot));
            assertThat(bundle.batches()).hasSize(4);
            assertThat(bundle.batches().values().stream().mapToInt(b -> b.records().size()).sum()).isEqualTo(11);
            VerificationReport report = Verifier.newInstance().verify(ProofBundle.fromJson(bundle.toCanonicalBytes()),
                    Instant.now());
            assertThat(report.verdictFailures()).isEmpty();
            assertThat(report.attestedChecks()).isEmpty();
        }
    }

    @Test
    @Order(7)
    void the_customer_verifies_its_chain_without_its_supplier_s_records() {
        // ApplianceCo sees its own tiers' records and only the sealed commitments of SteelCo's: those batches are
        // bundled without records, and their seal checks rest on a certifier's attestation (none here: they fail).
        try (LedgerConnection appliance = LedgerConnection.open(LocalNetwork.fromSystemProperty().profile("applianceco"),
                "client", Deadlines.defaults())) {
            ProofBundle bundle = ProofBundleCollector.newInstance(LedgerClient.newInstance(appliance, 4))
                    .collect(BatchId.of(washers, washersLot));
            assertThat(bundle.batches()).hasSize(4);
            assertThat(bundle.batches().get(BatchId.of(pellets, pelletsLot)).recordsDisclosed()).isFalse();
            assertThat(bundle.batches().get(BatchId.of(coil, coil7Lot)).recordsDisclosed()).isFalse();
            assertThat(bundle.batches().get(BatchId.of(washers, washersLot)).recordsDisclosed()).isTrue();
            String bytes = new String(bundle.toCanonicalBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(bytes).doesNotContain("steelco-pellet-kiln-1-" + run);
            VerificationReport report = Verifier.newInstance().verify(ProofBundle.fromJson(bundle.toCanonicalBytes()),
                    Instant.now());
            assertThat(report.attestedChecks()).isNotEmpty();
            assertThat(report.verdictFailures()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.attested()).as(c.toString()).isTrue());
        }
    }

    @Test
    @Order(8)
    void no_organization_writes_to_another_organizations_batch() throws IOException {
        // ApplianceCo signs with its own device but names SteelCo's coil batch: refused before anything is written.
        JsonObject foreign = record("t3-panels-press-electricity", coil, coil8Lot);
        EmissionRecord signed = EmissionRecord.sign(foreign, key("applianceco-press-3"));
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Records", "SubmitRecords", Jcs.canonicalString(signed.json())))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Batches", "SealBatch", coil, coil8Lot))
                .isEqualTo(ErrorCode.FORBIDDEN);
        // And a record on a sealed batch is refused even by its owner.
        JsonObject late = record("t4-washer-packaging", washers, washersLot);
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Records", "SubmitRecords",
                Jcs.canonicalString(EmissionRecord.sign(late, key("applianceco-line-1")).json())))
                .isEqualTo(ErrorCode.BATCH_SEALED);
    }

    // --- steps: every write must succeed ----------------------------------------------------------------------

    private void product(String msp, String gtin, String name, String unit) {
        ledger.submit(msp, "Products", "CreateProduct", "{\"gtin\":\"" + gtin + "\",\"name\":\"" + name
                + "\",\"declaredUnit\":\"" + unit + "\"}");
    }

    /** Registers the example's device key under this run's device id. */
    private void device(String msp, String exampleDeviceId) throws IOException {
        String deviceId = exampleDeviceId + "-" + run;
        renamed.put(exampleDeviceId, deviceId);
        String pem = Files.readString(fixtures.resolve("keys/" + exampleDeviceId + ".pub.pem"));
        JsonObject device = JsonObject.builder().put("deviceId", deviceId).put("publicKeyPem", pem)
                .put("validFrom", "2026-01-01T00:00:00Z").build();
        ledger.submit(msp, "Devices", "RegisterDevice", Jcs.canonicalString(device));
    }

    private void batch(String msp, String gtin, String lot, String amount, String unit) {
        ledger.submit(msp, "Batches", "CreateBatch", batchJson(gtin, lot, amount, unit));
    }

    private static String batchJson(String gtin, String lot, String amount, String unit) {
        return "{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot + "\",\"quantity\":{\"amount\":\"" + amount
                + "\",\"unit\":\"" + unit + "\"}}";
    }

    /** Signs the example's records, moved to this run's batch, device and factor ids, and submits them together. */
    private void records(String msp, String gtin, String lot, String... names) throws IOException {
        List<JsonValue> records = new ArrayList<>();
        for (String name : names) {
            JsonObject record = record(name, gtin, lot);
            String exampleDevice = text(fixture("example/unsigned/" + name + ".json"), "deviceId");
            records.add(EmissionRecord.sign(record, key(exampleDevice)).json());
        }
        ledger.submit(msp, "Records", "SubmitRecords", Jcs.canonicalString(JsonArray.of(records)));
    }

    /** The example's unsigned record under a fresh record id, the given batch and this run's device and factor. */
    private JsonObject record(String name, String gtin, String lot) throws IOException {
        JsonObject example = fixture("example/unsigned/" + name + ".json");
        JsonObject record = replace(replace(replace(example, "recordId", Ledger.uuid()), "gtin", gtin), "lot", lot);
        String deviceId = text(example, "deviceId");
        record = replace(record, "deviceId", renamed.getOrDefault(deviceId, deviceId + "-" + run));
        if (example.get("activity").isPresent()) {
            JsonObject activity = JsonObjectReader.of(example, name).requireObject("activity").object();
            String factorId = text(activity, "factorId");
            record = record.without("activity").toBuilder()
                    .put("activity", replace(activity, "factorId", renamed.getOrDefault(factorId, factorId + "-" + run)))
                    .build();
        }
        return record;
    }

    private JsonObject seal(String msp, String gtin, String lot) {
        return ledger.submit(msp, "Batches", "SealBatch", gtin, lot);
    }

    private void ship(String from, int n, String gtin, String lot, String amount, String unit,
                      String to, String toGtin, String toLot) {
        String transferId = Ledger.uuid();
        transferIds.put(n, transferId);
        ledger.submit(from, "Transfers", "ShipMaterial", shipment(transferId, gtin, lot, amount, unit, to));
        ledger.submit(to, "Transfers", "ReceiveMaterial", transferId, toGtin, toLot);
    }

    private String allocated(int n) {
        JsonObject transfer = ledger.evaluate(Ledger.STEELCO, "Transfers", "GetTransfer", transferIds.get(n));
        return text(JsonObjectReader.of(transfer, "").requireObject("allocated").object(), "total");
    }

    private static String shipment(String transferId, String gtin, String lot, String amount, String unit, String to) {
        return "{\"transferId\":\"" + transferId + "\",\"from\":{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot
                + "\"},\"toMspId\":\"" + to + "\",\"quantity\":{\"amount\":\"" + amount + "\",\"unit\":\"" + unit + "\"}}";
    }

    private String attestation(String id, String sealHash) {
        return "{\"attestationId\":\"" + id + "\",\"gtin\":\"" + washers + "\",\"lot\":\"" + washersLot
                + "\",\"verdict\":\"VERIFIED\","
                + "\"standard\":\"ISO 14067\",\"assuranceLevel\":\"LIMITED\",\"validFrom\":\"2026-11-01T00:00:00Z\","
                + "\"validUntil\":\"2036-11-01T00:00:00Z\",\"sealHash\":\"" + sealHash + "\"}";
    }

    private static void assertSeal(JsonObject batch, String total, String perUnit) {
        assertThat(text(batch, "status")).isEqualTo("SEALED");
        JsonObject seal = JsonObjectReader.of(batch, "").requireObject("seal").object();
        JsonObjectReader r = JsonObjectReader.of(seal, "seal");
        assertThat(text(r.requireObject("footprint").object(), "total")).isEqualTo(total);
        assertThat(text(r.requireObject("perUnit").object(), "total")).isEqualTo(perUnit);
    }

    private JsonObject fixture(String name) throws IOException {
        return Json.parseObject(Files.readString(fixtures.resolve(name)), name);
    }

    private DevicePrivateKey key(String deviceId) throws IOException {
        return DevicePrivateKey.parse(Files.readString(fixtures.resolve("keys/" + deviceId + ".key.pem")));
    }

    private static JsonObject replace(JsonObject o, String name, String value) {
        return o.without(name).toBuilder().put(name, value).build();
    }

    private static String text(JsonObject o, String name) {
        return JsonObjectReader.of(o, "").requireString(name);
    }
}
