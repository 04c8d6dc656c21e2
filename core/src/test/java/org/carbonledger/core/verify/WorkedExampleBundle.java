package org.carbonledger.core.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * The proof bundle of the washing machines of docs/accounting.md §15, as the ledger would hold the worked example:
 * the signed records of fixtures/example, the same shipments in the same order, CertCo attesting the steel coil
 * and the washing machines. The checked-in fixture {@value #FIXTURE} is this bundle (a test keeps them equal);
 * {@link #main} rewrites it.
 */
final class WorkedExampleBundle {

    static final String FIXTURE = "verify/worked-example.bundle.json";

    static final String STEELCO = "SteelCoMSP";
    static final String APPLIANCECO = "ApplianceCoMSP";
    static final String CERTCO = "CertCoMSP";

    static final BatchId PELLETS = BatchId.of("09506000134376", "PEL-2026-09");
    static final BatchId COIL_7 = BatchId.of("09506000134352", "COIL-7");
    static final BatchId COIL_8 = BatchId.of("09506000134352", "COIL-8");
    static final BatchId PANELS = BatchId.of("09506000134383", "PNL-2611-A");
    static final BatchId WASHERS = BatchId.of("09506000134390", "WM-2611-001");

    static final String ATTESTATION_COIL = "40000000-0000-4000-8000-000000000001";
    static final String ATTESTATION_WASHERS = "40000000-0000-4000-8000-000000000002";

    /** When the bundle was collected; attestations are valid then. */
    static final Instant COLLECTED_AT = Instant.parse("2027-01-15T09:30:00Z");
    static final CollectionInfo COLLECTION = new CollectionInfo("carbon", "carbonledger", CERTCO,
            "peer-certco 127.0.0.1:9051", COLLECTED_AT);

    private WorkedExampleBundle() {
    }

    static String transferId(int n) {
        return String.format("20000000-0000-4000-8000-%012d", n);
    }

    static String recordId(int n) {
        return String.format("10000000-0000-4000-8000-%012d", n);
    }

    static SimulatedLedger ledger() {
        SimulatedLedger l = new SimulatedLedger("carbonledger-worked-example", 12,
                Instant.parse("2026-01-05T10:00:00Z"));
        l.grantCertifier(CERTCO, "30000000-0000-4000-8000-000000000001");
        l.at("2026-01-10T09:00:00Z").publishFactors(CERTCO, factors(),
                "Illustrative factors of the Carbon Ledger worked example");
        l.at("2026-01-12T08:00:00Z");
        for (String device : List.of("steelco-pellet-kiln-1", "steelco-meter-12")) {
            l.registerDevice(STEELCO, device, key(device), "2026-01-01T00:00:00Z");
        }
        for (String device : List.of("applianceco-press-3", "applianceco-line-1")) {
            l.registerDevice(APPLIANCECO, device, key(device), "2026-01-01T00:00:00Z");
        }

        l.at("2026-08-25T07:00:00Z").createBatch(STEELCO, "9506000134376", "PEL-2026-09", "Iron-ore pellets",
                Unit.T, q("500", "t"));
        l.at("2026-09-28T07:00:00Z").createBatch(STEELCO, "09506000134352", "COIL-7", "Hot-rolled steel coil",
                Unit.T, q("240", "t"));
        l.createBatch(STEELCO, "09506000134352", "COIL-8", "Hot-rolled steel coil", Unit.T, q("250", "t"));
        l.at("2026-10-02T06:00:00Z").submitRecords(STEELCO, records("t1-pellets-electricity",
                "t1-pellets-furnace-gases", "t1-pellets-mining-diesel"));
        l.at("2026-10-03T12:00:00Z").seal(PELLETS);
        l.at("2026-10-05T08:00:00Z");
        l.ship(transferId(1), PELLETS, STEELCO, q("160", "t"));
        l.ship(transferId(2), PELLETS, STEELCO, q("140", "t"));
        l.ship(transferId(3), PELLETS, STEELCO, q("120", "t"));
        l.ship(transferId(4), PELLETS, STEELCO, q("80", "t"));
        l.at("2026-10-06T09:00:00Z");
        l.receive(transferId(1), COIL_7);
        l.receive(transferId(3), COIL_7);
        l.receive(transferId(2), COIL_8);

        l.at("2026-10-30T07:00:00Z").createBatch(APPLIANCECO, "9506000134383", "PNL-2611-A", "Stamped side panels",
                Unit.PIECE, q("4000", "piece"));
        l.at("2026-11-02T06:00:00Z").submitRecords(STEELCO, records("t2-coil-steelmaking-gases",
                "t2-coil-reheating-gas", "t2-coil-rolling-electricity"));
        l.at("2026-11-03T12:00:00Z").seal(COIL_7);
        l.at("2026-11-04T08:00:00Z");
        l.ship(transferId(5), COIL_7, APPLIANCECO, q("12500", "kg"));
        l.ship(transferId(6), COIL_7, APPLIANCECO, q("8", "t"));
        l.at("2026-11-05T09:00:00Z");
        l.receive(transferId(5), PANELS);
        l.receive(transferId(6), PANELS);

        l.at("2026-11-10T07:00:00Z").createBatch(APPLIANCECO, "9506000134390", "WM-2611-001", "Washing machine",
                Unit.PIECE, q("500", "piece"));
        l.at("2026-11-16T06:00:00Z").submitRecords(APPLIANCECO, records("t3-panels-press-electricity",
                "t3-panels-paint-gas"));
        l.at("2026-11-17T12:00:00Z").seal(PANELS);
        l.at("2026-11-18T08:00:00Z");
        l.ship(transferId(7), PANELS, APPLIANCECO, q("900", "piece"));
        l.ship(transferId(8), PANELS, APPLIANCECO, q("600", "piece"));
        l.at("2026-11-19T09:00:00Z");
        l.receive(transferId(7), WASHERS);
        l.receive(transferId(8), WASHERS);
        l.at("2026-11-20T10:00:00Z").attest(ATTESTATION_COIL, CERTCO, COIL_7, "VERIFIED",
                "GHG Protocol Product Standard", "LIMITED", "2026-11-20T00:00:00Z", "2027-11-20T00:00:00Z",
                "Steelmaking CEMS data and metered energy reviewed");

        l.at("2026-12-01T06:00:00Z").submitRecords(APPLIANCECO, records("t4-washer-assembly-electricity",
                "t4-washer-packaging", "t4-washer-transport-diesel"));
        l.at("2026-12-02T12:00:00Z").seal(WASHERS);
        l.at("2026-12-10T10:00:00Z").attest(ATTESTATION_WASHERS, CERTCO, WASHERS, "VERIFIED", "ISO 14067",
                "REASONABLE", "2026-12-10T00:00:00Z", "2027-12-10T00:00:00Z",
                "Cradle-to-gate footprint of lot WM-2611-001 verified end to end");
        // Last, so the fixture's blocks stay as they were: designations name no state a bundle holds.
        l.at("2026-12-11T10:00:00Z");
        l.designate(STEELCO, CERTCO);
        l.designate(APPLIANCECO, CERTCO);
        return l;
    }

    static ProofBundle build() {
        return ledger().collect(WASHERS, COLLECTION);
    }

    static ProofBundle fixture() {
        return ProofBundle.fromJson(Fixtures.bytes(FIXTURE));
    }

    static JsonObject fixtureJson() {
        return Fixtures.object(FIXTURE);
    }

    static List<EmissionFactor> factors() {
        JsonArray array = (JsonArray) org.carbonledger.core.json.Json.parse(Fixtures.bytes("example/factors.json"));
        List<EmissionFactor> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            list.add(EmissionFactor.fromJson((JsonObject) array.get(i), "factors[" + i + "]"));
        }
        return list;
    }

    static DevicePublicKey key(String device) {
        return DevicePublicKey.parse(Fixtures.text("keys/" + device + ".pub.pem"));
    }

    private static List<EmissionRecord> records(String... names) {
        List<EmissionRecord> list = new ArrayList<>();
        for (String name : names) {
            list.add(EmissionRecord.parse(Fixtures.object("example/" + name + ".json")));
        }
        return list;
    }

    private static Quantity q(String amount, String unit) {
        return Quantity.parse(amount, unit, "quantity");
    }

    /**
     * Rewrites the checked-in fixture. Run from the repository root after building the test classes:
     * {@code java -cp core/target/classes:core/target/test-classes:$BCPROV
     * org.carbonledger.core.verify.WorkedExampleBundle core/src/test/resources/fixtures/verify}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "core/src/test/resources/fixtures/verify");
        Files.createDirectories(dir);
        Path file = dir.resolve("worked-example.bundle.json");
        Files.writeString(file, PrettyJson.write(build().toJson()), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }
}
