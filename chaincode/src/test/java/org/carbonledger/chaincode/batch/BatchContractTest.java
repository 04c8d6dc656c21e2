package org.carbonledger.chaincode.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.ROGUE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL_7;
import static org.carbonledger.chaincode.testing.WorkedExample.COIL_8;
import static org.carbonledger.chaincode.testing.WorkedExample.PANELS;
import static org.carbonledger.chaincode.testing.WorkedExample.PEL;
import static org.carbonledger.chaincode.testing.WorkedExample.PELLETS;
import static org.carbonledger.chaincode.testing.WorkedExample.PNL;
import static org.carbonledger.chaincode.testing.WorkedExample.WASHERS;
import static org.carbonledger.chaincode.testing.WorkedExample.WM;
import static org.carbonledger.chaincode.testing.WorkedExample.transferId;
import static org.carbonledger.core.error.ErrorCode.ALREADY_EXISTS;
import static org.carbonledger.core.error.ErrorCode.BATCH_SEALED;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_AMOUNT;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_GTIN;
import static org.carbonledger.core.error.ErrorCode.INVALID_LOT;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.INVALID_UNIT;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;
import static org.carbonledger.core.error.ErrorCode.UNIT_MISMATCH;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.CommitException;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.EndorsementAssertions;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.InMemoryLedger;
import org.carbonledger.chaincode.testing.InMemoryStub;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.SignedRecords;
import org.carbonledger.chaincode.testing.TestIdentities;
import org.carbonledger.chaincode.testing.WorkedExample;
import org.carbonledger.core.accounting.Allocation;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.MassBalance;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches: created open by the owner of their product, sealed by their owner (footprint, per-unit value and Merkle
 * commitment computed by core from every record and received transfer), listed by owner, and walked upstream.
 */
class BatchContractTest {
    private static final String COIL_7_FIXTURE = "batches/coil-7.json";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final BatchContract batches = network.batches;
    private final WorkedExample example = new WorkedExample(network);

    private JsonObject create(String msp, Fixtures.Obj batch) {
        return network.submit(msp, batches, "CreateBatch", batch.text());
    }

