package org.carbonledger.chaincode.testing;

import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;

/**
 * The four-tier chain of docs/accounting.md §15 (pellets → coil → panels → washing machines), played through the
 * contracts on a {@link Consortium} with the document's signed records, ids and shipment order. Each tier can be
 * played on its own, so tests can stop the chain where they need it.
 */
public final class WorkedExample {
    public static final String PELLETS = "09506000134376";
    public static final String COIL = "09506000134352";
    public static final String PANELS = "09506000134383";
    public static final String WASHERS = "09506000134390";
    public static final String PEL = "PEL-2026-09";
    public static final String COIL_7 = "COIL-7";
    public static final String COIL_8 = "COIL-8";
    public static final String PNL = "PNL-2611-A";
    public static final String WM = "WM-2611-001";

    public static final List<String> TIER_1_RECORDS = List.of("t1-pellets-electricity", "t1-pellets-furnace-gases",
            "t1-pellets-mining-diesel");
    public static final List<String> TIER_2_RECORDS = List.of("t2-coil-steelmaking-gases", "t2-coil-reheating-gas",
            "t2-coil-rolling-electricity");
    public static final List<String> TIER_3_RECORDS = List.of("t3-panels-press-electricity", "t3-panels-paint-gas");
    public static final List<String> TIER_4_RECORDS = List.of("t4-washer-assembly-electricity", "t4-washer-packaging",
            "t4-washer-transport-diesel");

    /** Seal hashes quoted in docs/accounting.md. */
    public static final String PELLETS_SEAL_HASH = "bd5b0360a7adefa8d2a0ddeb323c7fefdc2a108a00f80a5f61fe0035ceacc885";
    public static final String COIL_7_SEAL_HASH = "0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de";
    public static final String PANELS_SEAL_HASH = "be2272a2d6f983c616a091977261acffd2510d58ec34f669e4c1b66f5bc7e9b1";
    public static final String WASHERS_SEAL_HASH = "01b3031d7ddb1a641a09644e7f439e0f00b56258a37de717b5f7ba75b2103c3b";

    private final Consortium network;

    public WorkedExample(Consortium network) {
        this.network = Objects.requireNonNull(network, "network");
    }

    /** Transfer id N of the example: {@code 20000000-0000-4000-8000-00000000000N}. */
    public static String transferId(int n) {
        return SignedRecords.id("20000000", n);
    }

    /** Shipment N of the example as ShipMaterial's argument, made from {@code transfers/shipment-1.json}. */
    public static Fixtures.Obj shipment(int n, String fromGtin, String fromLot, String toMsp, String amount, String unit) {
        return Fixtures.object("transfers/shipment-1.json")
                .set("transferId", transferId(n))
                .set("from", JsonObject.builder().put("gtin", fromGtin).put("lot", fromLot).build())
                .set("toMspId", toMsp)
                .set("quantity", JsonObject.builder().put("amount", amount).put("unit", unit).build());
    }

    /** The signed records of one tier, as one array. */
    public static JsonArray records(List<String> names) {
        List<JsonValue> records = new ArrayList<>();
        for (String name : names) {
            records.add(SignedRecords.example(name));
        }
        return JsonArray.of(records);
    }

    /** Factors, products, devices and batches of every tier. */
    public WorkedExample registerEverything() {
        network.publishFactors("factors/dataset-example.json");
        network.createProduct(STEEL, "products/pellets.json");
        network.createProduct(STEEL, "products/coil.json");
        network.createProduct(APPLIANCE, "products/panels.json");
        network.createProduct(APPLIANCE, "products/washers.json");
        network.registerDevice(STEEL, "steelco-pellet-kiln-1");
        network.registerDevice(STEEL, "steelco-meter-12");
        network.registerDevice(APPLIANCE, "applianceco-press-3");
        network.registerDevice(APPLIANCE, "applianceco-line-1");
        network.createBatch(STEEL, "batches/pel-2026-09.json");
        network.createBatch(STEEL, "batches/coil-7.json");
        network.createBatch(STEEL, "batches/coil-8.json");
        network.createBatch(APPLIANCE, "batches/pnl-2611-a.json");
        network.createBatch(APPLIANCE, "batches/wm-2611-001.json");
        return this;
    }

    /** Records 101–103 and the pellets' seal. */
    public WorkedExample recordAndSealPellets() {
        network.submitRecords(STEEL, records(TIER_1_RECORDS));
        network.seal(STEEL, PELLETS, PEL);
        return this;
    }

    /** Shipments 1–4 out of the pellets (all of them). */
    public WorkedExample shipPellets() {
        network.ship(STEEL, shipment(1, PELLETS, PEL, STEEL, "160", "t"));
        network.ship(STEEL, shipment(2, PELLETS, PEL, STEEL, "140", "t"));
        network.ship(STEEL, shipment(3, PELLETS, PEL, STEEL, "120", "t"));
        network.ship(STEEL, shipment(4, PELLETS, PEL, STEEL, "80", "t"));
        return this;
    }

    /** Records 201–203, shipments 1 and 3 accepted into COIL-7 (2 and 4 into COIL-8), COIL-7 sealed. */
    public WorkedExample recordReceiveAndSealCoil() {
        network.submitRecords(STEEL, records(TIER_2_RECORDS));
        network.receive(STEEL, transferId(1), COIL, COIL_7);
        network.receive(STEEL, transferId(2), COIL, COIL_8);
        network.receive(STEEL, transferId(3), COIL, COIL_7);
        network.receive(STEEL, transferId(4), COIL, COIL_8);
        network.seal(STEEL, COIL, COIL_7);
        return this;
    }

    /** Shipments 5 and 6, COIL-7 to ApplianceCo. */
    public WorkedExample shipCoil() {
        network.ship(STEEL, shipment(5, COIL, COIL_7, APPLIANCE, "12500", "kg"));
        network.ship(STEEL, shipment(6, COIL, COIL_7, APPLIANCE, "8", "t"));
        return this;
    }

    /** Records 301–302, shipments 5 and 6 accepted, panels sealed, shipments 7 and 8. */
    public WorkedExample panels() {
        network.submitRecords(APPLIANCE, records(TIER_3_RECORDS));
        network.receive(APPLIANCE, transferId(5), PANELS, PNL);
        network.receive(APPLIANCE, transferId(6), PANELS, PNL);
        network.seal(APPLIANCE, PANELS, PNL);
        network.ship(APPLIANCE, shipment(7, PANELS, PNL, APPLIANCE, "900", "piece"));
        network.ship(APPLIANCE, shipment(8, PANELS, PNL, APPLIANCE, "600", "piece"));
        return this;
    }

    /** Records 401–403, shipments 7 and 8 accepted, washing machines sealed. */
    public WorkedExample washers() {
        network.submitRecords(APPLIANCE, records(TIER_4_RECORDS));
        network.receive(APPLIANCE, transferId(7), WASHERS, WM);
        network.receive(APPLIANCE, transferId(8), WASHERS, WM);
        network.seal(APPLIANCE, WASHERS, WM);
        return this;
    }

    /** The whole chain in the document's order, once {@link #registerEverything()} has run. */
    public WorkedExample playChain() {
        return recordAndSealPellets().shipPellets().recordReceiveAndSealCoil().shipCoil().panels().washers();
    }
}
