package org.carbonledger.core.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.accounting.Allocation;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Footprint;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.MassBalance;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.merkle.SealCommitment;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The four-tier worked example of docs/accounting.md, built with core's classes. Every number asserted here is
 * quoted in the document (and recomputed independently by fixtures/example/recompute.py), so the document cannot
 * drift from the code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkedExampleTest {

    static final FactorLookup FACTORS = factors();

    static FactorLookup factors() {
        Map<String, EmissionFactor> byId = new LinkedHashMap<>();
        JsonArray array = (JsonArray) Json.parse(Fixtures.bytes("example/factors.json"));
        for (int i = 0; i < array.size(); i++) {
            EmissionFactor f = EmissionFactor.fromJson((JsonObject) array.get(i), "factors[" + i + "]");
            byId.put(f.factorId(), f);
        }
        return FactorLookup.of(byId);
    }

    /** A batch as the chaincode would hold it: records, inbound material, shipped total, seal. */
    static final class Batch {
        final BatchId id;
        final Quantity quantity;
        final Map<String, Co2e> recordCo2e = new LinkedHashMap<>();
        final List<RecordContribution> records = new ArrayList<>();
        final List<InboundTransfer> inbound = new ArrayList<>();
        Quantity shipped;
        Seal seal;

        Batch(String gtin, String lot, String amount, String unit) {
            this.id = BatchId.of(gtin, lot);
            this.quantity = Quantity.parse(amount, unit, "quantity");
            this.shipped = new Quantity(BigDecimal.ZERO, quantity.unit().dimension().baseUnit());
        }

        void record(String fixture) {
            EmissionRecord r = EmissionRecord.parse(Fixtures.object("example/" + fixture + ".json"));
            r.requireValidSignature(DevicePublicKey.parse(Fixtures.text("keys/" + r.deviceId() + ".pub.pem")));
            assertThat(r.batch()).isEqualTo(id);
            Co2e co2e = RecordCalculator.co2e(r, FACTORS, Gwp100Set.IPCC_AR6);
            recordCo2e.put(fixture, co2e);
            records.add(RecordContribution.of(r, co2e));
        }

        void seal() {
            seal = Seal.compute(id, quantity, Gwp100Set.IPCC_AR6, records, inbound);
        }

        Co2e ship(String transferId, String amount, String unit, Batch to) {
            Quantity q = Quantity.parse(amount, unit, "quantity");
            Co2e allocated = Allocation.allocate(seal.footprint().total(), quantity, shipped, q);
            to.inbound.add(new InboundTransfer(new LedgerId(transferId), id, seal.hash().value(), q, shipped,
                    allocated));
            shipped = MassBalance.requireWithin(quantity, shipped, q, "quantity");
            return allocated;
        }
    }

    static String total(Co2e c) {
        return Decimals.canonical(c.total());
    }

    static Co2e co2e(String fossil, String biogenicNonCo2, String biogenicCo2) {
        return new Co2e(new BigDecimal(fossil), new BigDecimal(biogenicNonCo2), new BigDecimal(biogenicCo2));
    }

    final Batch pellets = new Batch("9506000134376", "PEL-2026-09", "500", "t");
    final Batch coil7 = new Batch("09506000134352", "COIL-7", "240", "t");
    final Batch coil8 = new Batch("09506000134352", "COIL-8", "250", "t");
    final Batch panels = new Batch("9506000134383", "PNL-2611-A", "4000", "piece");
    final Batch washers = new Batch("9506000134390", "WM-2611-001", "500", "piece");
    final Map<String, Co2e> shipments = new LinkedHashMap<>();

    @BeforeAll
    void build_the_chain() {
        pellets.record("t1-pellets-electricity");
        pellets.record("t1-pellets-furnace-gases");
        pellets.record("t1-pellets-mining-diesel");
        pellets.seal();
        shipments.put("S1", pellets.ship("20000000-0000-4000-8000-000000000001", "160", "t", coil7));
        shipments.put("S2", pellets.ship("20000000-0000-4000-8000-000000000002", "140", "t", coil8));
        shipments.put("S3", pellets.ship("20000000-0000-4000-8000-000000000003", "120", "t", coil7));
        shipments.put("S4", pellets.ship("20000000-0000-4000-8000-000000000004", "80", "t", coil8));

        coil7.record("t2-coil-steelmaking-gases");
        coil7.record("t2-coil-reheating-gas");
        coil7.record("t2-coil-rolling-electricity");
        coil7.seal();
        shipments.put("S5", coil7.ship("20000000-0000-4000-8000-000000000005", "12500", "kg", panels));
        shipments.put("S6", coil7.ship("20000000-0000-4000-8000-000000000006", "8", "t", panels));

        panels.record("t3-panels-press-electricity");
        panels.record("t3-panels-paint-gas");
        panels.seal();
        shipments.put("S7", panels.ship("20000000-0000-4000-8000-000000000007", "900", "piece", washers));
        shipments.put("S8", panels.ship("20000000-0000-4000-8000-000000000008", "600", "piece", washers));

        washers.record("t4-washer-assembly-electricity");
        washers.record("t4-washer-packaging");
        washers.record("t4-washer-transport-diesel");
        washers.seal();
    }

    @Test
    void signed_fixtures_are_reproduced_by_deterministic_signing() {
        for (String name : List.of("t1-pellets-electricity", "t1-pellets-furnace-gases", "t1-pellets-mining-diesel",
                "t2-coil-steelmaking-gases", "t2-coil-reheating-gas", "t2-coil-rolling-electricity",
                "t3-panels-press-electricity", "t3-panels-paint-gas", "t4-washer-assembly-electricity",
                "t4-washer-packaging", "t4-washer-transport-diesel")) {
            JsonObject unsigned = Fixtures.object("example/unsigned/" + name + ".json");
            String device = unsigned.get("deviceId").orElseThrow().toString().replace("\"", "");
            DevicePrivateKey key = DevicePrivateKey.parse(Fixtures.text("keys/" + device + ".key.pem"));
            assertThat(EmissionRecord.sign(unsigned, key).json()).as(name)
                    .isEqualTo(Fixtures.object("example/" + name + ".json"));
        }
    }

    @Nested
    class Tier1Pellets {

        @Test
        void computes_each_record() {
            assertThat(pellets.recordCo2e.get("t1-pellets-electricity")).isEqualTo(co2e("505800", "0", "0"));
            assertThat(pellets.recordCo2e.get("t1-pellets-furnace-gases")).isEqualTo(co2e("18183.7", "32.4", "3000"));
            assertThat(pellets.recordCo2e.get("t1-pellets-mining-diesel")).isEqualTo(co2e("40200", "0", "0"));
        }

        @Test
        void seals_the_footprint() {
            assertThat(pellets.seal.footprint().total()).isEqualTo(co2e("564183.7", "32.4", "3000"));
            assertThat(total(pellets.seal.footprint().total())).isEqualTo("564216.1");
            assertThat(pellets.seal.footprint().breakdown()).containsExactly(
                    Map.entry(new StageScope(Stage.RAW_MATERIALS, Scope.SCOPE_1), co2e("40200", "0", "0")),
                    Map.entry(new StageScope(Stage.PRODUCTION, Scope.SCOPE_1), co2e("18183.7", "32.4", "3000")),
                    Map.entry(new StageScope(Stage.PRODUCTION, Scope.SCOPE_2), co2e("505800", "0", "0")));
            assertThat(pellets.seal.perUnit()).isEqualTo(co2e("1128.3674", "0.0648", "6"));
            assertThat(total(pellets.seal.perUnit())).isEqualTo("1128.4322");
            assertThat(pellets.seal.merkleRoot().toHex())
                    .isEqualTo("2670fc915af2385d2b4a0063f88eb1c3dab06ad2fd4f2f0e617c043384ebcacc");
            assertThat(pellets.seal.hash().toHex())
                    .isEqualTo("bd5b0360a7adefa8d2a0ddeb323c7fefdc2a108a00f80a5f61fe0035ceacc885");
            assertThat(Jcs.canonicalString(pellets.seal.toJson())).isEqualTo("{\"batch\":{\"gtin\":\"09506000134376\","
                    + "\"lot\":\"PEL-2026-09\"},\"breakdown\":[{\"co2e\":{\"biogenicCo2\":\"0\",\"biogenicNonCo2\":\"0\","
                    + "\"fossil\":\"40200\",\"total\":\"40200\"},\"scope\":1,\"stage\":\"RAW_MATERIALS\"},{\"co2e\":"
                    + "{\"biogenicCo2\":\"3000\",\"biogenicNonCo2\":\"32.4\",\"fossil\":\"18183.7\",\"total\":\"18216.1\"},"
                    + "\"scope\":1,\"stage\":\"PRODUCTION\"},{\"co2e\":{\"biogenicCo2\":\"0\",\"biogenicNonCo2\":\"0\","
                    + "\"fossil\":\"505800\",\"total\":\"505800\"},\"scope\":2,\"stage\":\"PRODUCTION\"}],\"footprint\":"
                    + "{\"biogenicCo2\":\"3000\",\"biogenicNonCo2\":\"32.4\",\"fossil\":\"564183.7\",\"total\":\"564216.1\"},"
                    + "\"gwpSet\":\"IPCC-AR6-GWP100\",\"merkleRoot\":"
                    + "\"2670fc915af2385d2b4a0063f88eb1c3dab06ad2fd4f2f0e617c043384ebcacc\",\"perUnit\":{\"biogenicCo2\":\"6\","
                    + "\"biogenicNonCo2\":\"0.0648\",\"fossil\":\"1128.3674\",\"total\":\"1128.4322\"},\"quantity\":"
                    + "{\"amount\":\"500\",\"unit\":\"t\"},\"recordCount\":3,\"sealFormat\":1,\"transferCount\":0}");
        }

        @Test
        void shows_the_cumulative_allocations_the_document_subtracts() {
            Co2e f = pellets.seal.footprint().total();
            assertThat(Allocation.cumulative(f, pellets.quantity, Quantity.parse("300000", "kg", "x")))
                    .isEqualTo(co2e("338510.22", "19.44", "1800"));
            assertThat(Allocation.cumulative(f, pellets.quantity, Quantity.parse("420000", "kg", "x")))
                    .isEqualTo(co2e("473914.308", "27.216", "2520"));
        }

        @Test
        void allocates_four_shipments_that_add_up_to_the_whole_batch() {
            assertThat(shipments.get("S1")).isEqualTo(co2e("180538.784", "10.368", "960"));
            assertThat(shipments.get("S2")).isEqualTo(co2e("157971.436", "9.072", "840"));
            assertThat(shipments.get("S3")).isEqualTo(co2e("135404.088", "7.776", "720"));
            assertThat(shipments.get("S4")).isEqualTo(co2e("90269.392", "5.184", "480"));
            assertThat(shipments.get("S1").plus(shipments.get("S2")).plus(shipments.get("S3"))
                    .plus(shipments.get("S4"))).isEqualTo(pellets.seal.footprint().total());
            assertThat(pellets.shipped).isEqualTo(Quantity.parse("500000", "kg", "q"));
        }

        @Test
        void refuses_a_fifth_shipment() {
            assertThatThrownBy(() -> pellets.ship("20000000-0000-4000-8000-000000000099", "1", "kg", coil8))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED));
        }
    }

    @Nested
    class Tier2Coil {

        @Test
        void computes_each_record_rounding_only_the_gj_to_kwh_conversion() {
            assertThat(coil7.recordCo2e.get("t2-coil-steelmaking-gases")).isEqualTo(co2e("291176.6", "0", "0"));
            assertThat(coil7.recordCo2e.get("t2-coil-reheating-gas")).isEqualTo(co2e("134640", "0", "0"));
            assertThat(coil7.recordCo2e.get("t2-coil-rolling-electricity"))
                    .isEqualTo(co2e("14635.41666666666666666666666666666573", "0", "0"));
        }

        @Test
        void seals_the_footprint_with_the_inbound_pellets() {
            assertThat(coil7.seal.footprint().total())
                    .isEqualTo(co2e("756394.88866666666666666666666666666573", "18.144", "1680"));
            assertThat(total(coil7.seal.footprint().total())).isEqualTo("756413.03266666666666666666666666666573");
            assertThat(coil7.seal.footprint().breakdown().get(Footprint.INBOUND))
                    .isEqualTo(co2e("315942.872", "18.144", "1680"));
            assertThat(total(coil7.seal.footprint().breakdown().get(Footprint.INBOUND))).isEqualTo("315961.016");
            assertThat(total(coil7.seal.footprint().breakdown().get(
                    new StageScope(Stage.PRODUCTION, Scope.SCOPE_1)))).isEqualTo("425816.6");
            assertThat(coil7.seal.perUnit())
                    .isEqualTo(co2e("3151.645369444444444444444444444444", "0.0756", "7"));
            assertThat(total(coil7.seal.perUnit())).isEqualTo("3151.720969444444444444444444444444");
            assertThat(coil7.seal.merkleRoot().toHex())
                    .isEqualTo("7ad31ccc7f485e58163fc609f56702de7888a527d5e84adb6cf229eecb6b6ba7");
            assertThat(coil7.seal.hash().toHex())
                    .isEqualTo("0b228edd244b674cad2bf1250017ee0f47e3a353a2966f2e691381044e2527de");
        }

        @Test
        void allocates_two_consecutive_shipments_exactly_like_one() {
            assertThat(shipments.get("S5"))
                    .isEqualTo(co2e("39395.56711805555555555555555555556", "0.945", "87.5"));
            assertThat(shipments.get("S6"))
                    .isEqualTo(co2e("25213.16295555555555555555555555555", "0.6048", "56"));
            assertThat(shipments.get("S5").plus(shipments.get("S6"))).isEqualTo(
                    Allocation.cumulative(coil7.seal.footprint().total(), coil7.quantity,
                            Quantity.parse("20.5", "t", "q")));
            assertThat(total(shipments.get("S5").plus(shipments.get("S6"))))
                    .isEqualTo("64610.27987361111111111111111111111");
        }
    }

    @Nested
    class Tier3Panels {

        @Test
        void seals_the_footprint() {
            assertThat(panels.recordCo2e.get("t3-panels-press-electricity")).isEqualTo(co2e("20232", "0", "0"));
            assertThat(panels.recordCo2e.get("t3-panels-paint-gas")).isEqualTo(co2e("5329.5", "0", "0"));
            assertThat(panels.seal.footprint().total())
                    .isEqualTo(co2e("90170.23007361111111111111111111111", "1.5498", "143.5"));
            assertThat(total(panels.seal.footprint().total())).isEqualTo("90171.77987361111111111111111111111");
            assertThat(panels.seal.perUnit())
                    .isEqualTo(co2e("22.54255751840277777777777777777778", "0.00038745", "0.035875"));
            assertThat(total(panels.seal.perUnit())).isEqualTo("22.54294496840277777777777777777778");
            assertThat(panels.seal.merkleRoot().toHex())
                    .isEqualTo("b2aba53642b00a39bdb3b2f67c13bd625f21c7ee16f9eee97e46d8a6f9c68b36");
            assertThat(panels.seal.hash().toHex())
                    .isEqualTo("be2272a2d6f983c616a091977261acffd2510d58ec34f669e4c1b66f5bc7e9b1");
        }

        @Test
        void allocates_the_shipments_to_the_washers() {
            assertThat(shipments.get("S7")).isEqualTo(co2e("20288.3017665625", "0.348705", "32.2875"));
            assertThat(shipments.get("S8"))
                    .isEqualTo(co2e("13525.53451104166666666666666666667", "0.23247", "21.525"));
        }
    }

    @Nested
    class Tier4Washers {

        @Test
        void seals_the_footprint_of_the_washing_machines() {
            assertThat(washers.recordCo2e.get("t4-washer-assembly-electricity")).isEqualTo(co2e("6322.5", "0", "0"));
            assertThat(washers.recordCo2e.get("t4-washer-packaging")).isEqualTo(co2e("1777.5", "0", "0"));
            assertThat(washers.recordCo2e.get("t4-washer-transport-diesel")).isEqualTo(co2e("857.6", "0", "0"));
            assertThat(washers.seal.footprint().total())
                    .isEqualTo(co2e("42771.43627760416666666666666666667", "0.581175", "53.8125"));
            assertThat(total(washers.seal.footprint().total())).isEqualTo("42772.01745260416666666666666666667");
            assertThat(washers.seal.footprint().breakdown()).containsExactly(
                    Map.entry(Footprint.INBOUND, co2e("33813.83627760416666666666666666667", "0.581175", "53.8125")),
                    Map.entry(new StageScope(Stage.PRODUCTION, Scope.SCOPE_2), co2e("6322.5", "0", "0")),
                    Map.entry(new StageScope(Stage.TRANSPORT, Scope.SCOPE_1), co2e("857.6", "0", "0")),
                    Map.entry(new StageScope(Stage.PACKAGING, Scope.SCOPE_3), co2e("1777.5", "0", "0")));
        }

        @Test
        void gives_the_per_machine_footprint_the_consumer_sees() {
            assertThat(washers.seal.perUnit())
                    .isEqualTo(co2e("85.54287255520833333333333333333334", "0.00116235", "0.107625"));
            assertThat(total(washers.seal.perUnit())).isEqualTo("85.54403490520833333333333333333334");
            assertThat(Decimals.display(washers.seal.perUnit().total(), 2)).isEqualTo("85.54");
            assertThat(washers.seal.quantity().unit()).isEqualTo(Unit.PIECE);
        }

        @Test
        void commits_to_its_records_and_transfers() {
            assertThat(washers.seal.recordCount()).isEqualTo(3);
            assertThat(washers.seal.transferCount()).isEqualTo(2);
            assertThat(washers.seal.merkleRoot().toHex())
                    .isEqualTo("b856cc400d56361a0d05d5d7aac7d16a75f24b25501af42b964e7a2be75d4d78");
            SealCommitment commitment = SealCommitment.of(washers.records, washers.inbound);
            assertThat(commitment.root()).isEqualTo(washers.seal.merkleRoot());
            assertThat(new String(commitment.leafBytes(3), StandardCharsets.UTF_8)).isEqualTo("{\"co2e\":{"
                    + "\"biogenicCo2\":\"32.2875\",\"biogenicNonCo2\":\"0.348705\",\"fossil\":\"20288.3017665625\","
                    + "\"total\":\"20288.6504715625\"},\"kind\":\"transfer\",\"quantity\":{\"amount\":\"900\","
                    + "\"unit\":\"piece\"},\"sourceGtin\":\"09506000134383\",\"sourceLot\":\"PNL-2611-A\","
                    + "\"sourceSealHash\":\"be2272a2d6f983c616a091977261acffd2510d58ec34f669e4c1b66f5bc7e9b1\","
                    + "\"sourceShippedBefore\":{\"amount\":\"0\",\"unit\":\"piece\"},"
                    + "\"transferId\":\"20000000-0000-4000-8000-000000000007\"}");
            assertThat(washers.seal.proves(commitment.proofForTransfer(new LedgerId(
                    "20000000-0000-4000-8000-000000000007")), commitment.leafBytes(3))).isTrue();
            assertThat(washers.seal.hash().toHex())
                    .isEqualTo("01b3031d7ddb1a641a09644e7f439e0f00b56258a37de717b5f7ba75b2103c3b");
        }
    }
}