    private String refuseCreate(ErrorCode code, String msp, Fixtures.Obj batch) {
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).submit(batches, "CreateBatch", batch.text()));
    }

    private String refuseSeal(ErrorCode code, String msp, String gtin, String lot) {
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).submit(batches, "SealBatch", gtin, lot));
    }

    private List<String> writtenKeys() {
        return harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable).toList();
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    private static JsonObject object(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireObject(name).object();
    }

    private static JsonObject quantity(String amount, String unit) {
        return JsonObject.builder().put("amount", amount).put("unit", unit).build();
    }

    // --- what core computes from the same inputs, independently of the ledger ---------------------------------

    private static final FactorLookup FACTORS = exampleFactors();

    private static FactorLookup exampleFactors() {
        Map<String, EmissionFactor> byId = new LinkedHashMap<>();
        for (JsonValue f : ((JsonArray) org.carbonledger.core.json.Json.parse(Fixtures.bytes("example/factors.json"))).elements()) {
            EmissionFactor factor = EmissionFactor.fromJson(JsonObjectReader.asObject(f, "factor"), "factor");
            byId.put(factor.factorId(), factor);
        }
        return FactorLookup.of(byId);
    }

    private static List<RecordContribution> contributions(List<String> names) {
        List<RecordContribution> records = new ArrayList<>();
        for (String name : names) {
            EmissionRecord record = EmissionRecord.parse(SignedRecords.example(name));
            records.add(RecordContribution.of(record, RecordCalculator.co2e(record, FACTORS, Gwp100Set.IPCC_AR6)));
        }
        records.sort((a, b) -> a.recordId().compareTo(b.recordId()));
        return records;
    }

    private static Seal pelletsSeal() {
        return Seal.compute(BatchId.of(PELLETS, PEL), Quantity.parse("500", "t", "quantity"), Gwp100Set.IPCC_AR6,
                contributions(WorkedExample.TIER_1_RECORDS), List.of());
    }

    /** Shipment {@code n} of the pellets as the receiving seal counts it, allocated by core from the pellets' seal. */
    private static InboundTransfer pelletShipment(Seal pellets, int n, String shippedBeforeKg, String tonnes) {
        Quantity source = Quantity.parse("500", "t", "quantity");
        Quantity before = new Quantity(new BigDecimal(shippedBeforeKg), Unit.parse("kg", "unit"));
        Quantity shipment = Quantity.parse(tonnes, "t", "quantity");
        MassBalance.requireWithin(source, before, shipment, "quantity");
        return new InboundTransfer(new LedgerId(transferId(n)), BatchId.of(PELLETS, PEL), pellets.hash().value(), shipment,
                before, Allocation.allocate(pellets.footprint().total(), source, before, shipment));
    }

    private void assertSealedWith(JsonObject batch, Seal expected) {
        assertThat(string(batch, "status")).isEqualTo("SEALED");
        assertThat(object(batch, "seal")).isEqualTo(expected.toJson());
        assertThat(string(batch, "sealHash")).isEqualTo(expected.hash().toHex());
    }

    @Nested
    class CreateBatch {
        @BeforeEach
        void products() {
            network.createProduct(STEEL, "products/coil.json");
            network.createProduct(STEEL, "products/pellets.json");
            network.createProduct(APPLIANCE, "products/panels.json");
        }

        @Test
        void creates_an_open_batch_of_the_owners_product_with_nothing_shipped_or_received() {
            JsonObject batch = create(STEEL, Fixtures.object(COIL_7_FIXTURE));

            JsonObject expected = JsonObject.builder()
                    .put("gtin", COIL)
                    .put("lot", COIL_7)
                    .put("ownerMspId", STEEL)
                    .put("productName", "Hot-rolled steel coil")
                    .put("declaredUnit", "t")
                    .put("quantity", quantity("240", "t"))
                    .put("shipped", quantity("0", "kg"))
                    .put("status", "OPEN")
                    .put("inbound", JsonArray.of())
                    .put("createdAt", harness.lastTransaction().timestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .build();
            assertThat(batch).isEqualTo(expected);
            assertThat(network.batch(COIL, COIL_7)).isEqualTo(expected);
        }

        @Test
        void stores_the_gtin_as_14_digits_and_the_quantity_in_canonical_form_and_the_unit_given() {
            JsonObject batch = create(STEEL, Fixtures.object("batches/pel-2026-09.json")
                    .set("quantity", quantity("500000.000", "kg")));

            assertThat(string(batch, "gtin")).isEqualTo(PELLETS);
            assertThat(object(batch, "quantity")).isEqualTo(quantity("500000", "kg"));
            assertThat(string(network.batch("9506000134376", PEL), "lot")).isEqualTo(PEL);
        }

        @Test
        void a_piece_batch_keeps_its_shipped_total_in_pieces() {
            JsonObject batch = create(APPLIANCE, Fixtures.object("batches/pnl-2611-a.json"));

            assertThat(object(batch, "shipped")).isEqualTo(quantity("0", "piece"));
        }

        @Test
        void advances_the_ownership_sequence_and_the_event_lists_it_the_batch_and_the_owner_index() {
            create(STEEL, Fixtures.object(COIL_7_FIXTURE));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("OWNERSHIP/" + STEEL, "BATCH/" + COIL + "/" + COIL_7,
                    "BATCH_BY_OWNER/" + STEEL + "/" + COIL + "/" + COIL_7);
            assertThat(network.stored("BATCH_BY_OWNER", STEEL, COIL, COIL_7))
                    .isEqualTo(JsonObject.builder().put("gtin", COIL).put("lot", COIL_7).build());
            assertThat(network.stored("OWNERSHIP", STEEL).get("sequence")).contains(JsonNumber.of(3));
        }

        @Test
        void protects_the_batch_so_that_only_a_majority_including_the_owner_can_change_it() {
            create(STEEL, Fixtures.object(COIL_7_FIXTURE));

            assertThat(harness.lastTransaction().validationParameterWrites().keySet())
                    .containsExactly(Consortium.key("BATCH", COIL, COIL_7));
            EndorsementAssertions.assertOwnerAndOneOther(network.policy("BATCH", COIL, COIL_7), STEEL);
        }

        @Test
        void keeps_the_owner_and_majority_policy_on_the_ownership_key_it_advances() {
            create(STEEL, Fixtures.object(COIL_7_FIXTURE));

            EndorsementAssertions.assertOwnerAndOneOther(network.policy("OWNERSHIP", STEEL), STEEL);
        }

        @Test
        void a_majority_without_the_owner_cannot_create_a_batch_in_its_name() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).endorsedBy(APPLIANCE, CERT)
                    .submit(batches, "CreateBatch", Fixtures.text(COIL_7_FIXTURE)))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void the_same_lot_of_another_product_is_another_batch() {
            create(STEEL, Fixtures.object(COIL_7_FIXTURE));

            create(STEEL, Fixtures.object(COIL_7_FIXTURE).set("gtin", "9506000134376"));

            assertThat(string(network.batch(PELLETS, COIL_7), "productName")).isEqualTo("Iron ore pellets");
        }

        @Test
        void refuses_a_batch_that_exists_naming_the_lot() {
            create(STEEL, Fixtures.object(COIL_7_FIXTURE));

            String message = refuseCreate(ALREADY_EXISTS, STEEL, Fixtures.object(COIL_7_FIXTURE).set("quantity", quantity("1", "t")));
            assertThat(message).startsWith("lot \"COIL-7\"").contains(COIL + "/" + COIL_7);
        }

        @Test
        void refuses_a_batch_of_an_unknown_product() {
            String message = refuseCreate(NOT_FOUND, STEEL, Fixtures.object(COIL_7_FIXTURE).set("gtin", "09506000134390"));
            assertThat(message).startsWith("gtin \"09506000134390\"");
        }

        @Test
        void refuses_a_batch_of_another_organizations_product() {
            String message = refuseCreate(FORBIDDEN, APPLIANCE, Fixtures.object(COIL_7_FIXTURE));
            assertThat(message).startsWith("gtin \"" + COIL + "\"").contains("belongs to " + STEEL);
        }

        @Test
        void refuses_an_organization_without_the_producer_role() {
            refuseCreate(ROLE_REQUIRED, CERT, Fixtures.object(COIL_7_FIXTURE));
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            refuseCreate(FORBIDDEN, ROGUE, Fixtures.object(COIL_7_FIXTURE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"piece", "kWh", "m3", "L"})
        void refuses_a_quantity_in_another_dimension_than_the_products_declared_unit(String unit) {
            String message = refuseCreate(UNIT_MISMATCH, STEEL, Fixtures.object(COIL_7_FIXTURE).set("quantity", quantity("240", unit)));
            assertThat(message).startsWith("quantity.unit \"" + unit + "\"").contains("per t (mass)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tonnes", "T", "Kg", ""})
        void refuses_an_unknown_unit(String unit) {
            String message = refuseCreate(INVALID_UNIT, STEEL, Fixtures.object(COIL_7_FIXTURE).set("quantity", quantity("240", unit)));
            assertThat(message).startsWith("quantity.unit \"" + unit + "\"");
        }

        static Stream<Arguments> badAmounts() {
            return Stream.of(
                    Arguments.of("-240", "must not be negative"),
                    Arguments.of("+240", "must not have a sign"),
                    Arguments.of("2.4e2", "exponent notation"),
                    Arguments.of("2.4E2", "exponent notation"),
                    Arguments.of("1234567890123456789", "19 integer digits"),
                    Arguments.of("0.0000000001", "10 fraction digits"),
                    Arguments.of("240.", "digits after"),
                    Arguments.of(" 240", "whitespace"),
                    Arguments.of("0", "greater than zero"),
                    Arguments.of("0.000", "greater than zero"));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\": {1}")
        @MethodSource("badAmounts")
        void refuses_a_malformed_or_zero_quantity_naming_the_amount_and_the_reason(String amount, String reason) {
            String message = refuseCreate(INVALID_AMOUNT, STEEL, Fixtures.object(COIL_7_FIXTURE).set("quantity", quantity(amount, "t")));
            assertThat(message).startsWith("quantity.amount \"").contains(reason);
        }

        @Test
        void accepts_the_largest_amount_a_user_may_write() {
            create(STEEL, Fixtures.object(COIL_7_FIXTURE).set("quantity", quantity("999999999999999999.999999999", "t")));
        }

        static Stream<Arguments> badLots() {
            return Stream.of(
                    Arguments.of("COIL 7", "character \" \" at position 5 is not in GS1 character set 82"),
                    Arguments.of("COIL#7", "character \"#\" at position 5"),
                    Arguments.of("COIL-7\u00e9", "at position 7"),
                    Arguments.of("COIL~7", "character \"~\""),
                    Arguments.of("", "must have 1 to 20 characters, found 0"),
                    Arguments.of("C".repeat(21), "must have 1 to 20 characters, found 21"));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("badLots")
        void refuses_a_lot_outside_gs1_ai_10_naming_the_character_or_the_length(String lot, String reason) {
            String message = refuseCreate(INVALID_LOT, STEEL, Fixtures.object(COIL_7_FIXTURE).set("lot", lot));
            assertThat(message).startsWith("lot \"").contains(reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {"A/B", "!\"%&'()*+,-./:;<=>?", "COIL-7_x.y", "CCCCCCCCCCCCCCCCCCCC"})
        void accepts_every_character_of_set_82_and_20_characters(String lot) {
            JsonObject batch = create(STEEL, Fixtures.object(COIL_7_FIXTURE).set("lot", lot));

            assertThat(string(batch, "lot")).isEqualTo(lot);
            assertThat(network.batch(COIL, lot)).isEqualTo(batch);
        }

        @ParameterizedTest
        @ValueSource(strings = {"09506000134353", "0950600013435", "0950600013435X"})
        void refuses_a_malformed_gtin(String gtin) {
            String message = refuseCreate(INVALID_GTIN, STEEL, Fixtures.object(COIL_7_FIXTURE).set("gtin", gtin));
            assertThat(message).startsWith("gtin \"" + gtin + "\"");
        }

        static Stream<Arguments> otherBadInputs() {
            Fixtures.Obj batch = Fixtures.object(COIL_7_FIXTURE);
            return Stream.of(
                    Arguments.of("no quantity", batch.remove("quantity"), "quantity"),
                    Arguments.of("a quantity that is a string", batch.set("quantity", "240 t"), "quantity"),
                    Arguments.of("a quantity with an extra member", batch.set("quantity", quantity("240", "t").with("tare", JsonNumber.of(1))), "quantity.tare"),
                    Arguments.of("a numeric amount", batch.set("quantity", JsonObject.builder().put("amount", 240L).put("unit", "t").build()), "quantity.amount"),
                    Arguments.of("no lot", batch.remove("lot"), "lot"),
                    Arguments.of("an unknown member", batch.set("status", "SEALED"), "status"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("otherBadInputs")
        void refuses_other_malformed_input_naming_the_field(String what, Fixtures.Obj input, String field) {
            assertThat(refuseCreate(INVALID_ARGUMENT, STEEL, input)).startsWith(field);
        }
    }

    @Nested
    class SealBatch {
        @BeforeEach
        void everythingRegistered() {
            example.registerEverything();
        }

        @Test
        void seals_the_worked_examples_pellets_to_the_documents_seal_and_hash() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));
            JsonObject open = network.batch(PELLETS, PEL);

            JsonObject sealed = network.seal(STEEL, PELLETS, PEL);

            assertThat(Jcs.canonicalString(object(sealed, "seal"))).isEqualTo("{\"batch\":{\"gtin\":\"09506000134376\","
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
            assertThat(string(sealed, "sealHash")).isEqualTo(WorkedExample.PELLETS_SEAL_HASH);
            assertThat(sealed).isEqualTo(open.without("status").toBuilder()
                    .put("status", "SEALED")
                    .put("seal", object(sealed, "seal"))
                    .put("sealHash", WorkedExample.PELLETS_SEAL_HASH)
                    .put("sealedAt", harness.lastTransaction().timestamp().toString())
                    .put("sealTxId", harness.lastTransaction().txId())
                    .build());
            assertThat(network.batch(PELLETS, PEL)).isEqualTo(sealed);
        }

        @Test
        void the_seal_equals_cores_seal_of_the_same_records() {
            example.recordAndSealPellets();

            assertSealedWith(network.batch(PELLETS, PEL), pelletsSeal());
        }

        @Test
        void the_seal_of_records_and_received_material_equals_cores_seal_of_the_same_inputs() {
            example.recordAndSealPellets().shipPellets().recordReceiveAndSealCoil();

            Seal pellets = pelletsSeal();
            Seal expected = Seal.compute(BatchId.of(COIL, COIL_7), Quantity.parse("240", "t", "quantity"), Gwp100Set.IPCC_AR6,
                    contributions(WorkedExample.TIER_2_RECORDS),
                    List.of(pelletShipment(pellets, 1, "0", "160"), pelletShipment(pellets, 3, "300000", "120")));
            JsonObject coil = network.batch(COIL, COIL_7);
            assertSealedWith(coil, expected);
            assertThat(string(coil, "sealHash")).isEqualTo(WorkedExample.COIL_7_SEAL_HASH);
            assertThat(string(object(object(coil, "seal"), "footprint"), "total")).isEqualTo("756413.03266666666666666666666666666573");
        }

        @Test
        void a_batch_that_only_received_material_seals_with_its_transfers_alone() {
            example.recordAndSealPellets().shipPellets().recordReceiveAndSealCoil();

            JsonObject coil8 = network.seal(STEEL, COIL, COIL_8);

            Seal pellets = pelletsSeal();
            assertSealedWith(coil8, Seal.compute(BatchId.of(COIL, COIL_8), Quantity.parse("250", "t", "quantity"),
                    Gwp100Set.IPCC_AR6, List.of(),
                    List.of(pelletShipment(pellets, 2, "160000", "140"), pelletShipment(pellets, 4, "420000", "80"))));
            assertThat(object(object(coil8, "seal"), "footprint")).isEqualTo(new Co2e(new BigDecimal("248240.828"),
                    new BigDecimal("14.256"), new BigDecimal("1320")).toJson());
        }

        @Test
        void the_whole_chain_ends_in_the_documents_washing_machine_seal_hash() {
            example.playChain();

            assertThat(string(network.batch(PANELS, PNL), "sealHash")).isEqualTo(WorkedExample.PANELS_SEAL_HASH);
            JsonObject washers = network.batch(WASHERS, WM);
            assertThat(string(washers, "sealHash")).isEqualTo(WorkedExample.WASHERS_SEAL_HASH);
            assertThat(string(object(object(washers, "seal"), "perUnit"), "total")).isEqualTo("85.54403490520833333333333333333334");
            assertThat(string(object(washers, "seal"), "merkleRoot"))
                    .isEqualTo("b856cc400d56361a0d05d5d7aac7d16a75f24b25501af42b964e7a2be75d4d78");
        }

        @Test
        void the_event_lists_exactly_the_batch_and_its_policy_is_kept() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));
            byte[] policy = network.policy("BATCH", PELLETS, PEL);

            network.seal(STEEL, PELLETS, PEL);

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("BATCH/" + PELLETS + "/" + PEL);
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Batches:SealBatch");
            assertThat(harness.lastTransaction().validationParameterWrites()).isEmpty();
            assertThat(network.policy("BATCH", PELLETS, PEL)).isEqualTo(policy);
        }

        @Test
        void two_peers_endorsing_the_same_seal_write_identical_bytes() {
            ChaincodeHarness otherPeer = ChaincodeHarness.newInstance();
            Consortium otherNetwork = Consortium.withRoles(otherPeer);
            new WorkedExample(otherNetwork).registerEverything().recordAndSealPellets().shipPellets();
            example.recordAndSealPellets().shipPellets();
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_2_RECORDS));
            otherNetwork.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_2_RECORDS));
            for (int n : new int[] {1, 3}) {
                network.receive(STEEL, transferId(n), COIL, COIL_7);
                otherNetwork.receive(STEEL, transferId(n), COIL, COIL_7);
            }
            Instant at = Instant.parse("2026-11-01T12:00:00Z");

            var here = harness.as(STEEL, CLIENT).at(at).withTxId("seal-coil-7")
                    .withTransient(network.sealTransient(STEEL, COIL, COIL_7)).endorse(batches, "SealBatch", COIL, COIL_7);
            var there = otherPeer.as(STEEL, CLIENT).at(at).withTxId("seal-coil-7")
                    .withTransient(otherNetwork.sealTransient(STEEL, COIL, COIL_7)).endorse(batches, "SealBatch", COIL, COIL_7);

            assertThat(here.result()).isEqualTo(there.result());
            assertThat(printable(here.stub().writes())).isEqualTo(printable(there.stub().writes()));
            assertThat(here.stub().event()).isEqualTo(there.stub().event());
        }

        private List<String> printable(Map<String, java.util.Optional<byte[]>> writes) {
            List<String> out = new ArrayList<>();
            writes.forEach((k, v) -> out.add(ChangeEvents.printable(k) + "=" + v.map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse("<deleted>")));
            return out;
        }

        @Test
        void refuses_to_seal_a_batch_without_records_or_received_material() {
            String message = refuseSeal(INVALID_STATE, STEEL, COIL, COIL_7);
            assertThat(message).startsWith("batch \"" + COIL + "/" + COIL_7 + "\"").contains("no records");
        }

        @Test
        void refuses_to_seal_a_sealed_batch_again() {
            example.recordAndSealPellets();

            refuseSeal(BATCH_SEALED, STEEL, PELLETS, PEL);
        }

        @Test
        void refuses_to_seal_another_organizations_batch() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));

            String message = refuseSeal(FORBIDDEN, APPLIANCE, PELLETS, PEL);
            assertThat(message).contains("belongs to " + STEEL);
        }

        @Test
        void refuses_an_organization_without_the_producer_role() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));

            refuseSeal(ROLE_REQUIRED, CERT, PELLETS, PEL);
        }

        @Test
        void refuses_an_unknown_batch() {
            refuseSeal(NOT_FOUND, STEEL, COIL, "COIL-9");
        }

        @Test
        void refuses_a_malformed_lot() {
            refuseSeal(INVALID_LOT, STEEL, COIL, "COIL 7");
        }

        @Test
        void a_majority_that_excludes_the_owner_cannot_commit_a_seal_of_its_batch() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS));
            var sets = network.sealTransient(STEEL, PELLETS, PEL);
            LedgerSnapshot before = harness.state();

            // The certifier's peer holds the records and can compute the seal; without the owner's peer it cannot commit.
            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).onPeerOf(CERT).endorsedBy(CERT).withTransient(sets)
                    .submit(batches, "SealBatch", PELLETS, PEL))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            // A peer that does not hold the records cannot even compute it.
            harness.assertRefused(org.carbonledger.core.error.ErrorCode.NOT_DESIGNATED,
                    () -> harness.as(STEEL, CLIENT).onPeerOf(APPLIANCE).endorsedBy(APPLIANCE, CERT).withTransient(sets)
                            .submit(batches, "SealBatch", PELLETS, PEL));
            assertThat(harness.state()).isEqualTo(before);
            assertThat(string(network.batch(PELLETS, PEL), "status")).isEqualTo("OPEN");
        }

        @Test
        void a_coalition_of_the_other_members_cannot_overwrite_the_owners_batch_directly() {
            example.recordAndSealPellets();
            InMemoryLedger ledger = harness.ledger();
            String key = Consortium.key("BATCH", PELLETS, PEL);
            JsonObject forged = network.batch(PELLETS, PEL).without("shipped")
                    .with("shipped", quantity("0", "kg")).without("ownerMspId").with("ownerMspId",
                            org.carbonledger.core.json.JsonString.of(APPLIANCE));
            InMemoryStub stub = ledger.newTransaction(InMemoryLedger.Proposal.of(
                    TestIdentities.of(APPLIANCE, CLIENT).serialized(), Instant.parse("2026-12-01T00:00:00Z"), List.of("Batches:SealBatch")));
            stub.putState(key, Jcs.canonicalize(forged));
            LedgerSnapshot before = harness.state();

            assertThat(ledger.commit(stub, List.of(APPLIANCE, CERT))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void a_record_committed_while_the_seal_was_in_flight_invalidates_the_seal_not_the_record() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_1_RECORDS.subList(0, 2)));
            var seal = harness.as(STEEL, CLIENT).withTransient(network.sealTransient(STEEL, PELLETS, PEL))
                    .endorse(batches, "SealBatch", PELLETS, PEL);
            network.submitRecords(STEEL, SignedRecords.example("t1-pellets-mining-diesel"));

            assertThatThrownBy(seal::commit).isInstanceOfSatisfying(CommitException.class, e ->
                    assertThat(e.validationCode()).isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT));
            assertThat(string(network.batch(PELLETS, PEL), "status")).isEqualTo("OPEN");
            network.seal(STEEL, PELLETS, PEL);
            assertThat(string(network.batch(PELLETS, PEL), "sealHash")).isEqualTo(WorkedExample.PELLETS_SEAL_HASH);
        }
    }

    @Nested
    class GetBatch {
        @Test
        void an_unknown_batch_is_not_found() {
            String message = harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(batches, "GetBatch", COIL, COIL_7));
            assertThat(message).startsWith("batch \"" + COIL + "/" + COIL_7 + "\"");
        }

        @Test
        void a_malformed_gtin_or_lot_is_refused_as_such() {
            harness.assertRefused(INVALID_GTIN, () -> harness.as(CERT, CLIENT).evaluate(batches, "GetBatch", "09506000134353", COIL_7));
            harness.assertRefused(INVALID_LOT, () -> harness.as(CERT, CLIENT).evaluate(batches, "GetBatch", COIL, "COIL 7"));
        }
    }

    @Nested
    class ListBatches {
        @BeforeEach
        void products() {
            network.createProduct(STEEL, "products/coil.json");
            network.createProduct(STEEL, "products/pellets.json");
            network.createProduct(APPLIANCE, "products/panels.json");
        }

        private List<String> listAll(String owner, int pageSize) {
            List<String> batchKeys = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                JsonObject page = network.evaluate(CERT, batches, "ListBatches", owner, Integer.toString(pageSize), bookmark);
                JsonObjectReader reader = JsonObjectReader.of(page, "");
                for (JsonValue item : reader.requireArray("items").elements()) {
                    JsonObject batch = JsonObjectReader.asObject(item, "item");
                    assertThat(string(batch, "ownerMspId")).isEqualTo(owner);
                    batchKeys.add(string(batch, "gtin") + "/" + string(batch, "lot"));
                }
                bookmark = reader.requireString("bookmark");
                assertThat(++pages).as("pages").isLessThan(100);
            } while (!bookmark.isEmpty());
            return batchKeys;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 7, 8, 1000})
        void returns_every_batch_of_the_owner_exactly_once_across_pages_as_full_batches(int pageSize) {
            List<String> expected = new ArrayList<>();
            for (String lot : List.of("COIL-3", "COIL-1", "COIL-2")) {
                create(STEEL, Fixtures.object(COIL_7_FIXTURE).set("lot", lot));
            }
            for (String lot : List.of("P-2", "P-1", "P-3", "P-4")) {
                create(STEEL, Fixtures.object("batches/pel-2026-09.json").set("lot", lot));
            }
            create(APPLIANCE, Fixtures.object("batches/pnl-2611-a.json"));
            expected.addAll(List.of(COIL + "/COIL-1", COIL + "/COIL-2", COIL + "/COIL-3",
                    PELLETS + "/P-1", PELLETS + "/P-2", PELLETS + "/P-3", PELLETS + "/P-4"));

            assertThat(listAll(STEEL, pageSize)).containsExactlyElementsOf(expected);
            assertThat(listAll(APPLIANCE, pageSize)).containsExactly(PANELS + "/" + PNL);
        }

        @Test
        void an_owner_argument_holding_the_composite_key_delimiter_is_refused_as_invalid() {
            harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(CERT, CLIENT).evaluate(batches, "ListBatches", STEEL + "\u0000x", "10", ""));
        }

        @Test
        void an_organization_without_batches_lists_none() {
            assertThat(listAll(CERT, 10)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001"})
        void refuses_a_page_size_outside_1_to_1000(String pageSize) {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(batches, "ListBatches", STEEL, pageSize, ""));
        }
    }

    @Nested
    class GetProvenance {
        @BeforeEach
        void everythingRegistered() {
            example.registerEverything();
        }

        private JsonObject provenance(String gtin, String lot) {
            return network.evaluate(CERT, batches, "GetProvenance", gtin, lot);
        }

        private static List<String> nodes(JsonObject provenance) {
            List<String> nodes = new ArrayList<>();
            for (JsonValue v : JsonObjectReader.of(provenance, "").requireArray("batches").elements()) {
                JsonObject batch = JsonObjectReader.asObject(v, "batch");
                nodes.add(string(batch, "lot") + "@" + JsonObjectReader.of(batch, "").requireInteger("depth", 0, 100));
            }
            return nodes;
        }

        private static List<String> edges(JsonObject provenance) {
            List<String> edges = new ArrayList<>();
            for (JsonValue v : JsonObjectReader.of(provenance, "").requireArray("transfers").elements()) {
                edges.add(string(JsonObjectReader.asObject(v, "transfer"), "transferId"));
            }
            return edges;
        }

        @Test
        void walks_every_tier_of_the_worked_example_breadth_first() {
            example.playChain();

            JsonObject provenance = provenance(WASHERS, WM);

            assertThat(object(provenance, "root")).isEqualTo(JsonObject.builder().put("gtin", WASHERS).put("lot", WM).build());
            assertThat(JsonObjectReader.of(provenance, "").requireInteger("tiers", 0, 100)).isEqualTo(4);
            assertThat(nodes(provenance)).containsExactly(WM + "@0", PNL + "@1", COIL_7 + "@2", PEL + "@3");
            assertThat(edges(provenance)).containsExactly(transferId(7), transferId(8), transferId(5), transferId(6),
                    transferId(1), transferId(3));
        }

        @Test
        void each_node_is_the_batch_as_stored_with_its_depth() {
            example.playChain();

            JsonObject first = JsonObjectReader.asObject(JsonObjectReader.of(provenance(WASHERS, WM), "").requireArray("batches").get(3), "node");

            assertThat(first.without("depth")).isEqualTo(network.batch(PELLETS, PEL));
        }

        @Test
        void a_batch_fed_by_one_source_twice_lists_the_source_once() {
            example.recordAndSealPellets().shipPellets().recordReceiveAndSealCoil();

            JsonObject provenance = provenance(COIL, COIL_8);

            assertThat(JsonObjectReader.of(provenance, "").requireInteger("tiers", 0, 100)).isEqualTo(2);
            assertThat(nodes(provenance)).containsExactly(COIL_8 + "@0", PEL + "@1");
            assertThat(edges(provenance)).containsExactly(transferId(2), transferId(4));
        }

        @Test
        void a_batch_without_received_material_is_one_tier() {
            JsonObject provenance = provenance(PELLETS, PEL);

            assertThat(JsonObjectReader.of(provenance, "").requireInteger("tiers", 0, 100)).isEqualTo(1);
            assertThat(nodes(provenance)).containsExactly(PEL + "@0");
            assertThat(edges(provenance)).isEmpty();
        }

        @Test
        void an_unknown_batch_is_not_found() {
            harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(batches, "GetProvenance", COIL, "COIL-9"));
        }
    }
}
