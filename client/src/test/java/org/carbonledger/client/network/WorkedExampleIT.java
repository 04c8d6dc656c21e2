package org.carbonledger.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The four-tier worked example of docs/accounting.md (pellets → coil → panels → washing machines), played on the
 * real network by SteelCo, ApplianceCo and CertCo with the example's signed records, ids and shipment order. The
 * sealed footprints, Merkle roots and seal hashes the chaincode computes must equal the document's, to the last
 * digit. Every step is idempotent (as a real client's retries are), so the test also passes on a ledger where an
 * earlier run already recorded the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkedExampleIT {
    static final String PELLETS = "09506000134376";
    static final String COIL = "09506000134352";
    static final String PANELS = "09506000134383";
    static final String WASHERS = "09506000134390";

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
            entries.add(factor.without("dataset").without("version"));
        }
        JsonObject first = (JsonObject) factors.get(0);
        JsonObject dataset = JsonObject.builder()
                .put("dataset", text(first, "dataset"))
                .put("version", text(first, "version"))
                .put("sourceCitation", text(first, "sourceCitation"))
                .put("licence", text(first, "licence"))
                .put("factors", JsonArray.of(entries))
                .build();
        submitOnce(Ledger.CERTCO, "Factors", "PublishFactorDataset", Jcs.canonicalString(dataset));
        JsonObject grid = ledger.evaluate(Ledger.STEELCO, "Factors", "GetFactor", "grid-electricity-2026");
        assertThat(text(grid, "kgCo2ePerUnit")).isEqualTo("0.4215");
        assertThat(text(grid, "publisherMspId")).isEqualTo(Ledger.CERTCO);
    }

    @Test
    @Order(2)
    void producers_register_products_devices_and_batches() throws IOException {
        product(Ledger.STEELCO, PELLETS, "Iron ore pellets", "t");
        product(Ledger.STEELCO, COIL, "Hot-rolled steel coil", "t");
        product(Ledger.APPLIANCECO, PANELS, "Stamped steel side panel", "piece");
        product(Ledger.APPLIANCECO, WASHERS, "Washing machine WM-9", "piece");
        device(Ledger.STEELCO, "steelco-meter-12");
        device(Ledger.STEELCO, "steelco-pellet-kiln-1");
        device(Ledger.APPLIANCECO, "applianceco-press-3");
        device(Ledger.APPLIANCECO, "applianceco-line-1");
        batch(Ledger.STEELCO, PELLETS, "PEL-2026-09", "500", "t");
        batch(Ledger.STEELCO, COIL, "COIL-7", "240", "t");
        batch(Ledger.STEELCO, COIL, "COIL-8", "250", "t");
        batch(Ledger.APPLIANCECO, PANELS, "PNL-2611-A", "4000", "piece");
        batch(Ledger.APPLIANCECO, WASHERS, "WM-2611-001", "500", "piece");
    }

    @Test
    @Order(3)
    void tier_1_pellets_are_recorded_sealed_and_shipped_in_four_parts() throws IOException {
        records(Ledger.STEELCO, PELLETS, "PEL-2026-09", "t1-pellets-electricity", "t1-pellets-furnace-gases", "t1-pellets-mining-diesel");
        JsonObject pellets = seal(Ledger.STEELCO, PELLETS, "PEL-2026-09");
        assertSeal(pellets, "564216.1", "1128.4322",
                "2670fc915af2385d2b4a0063f88eb1c3dab06ad2fd4f2f0e617c043384ebcacc",
                "bd5b0360a7adefa8d2a0ddeb323c7fefdc2a108a00f80a5f61fe0035ceacc885");
        ship(Ledger.STEELCO, 1, PELLETS, "PEL-2026-09", "160", "t", Ledger.STEELCO, COIL, "COIL-7");
        ship(Ledger.STEELCO, 2, PELLETS, "PEL-2026-09", "140", "t", Ledger.STEELCO, COIL, "COIL-8");
        ship(Ledger.STEELCO, 3, PELLETS, "PEL-2026-09", "120", "t", Ledger.STEELCO, COIL, "COIL-7");
        ship(Ledger.STEELCO, 4, PELLETS, "PEL-2026-09", "80", "t", Ledger.STEELCO, COIL, "COIL-8");
        assertThat(allocated(1)).isEqualTo("180549.152");
        assertThat(ledger.refusal(Ledger.STEELCO, "Transfers", "ShipMaterial", shipment(
                "20000000-0000-4000-8000-0000000000ff", PELLETS, "PEL-2026-09", "1", "kg", Ledger.APPLIANCECO)))
                .isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
    }

    @Test
    @Order(4)
    void tier_2_coil_carries_its_pellets_and_ships_to_applianceco() throws IOException {
        records(Ledger.STEELCO, COIL, "COIL-7", "t2-coil-steelmaking-gases", "t2-coil-reheating-gas", "t2-coil-rolling-electricity");
        JsonObject coil = seal(Ledger.STEELCO, COIL, "COIL-7");
        assertSeal(coil, "756413.03266666666666666666666666666573", "3151.720969444444444444444444444444",
                "7ad31ccc7f485e58163fc609f56702de7888a527d5e84adb6cf229eecb6b6ba7",
                "0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de");
        ship(Ledger.STEELCO, 5, COIL, "COIL-7", "12500", "kg", Ledger.APPLIANCECO, PANELS, "PNL-2611-A");
        ship(Ledger.STEELCO, 6, COIL, "COIL-7", "8", "t", Ledger.APPLIANCECO, PANELS, "PNL-2611-A");
    }

    @Test
    @Order(5)
    void tier_3_panels_and_tier_4_washing_machines_match_the_document() throws IOException {
        records(Ledger.APPLIANCECO, PANELS, "PNL-2611-A", "t3-panels-press-electricity", "t3-panels-paint-gas");
        JsonObject panels = seal(Ledger.APPLIANCECO, PANELS, "PNL-2611-A");
        assertSeal(panels, "90171.77987361111111111111111111111", "22.54294496840277777777777777777778",
                "b2aba53642b00a39bdb3b2f67c13bd625f21c7ee16f9eee97e46d8a6f9c68b36",
                "be2272a2d6f983c616a091977261acffd2510d58ec34f669e4c1b66f5bc7e9b1");
        ship(Ledger.APPLIANCECO, 7, PANELS, "PNL-2611-A", "900", "piece", Ledger.APPLIANCECO, WASHERS, "WM-2611-001");
        ship(Ledger.APPLIANCECO, 8, PANELS, "PNL-2611-A", "600", "piece", Ledger.APPLIANCECO, WASHERS, "WM-2611-001");

        records(Ledger.APPLIANCECO, WASHERS, "WM-2611-001", "t4-washer-assembly-electricity", "t4-washer-packaging", "t4-washer-transport-diesel");
        JsonObject washers = seal(Ledger.APPLIANCECO, WASHERS, "WM-2611-001");
        assertSeal(washers, "42772.01745260416666666666666666667", "85.54403490520833333333333333333334",
                "b856cc400d56361a0d05d5d7aac7d16a75f24b25501af42b964e7a2be75d4d78",
                "01b3031d7ddb1a641a09644e7f439e0f00b56258a37de717b5f7ba75b2103c3b");
        JsonObject seal = JsonObjectReader.of(washers, "").requireObject("seal").object();
        Co2e footprint = Co2e.fromJson(JsonObjectReader.of(seal, "").requireObject("footprint").object(), "footprint");
        assertThat(footprint).isEqualTo(new Co2e(new java.math.BigDecimal("42771.43627760416666666666666666667"),
                new java.math.BigDecimal("0.581175"), new java.math.BigDecimal("53.8125")));

        JsonObject provenance = ledger.evaluate(Ledger.CERTCO, "Batches", "GetProvenance", WASHERS, "WM-2611-001");
        assertThat(JsonObjectReader.of(provenance, "").requireInteger("tiers", 0, 100)).isEqualTo(4);
        assertThat(JsonObjectReader.of(provenance, "").requireArray("batches").size()).isEqualTo(4);
    }

    @Test
    @Order(6)
    void certco_attests_the_current_seal_and_a_stale_seal_is_refused() {
        JsonObject washers = ledger.evaluate(Ledger.CERTCO, "Batches", "GetBatch", WASHERS, "WM-2611-001");
        String sealHash = text(washers, "sealHash");
        submitOnce(Ledger.CERTCO, "Attestations", "Attest", attestation("30000000-0000-4000-8000-000000000001", sealHash));
        assertThat(ledger.refusal(Ledger.CERTCO, "Attestations", "Attest",
                attestation(Ledger.uuid(), "bd5b0360a7adefa8d2a0ddeb323c7fefdc2a108a00f80a5f61fe0035ceacc885")))
                .isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Attestations", "Attest", attestation(Ledger.uuid(), sealHash)))
                .isEqualTo(ErrorCode.ROLE_REQUIRED);
        JsonObject list = ledger.evaluate(Ledger.APPLIANCECO, "Attestations", "ListAttestations", WASHERS, "WM-2611-001");
        JsonObject first = (JsonObject) JsonObjectReader.of(list, "").requireArray("items").get(0);
        assertThat(JsonObjectReader.of(first, "").requireBoolean("counts")).isTrue();
    }

    @Test
    @Order(7)
    void no_organization_writes_to_another_organizations_batch() throws IOException {
        // ApplianceCo signs with its own device but names SteelCo's coil batch: refused before anything is written.
        JsonObject unsigned = fixture("example/unsigned/t3-panels-press-electricity.json");
        JsonObject foreign = replace(replace(replace(unsigned, "recordId", Ledger.uuid()), "gtin", COIL), "lot", "COIL-8");
        EmissionRecord signed = EmissionRecord.sign(foreign, key("applianceco-press-3"));
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Records", "SubmitRecords", Jcs.canonicalString(signed.json())))
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Batches", "SealBatch", COIL, "COIL-8"))
                .isEqualTo(ErrorCode.FORBIDDEN);
        // And a record on a sealed batch is refused even by its owner.
        JsonObject late = replace(fixture("example/unsigned/t4-washer-packaging.json"), "recordId", Ledger.uuid());
        assertThat(ledger.refusal(Ledger.APPLIANCECO, "Records", "SubmitRecords",
                Jcs.canonicalString(EmissionRecord.sign(late, key("applianceco-line-1")).json())))
                .isEqualTo(ErrorCode.BATCH_SEALED);
    }

    // --- steps, each idempotent --------------------------------------------------------------------------------

    private void product(String msp, String gtin, String name, String unit) {
        submitOnce(msp, "Products", "CreateProduct", "{\"gtin\":\"" + gtin + "\",\"name\":\"" + name
                + "\",\"declaredUnit\":\"" + unit + "\"}");
    }

    private void device(String msp, String deviceId) throws IOException {
        String pem = Files.readString(fixtures.resolve("keys/" + deviceId + ".pub.pem"));
        JsonObject device = JsonObject.builder().put("deviceId", deviceId).put("publicKeyPem", pem)
                .put("validFrom", "2026-01-01T00:00:00Z").build();
        submitOnce(msp, "Devices", "RegisterDevice", Jcs.canonicalString(device));
    }

    private void batch(String msp, String gtin, String lot, String amount, String unit) {
        submitOnce(msp, "Batches", "CreateBatch", "{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot
                + "\",\"quantity\":{\"amount\":\"" + amount + "\",\"unit\":\"" + unit + "\"}}");
    }

    private void records(String msp, String gtin, String lot, String... names) throws IOException {
        if (text(ledger.evaluate(msp, "Batches", "GetBatch", gtin, lot), "status").equals("SEALED")) {
            return; // recorded and sealed by an earlier run
        }
        List<JsonValue> records = new ArrayList<>();
        for (String name : names) {
            records.add(fixture("example/" + name + ".json"));
        }
        submitOnce(msp, "Records", "SubmitRecords", Jcs.canonicalString(JsonArray.of(records)));
    }

    private JsonObject seal(String msp, String gtin, String lot) {
        JsonObject batch = ledger.evaluate(msp, "Batches", "GetBatch", gtin, lot);
        if (text(batch, "status").equals("OPEN")) {
            return ledger.submit(msp, "Batches", "SealBatch", gtin, lot);
        }
        return batch;
    }

    private void ship(String from, int n, String gtin, String lot, String amount, String unit,
                      String to, String toGtin, String toLot) {
        String transferId = transferId(n);
        submitOnce(from, "Transfers", "ShipMaterial", shipment(transferId, gtin, lot, amount, unit, to));
        JsonObject transfer = ledger.evaluate(to, "Transfers", "GetTransfer", transferId);
        if (text(transfer, "status").equals("SHIPPED")) {
            ledger.submit(to, "Transfers", "ReceiveMaterial", transferId, toGtin, toLot);
        }
    }

    private String allocated(int n) {
        JsonObject transfer = ledger.evaluate(Ledger.STEELCO, "Transfers", "GetTransfer", transferId(n));
        return text(JsonObjectReader.of(transfer, "").requireObject("allocated").object(), "total");
    }

    private static String transferId(int n) {
        return String.format("20000000-0000-4000-8000-%012d", n);
    }

    private static String shipment(String transferId, String gtin, String lot, String amount, String unit, String to) {
        return "{\"transferId\":\"" + transferId + "\",\"from\":{\"gtin\":\"" + gtin + "\",\"lot\":\"" + lot
                + "\"},\"toMspId\":\"" + to + "\",\"quantity\":{\"amount\":\"" + amount + "\",\"unit\":\"" + unit + "\"}}";
    }

    private static String attestation(String id, String sealHash) {
        return "{\"attestationId\":\"" + id + "\",\"gtin\":\"" + WASHERS + "\",\"lot\":\"WM-2611-001\",\"verdict\":\"VERIFIED\","
                + "\"standard\":\"ISO 14067\",\"assuranceLevel\":\"LIMITED\",\"validFrom\":\"2026-11-01T00:00:00Z\","
                + "\"validUntil\":\"2036-11-01T00:00:00Z\",\"sealHash\":\"" + sealHash + "\"}";
    }

    /** Submits, treating "already there" (a rerun on the same ledger) as done: that is what ids are for. */
    private void submitOnce(String msp, String contract, String transaction, String... args) {
        try {
            ledger.submit(msp, contract, transaction, args);
        } catch (Ledger.LedgerCallFailed e) {
            ErrorCode code = e.refusal().code();
            if (code != ErrorCode.ALREADY_EXISTS && code != ErrorCode.DUPLICATE_ID) {
                throw e;
            }
        }
    }

    private void assertSeal(JsonObject batch, String total, String perUnit, String merkleRoot, String sealHash) {
        assertThat(text(batch, "status")).isEqualTo("SEALED");
        JsonObject seal = JsonObjectReader.of(batch, "").requireObject("seal").object();
        JsonObjectReader r = JsonObjectReader.of(seal, "seal");
        assertThat(text(r.requireObject("footprint").object(), "total")).isEqualTo(total);
        assertThat(text(r.requireObject("perUnit").object(), "total")).isEqualTo(perUnit);
        assertThat(text(seal, "merkleRoot")).isEqualTo(merkleRoot);
        assertThat(text(batch, "sealHash")).isEqualTo(sealHash);
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
