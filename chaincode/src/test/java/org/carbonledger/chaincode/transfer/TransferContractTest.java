package org.carbonledger.chaincode.transfer;

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
import static org.carbonledger.chaincode.testing.WorkedExample.shipment;
import static org.carbonledger.chaincode.testing.WorkedExample.transferId;
import static org.carbonledger.core.error.ErrorCode.BATCH_NOT_SEALED;
import static org.carbonledger.core.error.ErrorCode.BATCH_SEALED;
import static org.carbonledger.core.error.ErrorCode.DUPLICATE_ID;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_AMOUNT;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_GTIN;
import static org.carbonledger.core.error.ErrorCode.INVALID_LOT;
import static org.carbonledger.core.error.ErrorCode.INVALID_STATE;
import static org.carbonledger.core.error.ErrorCode.INVALID_UNIT;
import static org.carbonledger.core.error.ErrorCode.MASS_BALANCE_EXCEEDED;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;
import static org.carbonledger.core.error.ErrorCode.UNIT_MISMATCH;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.CommitException;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.EndorsementAssertions;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.WorkedExample;
import org.carbonledger.core.accounting.Allocation;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Quantity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transfers in two steps: the sender ships from its sealed batch (mass balance enforced, the allocated share of the
 * sealed footprint travelling with the material), the receiver accepts into its own open batch, rejects, or the
 * sender cancels; a rejected or cancelled shipment can be taken back by the sender. Nobody writes to another
 * organization's batch: refused by the chaincode, and invalidated at commit when the owner's peer did not endorse.
 */
class TransferContractTest {
    /** Shipment 1 of the worked example, 160 t of pellets, here addressed to ApplianceCo. */
    private static final String T1 = transferId(1);

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final TransferContract transfers = network.transfers;
    private final WorkedExample example = new WorkedExample(network);

    /** Everything registered, the pellets (500 t, footprint 564216.1 kg) recorded and sealed by SteelCo. */
    @BeforeEach
    void pelletsSealed() {
        example.registerEverything().recordAndSealPellets();
    }

    private static Fixtures.Obj toAppliance(int n, String amount, String unit) {
        return shipment(n, PELLETS, PEL, APPLIANCE, amount, unit);
    }

    private JsonObject ship(String msp, Fixtures.Obj shipment) {
        return network.ship(msp, shipment);
    }

    private String refuseShip(ErrorCode code, String msp, Fixtures.Obj shipment) {
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).submit(transfers, "ShipMaterial", shipment.text()));
    }

    private String refuse(ErrorCode code, String msp, String transaction, String... args) {
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).submit(transfers, transaction, args));
    }

    private JsonObject receive(String msp, String transferId, String gtin, String lot) {
        return network.receive(msp, transferId, gtin, lot);
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

    private static JsonObject co2e(String fossil, String biogenicNonCo2, String biogenicCo2) {
        return new Co2e(new BigDecimal(fossil), new BigDecimal(biogenicNonCo2), new BigDecimal(biogenicCo2)).toJson();
    }

    private static JsonObject batchRef(String gtin, String lot) {
        return JsonObject.builder().put("gtin", gtin).put("lot", lot).build();
    }

    private static Fixtures.Obj withQuantity(Fixtures.Obj shipment, String amount, String unit) {
        return shipment.set("quantity", quantity(amount, unit));
    }

    @Nested
    class ShipMaterial {

        @Test
        void ships_from_a_sealed_batch_with_the_allocated_share_of_its_footprint() {
            JsonObject transfer = ship(STEEL, toAppliance(1, "160", "t"));

            JsonObject expected = JsonObject.builder()
                    .put("transferId", T1)
                    .put("from", batchRef(PELLETS, PEL))
                    .put("senderMspId", STEEL)
                    .put("receiverMspId", APPLIANCE)
                    .put("quantity", quantity("160", "t"))
                    .put("sourceQuantity", quantity("500", "t"))
                    .put("sourceShippedBefore", quantity("0", "kg"))
                    .put("sourceSealHash", WorkedExample.PELLETS_SEAL_HASH)
                    .put("allocated", co2e("180538.784", "10.368", "960"))
                    .put("status", "SHIPPED")
                    .put("shippedAt", harness.lastTransaction().timestamp().toString())
                    .put("shipTxId", harness.lastTransaction().txId())
                    .build();
            assertThat(transfer).isEqualTo(expected);
            assertThat(network.transfer(T1)).isEqualTo(expected);
            assertThat(object(network.batch(PELLETS, PEL), "shipped")).isEqualTo(quantity("160000", "kg"));
        }

        @Test
        void the_four_example_shipments_carry_the_documents_allocations_which_add_up_to_the_whole_footprint() {
            example.shipPellets();

            assertThat(object(network.transfer(transferId(1)), "allocated")).isEqualTo(co2e("180538.784", "10.368", "960"));
            assertThat(object(network.transfer(transferId(2)), "allocated")).isEqualTo(co2e("157971.436", "9.072", "840"));
            assertThat(object(network.transfer(transferId(3)), "allocated")).isEqualTo(co2e("135404.088", "7.776", "720"));
            assertThat(object(network.transfer(transferId(4)), "allocated")).isEqualTo(co2e("90269.392", "5.184", "480"));
            Co2e sum = Co2e.ZERO;
            for (int n = 1; n <= 4; n++) {
                sum = sum.plus(Co2e.fromJson(object(network.transfer(transferId(n)), "allocated"), "allocated"));
            }
            JsonObject seal = object(network.batch(PELLETS, PEL), "seal");
            assertThat(sum.toJson()).isEqualTo(object(seal, "footprint"));
            assertThat(object(network.batch(PELLETS, PEL), "shipped")).isEqualTo(quantity("500000", "kg"));
        }

        @Test
        void allocates_exactly_what_core_allocates_for_the_same_inputs_in_another_unit() {
            ship(STEEL, toAppliance(1, "160", "t"));

            JsonObject transfer = ship(STEEL, toAppliance(2, "12345.678", "kg"));

            Co2e footprint = Co2e.fromJson(object(object(network.batch(PELLETS, PEL), "seal"), "footprint"), "footprint");
            Co2e expected = Allocation.allocate(footprint, Quantity.parse("500", "t", "q"), Quantity.parse("160000", "kg", "q"),
                    Quantity.parse("12345.678", "kg", "q"));
            assertThat(object(transfer, "allocated")).isEqualTo(expected.toJson());
            assertThat(object(transfer, "sourceShippedBefore")).isEqualTo(quantity("160000", "kg"));
            assertThat(object(network.batch(PELLETS, PEL), "shipped")).isEqualTo(quantity("172345.678", "kg"));
        }

        @Test
        void the_event_lists_the_claimed_id_the_source_batch_the_transfer_and_both_indexes() {
            ship(STEEL, toAppliance(1, "160", "t"));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("ID/" + T1, "BATCH/" + PELLETS + "/" + PEL, "TRANSFER/" + T1,
                    "TRANSFER_BY_SOURCE/" + PELLETS + "/" + PEL + "/" + T1, "TRANSFER_BY_RECEIVER/" + APPLIANCE + "/" + T1);
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Transfers:ShipMaterial");
            assertThat(network.stored("ID", T1).get("kind")).contains(JsonString.of("transfer"));
        }

        @Test
        void protects_the_transfer_so_that_either_party_with_one_other_member_can_act_on_it() {
            byte[] batchPolicy = network.policy("BATCH", PELLETS, PEL);

            ship(STEEL, toAppliance(1, "160", "t"));

            assertThat(harness.lastTransaction().validationParameterWrites().keySet())
                    .containsExactly(Consortium.key("TRANSFER", T1));
            EndorsementAssertions.assertEitherPartyAndOneOther(network.policy("TRANSFER", T1), STEEL, APPLIANCE);
            assertThat(network.policy("BATCH", PELLETS, PEL)).isEqualTo(batchPolicy);
        }

        @Test
        void a_shipment_within_one_organization_is_protected_like_its_batches() {
            ship(STEEL, shipment(1, PELLETS, PEL, STEEL, "160", "t"));

            EndorsementAssertions.assertOwnerAndOneOther(network.policy("TRANSFER", T1), STEEL);
        }

        @Test
        void a_majority_that_excludes_the_sender_cannot_commit_a_shipment_out_of_its_batch() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).endorsedBy(APPLIANCE, CERT)
                    .submit(transfers, "ShipMaterial", toAppliance(1, "160", "t").text()))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void refuses_a_shipment_larger_than_the_batch() {
            String message = refuseShip(MASS_BALANCE_EXCEEDED, STEEL, toAppliance(1, "500.001", "t"));
            assertThat(message).startsWith("quantity \"500.001 t\"").contains("above its quantity 500 t");
        }

        @Test
        void refuses_a_shipment_that_would_exceed_what_is_left_naming_the_numbers() {
            ship(STEEL, toAppliance(1, "400", "t"));

            String message = refuseShip(MASS_BALANCE_EXCEEDED, STEEL, toAppliance(2, "100001", "kg"));
            assertThat(message).startsWith("quantity \"100001 kg\"").contains("already shipped 400000 kg").contains("remaining 100000 kg");
        }

        @Test
        void ships_exactly_what_is_left_and_then_not_one_kilogram_more() {
            example.shipPellets();

            refuseShip(MASS_BALANCE_EXCEEDED, STEEL, toAppliance(9, "1", "kg"));
        }

        @Test
        void refuses_to_ship_from_an_unsealed_batch() {
            network.submitRecords(STEEL, WorkedExample.records(WorkedExample.TIER_2_RECORDS));

            String message = refuseShip(BATCH_NOT_SEALED, STEEL, shipment(5, COIL, COIL_7, APPLIANCE, "12500", "kg"));
            assertThat(message).startsWith("from \"" + COIL + "/" + COIL_7 + "\"").contains("not sealed");
        }

        @Test
        void refuses_to_ship_from_another_organizations_batch() {
            String message = refuseShip(FORBIDDEN, APPLIANCE, shipment(1, PELLETS, PEL, APPLIANCE, "160", "t"));
            assertThat(message).startsWith("from \"" + PELLETS + "/" + PEL + "\"").contains("belongs to " + STEEL);
        }

        @Test
        void refuses_an_organization_without_the_producer_role() {
            refuseShip(ROLE_REQUIRED, CERT, toAppliance(1, "160", "t"));
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            refuseShip(FORBIDDEN, ROGUE, toAppliance(1, "160", "t"));
        }

        @Test
        void refuses_a_receiver_outside_the_consortium() {
            String message = refuseShip(NOT_FOUND, STEEL, toAppliance(1, "160", "t").set("toMspId", ROGUE));
            assertThat(message).startsWith("toMspId \"" + ROGUE + "\"");
        }

        @Test
        void refuses_an_unknown_source_batch() {
            refuseShip(NOT_FOUND, STEEL, shipment(1, PELLETS, "PEL-2026-10", APPLIANCE, "1", "t"));
        }

        @Test
        void refuses_a_transfer_id_used_before_naming_the_transaction() {
            ship(STEEL, toAppliance(1, "160", "t"));
            String first = harness.lastTransaction().txId();

            String message = refuseShip(DUPLICATE_ID, STEEL, toAppliance(1, "10", "t"));
            assertThat(message).isEqualTo("transferId \"" + T1 + "\": already used by transfer in transaction " + first);
        }

        @Test
        void refuses_a_transfer_id_already_used_by_a_record() {
            String message = refuseShip(DUPLICATE_ID, STEEL, toAppliance(1, "10", "t")
                    .set("transferId", "10000000-0000-4000-8000-000000000101"));
            assertThat(message).endsWith("already used by a record");
        }

        @ParameterizedTest
        @ValueSource(strings = {"piece", "kWh", "L"})
        void refuses_a_quantity_in_another_dimension_than_the_batch(String unit) {
            String message = refuseShip(UNIT_MISMATCH, STEEL, toAppliance(1, "160", unit));
            assertThat(message).startsWith("quantity \"160 " + unit + "\"").contains("from a batch measured in t");
        }

        static Stream<Arguments> badAmounts() {
            return Stream.of(
                    Arguments.of("0", "greater than zero"),
                    Arguments.of("0.0", "greater than zero"),
                    Arguments.of("-160", "must not be negative"),
                    Arguments.of("1.6e2", "exponent"),
                    Arguments.of("1234567890123456789", "19 integer digits"),
                    Arguments.of("0.0000000001", "10 fraction digits"));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("badAmounts")
        void refuses_a_zero_or_malformed_quantity_naming_the_amount(String amount, String reason) {
            String message = refuseShip(INVALID_AMOUNT, STEEL, toAppliance(1, amount, "t"));
            assertThat(message).startsWith("quantity.amount \"").contains(reason);
        }

        @Test
        void refuses_an_unknown_unit() {
            assertThat(refuseShip(INVALID_UNIT, STEEL, toAppliance(1, "160", "tons"))).startsWith("quantity.unit \"tons\"");
        }

        static Stream<Arguments> badShipments() {
            Fixtures.Obj ship = toAppliance(1, "160", "t");
            return Stream.of(
                    Arguments.of(INVALID_GTIN, ship.set("from", batchRef("09506000134377", PEL)), "from.gtin"),
                    Arguments.of(INVALID_LOT, ship.set("from", batchRef(PELLETS, "PEL 2026")), "from.lot"),
                    Arguments.of(INVALID_ARGUMENT, ship.set("from", batchRef(PELLETS, PEL).with("owner", JsonString.of(STEEL))), "from.owner"),
                    Arguments.of(INVALID_ARGUMENT, ship.set("transferId", "transfer-1"), "transferId"),
                    Arguments.of(INVALID_ARGUMENT, ship.remove("toMspId"), "toMspId"),
                    Arguments.of(INVALID_ARGUMENT, ship.remove("quantity"), "quantity"),
                    Arguments.of(INVALID_ARGUMENT, ship.set("quantity", JsonNumber.of(160)), "quantity"),
                    Arguments.of(INVALID_ARGUMENT, ship.set("allocated", "0"), "allocated"));
        }

        @ParameterizedTest(name = "[{index}] {0} {2}")
        @MethodSource("badShipments")
        void refuses_a_malformed_shipment_naming_the_field(ErrorCode code, Fixtures.Obj input, String field) {
            assertThat(refuseShip(code, STEEL, input)).startsWith(field);
        }
    }

    @Nested
    class ReceiveMaterial {
        @BeforeEach
        void shippedToAppliance() {
            ship(STEEL, toAppliance(1, "160", "t"));
        }

        @Test
        void the_receiver_accepts_into_its_own_open_batch() {
            JsonObject shipped = network.transfer(T1);

            JsonObject received = receive(APPLIANCE, T1, PANELS, PNL);

            assertThat(received).isEqualTo(shipped.without("status").toBuilder()
                    .put("status", "RECEIVED")
                    .put("to", batchRef(PANELS, PNL))
                    .put("receivedAt", harness.lastTransaction().timestamp().toString())
                    .put("receiveTxId", harness.lastTransaction().txId())
                    .build());
            assertThat(network.transfer(T1)).isEqualTo(received);
            assertThat(JsonObjectReader.of(network.batch(PANELS, PNL), "").requireArray("inbound").elements())
                    .containsExactly(JsonString.of(T1));
        }

        @Test
        void the_event_lists_exactly_the_receiving_batch_and_the_transfer_and_no_policy_changes() {
            receive(APPLIANCE, T1, PANELS, PNL);

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("BATCH/" + PANELS + "/" + PNL, "TRANSFER/" + T1);
            assertThat(harness.lastTransaction().validationParameterWrites()).isEmpty();
        }

        @Test
        void received_transfers_are_listed_on_the_batch_once_each_in_id_order() {
            ship(STEEL, toAppliance(3, "10", "t"));
            ship(STEEL, toAppliance(2, "10", "t"));

            receive(APPLIANCE, transferId(3), PANELS, PNL);
            receive(APPLIANCE, T1, PANELS, PNL);
            receive(APPLIANCE, transferId(2), PANELS, PNL);

            assertThat(JsonObjectReader.of(network.batch(PANELS, PNL), "").requireArray("inbound").elements())
                    .containsExactly(JsonString.of(T1), JsonString.of(transferId(2)), JsonString.of(transferId(3)));
        }

        @Test
        void refuses_the_sender_receiving_a_shipment_addressed_to_another_organization() {
            String message = refuse(FORBIDDEN, STEEL, "ReceiveMaterial", T1, COIL, COIL_7);
            assertThat(message).startsWith("transferId \"" + T1 + "\"").contains("shipped to " + APPLIANCE + ", not to " + STEEL);
        }

        @Test
        void refuses_a_member_without_the_producer_role() {
            refuse(ROLE_REQUIRED, CERT, "ReceiveMaterial", T1, PANELS, PNL);
        }

        @Test
        void refuses_to_receive_into_another_organizations_batch() {
            String message = refuse(FORBIDDEN, APPLIANCE, "ReceiveMaterial", T1, COIL, COIL_7);
            assertThat(message).startsWith("batch \"" + COIL + "/" + COIL_7 + "\"").contains("belongs to " + STEEL);
        }

        @Test
        void refuses_to_receive_into_a_sealed_batch() {
            network.submitRecords(APPLIANCE, WorkedExample.records(WorkedExample.TIER_3_RECORDS));
            network.seal(APPLIANCE, PANELS, PNL);

            String message = refuse(BATCH_SEALED, APPLIANCE, "ReceiveMaterial", T1, PANELS, PNL);
            assertThat(message).startsWith("batch \"" + PANELS + "/" + PNL + "\"");
        }

        @Test
        void refuses_to_receive_into_the_batch_the_material_was_shipped_from() {
            ship(STEEL, shipment(2, PELLETS, PEL, STEEL, "10", "t"));

            String message = refuse(INVALID_ARGUMENT, STEEL, "ReceiveMaterial", transferId(2), PELLETS, PEL);
            assertThat(message).startsWith("lot \"" + PEL + "\"").contains("shipped from");
        }

        @Test
        void refuses_to_receive_a_transfer_twice() {
            receive(APPLIANCE, T1, PANELS, PNL);

            String message = refuse(INVALID_STATE, APPLIANCE, "ReceiveMaterial", T1, WASHERS, WM);
            assertThat(message).contains("RECEIVED");
        }

        @Test
        void refuses_an_unknown_transfer() {
            String message = refuse(NOT_FOUND, APPLIANCE, "ReceiveMaterial", transferId(9), PANELS, PNL);
            assertThat(message).startsWith("transferId \"" + transferId(9) + "\"");
        }

        @Test
        void refuses_an_unknown_receiving_batch() {
            refuse(NOT_FOUND, APPLIANCE, "ReceiveMaterial", T1, PANELS, "PNL-2611-Z");
        }

        @Test
        void refuses_malformed_arguments() {
            refuse(INVALID_ARGUMENT, APPLIANCE, "ReceiveMaterial", "t1", PANELS, PNL);
            refuse(INVALID_GTIN, APPLIANCE, "ReceiveMaterial", T1, "9506000134384", PNL);
            refuse(INVALID_LOT, APPLIANCE, "ReceiveMaterial", T1, PANELS, "PNL 2611");
        }

        @Test
        void a_majority_that_excludes_the_receiver_cannot_commit_a_receipt_into_its_batch() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(APPLIANCE, CLIENT).endorsedBy(STEEL, CERT)
                    .submit(transfers, "ReceiveMaterial", T1, PANELS, PNL))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void the_received_share_of_the_footprint_counts_in_the_receivers_seal() {
            receive(APPLIANCE, T1, PANELS, PNL);
            network.submitRecords(APPLIANCE, WorkedExample.records(WorkedExample.TIER_3_RECORDS));

            JsonObject sealed = network.seal(APPLIANCE, PANELS, PNL);

            JsonObject seal = object(sealed, "seal");
            assertThat(JsonObjectReader.of(seal, "").requireInteger("transferCount", 0, 10)).isEqualTo(1);
            assertThat(string(object(seal, "footprint"), "fossil")).isEqualTo("206100.284");
        }
    }

    @Nested
    class RejectTransfer {
        @BeforeEach
        void shippedToAppliance() {
            ship(STEEL, toAppliance(1, "160", "t"));
        }

        @Test
        void the_receiver_rejects_a_shipment_with_a_reason() {
            JsonObject shipped = network.transfer(T1);

            JsonObject rejected = network.submit(APPLIANCE, transfers, "RejectTransfer", T1, "wrong grade delivered");

            assertThat(rejected).isEqualTo(shipped.without("status").toBuilder()
                    .put("status", "REJECTED")
                    .put("reason", "wrong grade delivered")
                    .put("closedAt", harness.lastTransaction().timestamp().toString())
                    .put("closeTxId", harness.lastTransaction().txId())
                    .build());
            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("TRANSFER/" + T1);
        }

        @Test
        void the_sender_cannot_reject_its_own_shipment() {
            String message = refuse(FORBIDDEN, STEEL, "RejectTransfer", T1, "");
            assertThat(message).contains("only " + APPLIANCE);
        }

        @Test
        void a_third_member_cannot_reject_it() {
            refuse(FORBIDDEN, CERT, "RejectTransfer", T1, "");
        }

        @Test
        void refuses_to_reject_a_received_shipment() {
            receive(APPLIANCE, T1, PANELS, PNL);

            String message = refuse(INVALID_STATE, APPLIANCE, "RejectTransfer", T1, "too late");
            assertThat(message).contains("RECEIVED, not SHIPPED");
        }

        @Test
        void refuses_to_reject_a_cancelled_shipment() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");

            refuse(INVALID_STATE, APPLIANCE, "RejectTransfer", T1, "");
        }

        @Test
        void a_rejected_shipment_cannot_be_received_by_the_receiver() {
            network.submit(APPLIANCE, transfers, "RejectTransfer", T1, "");

            String message = refuse(INVALID_STATE, APPLIANCE, "ReceiveMaterial", T1, PANELS, PNL);
            assertThat(message).contains("REJECTED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bad\u0000grade", "line one\nline two", "\u202eedarg"})
        void refuses_a_reason_with_control_characters(String reason) {
            assertThat(refuse(INVALID_ARGUMENT, APPLIANCE, "RejectTransfer", T1, reason)).startsWith("reason");
        }

        @Test
        void refuses_a_reason_longer_than_500_characters() {
            assertThat(refuse(INVALID_ARGUMENT, APPLIANCE, "RejectTransfer", T1, "r".repeat(501))).startsWith("reason");
        }

        @Test
        void refuses_an_unknown_transfer() {
            refuse(NOT_FOUND, APPLIANCE, "RejectTransfer", transferId(9), "");
        }
    }

    @Nested
    class CancelTransfer {
        @BeforeEach
        void shippedToAppliance() {
            ship(STEEL, toAppliance(1, "160", "t"));
        }

        @Test
        void the_sender_cancels_a_shipment_not_yet_received() {
            JsonObject cancelled = network.submit(STEEL, transfers, "CancelTransfer", T1, "truck broke down");

            assertThat(string(cancelled, "status")).isEqualTo("CANCELLED");
            assertThat(string(cancelled, "reason")).isEqualTo("truck broke down");
            assertThat(string(cancelled, "closeTxId")).isEqualTo(harness.lastTransaction().txId());
            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("TRANSFER/" + T1);
        }

        @Test
        void the_receiver_cannot_cancel_it() {
            String message = refuse(FORBIDDEN, APPLIANCE, "CancelTransfer", T1, "");
            assertThat(message).contains("only " + STEEL);
        }

        @Test
        void refuses_to_cancel_a_received_shipment() {
            receive(APPLIANCE, T1, PANELS, PNL);

            refuse(INVALID_STATE, STEEL, "CancelTransfer", T1, "");
        }

        @Test
        void refuses_to_cancel_twice() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");

            refuse(INVALID_STATE, STEEL, "CancelTransfer", T1, "");
        }

        @Test
        void a_cancelled_shipment_cannot_be_received() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");

            refuse(INVALID_STATE, APPLIANCE, "ReceiveMaterial", T1, PANELS, PNL);
        }

        @Test
        void a_cancelled_shipment_still_counts_against_the_source_batchs_mass_balance() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");

            assertThat(object(network.batch(PELLETS, PEL), "shipped")).isEqualTo(quantity("160000", "kg"));
            refuseShip(MASS_BALANCE_EXCEEDED, STEEL, toAppliance(2, "340.001", "t"));
        }
    }

    @Nested
    class ReturnMaterial {
        @BeforeEach
        void shippedToAppliance() {
            ship(STEEL, toAppliance(1, "160", "t"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RejectTransfer", "CancelTransfer"})
        void the_sender_takes_back_a_rejected_or_cancelled_shipment_into_its_own_open_batch(String close) {
            network.submit(close.equals("RejectTransfer") ? APPLIANCE : STEEL, transfers, close, T1, "");

            JsonObject returned = receive(STEEL, T1, COIL, COIL_8);

            assertThat(string(returned, "status")).isEqualTo("RETURNED");
            assertThat(object(returned, "to")).isEqualTo(batchRef(COIL, COIL_8));
            assertThat(JsonObjectReader.of(network.batch(COIL, COIL_8), "").requireArray("inbound").elements())
                    .containsExactly(JsonString.of(T1));
        }

        @Test
        void returned_material_carries_its_footprint_into_the_batch_it_returned_to() {
            network.submit(APPLIANCE, transfers, "RejectTransfer", T1, "");
            receive(STEEL, T1, COIL, COIL_8);

            JsonObject sealed = network.seal(STEEL, COIL, COIL_8);

            assertThat(object(object(sealed, "seal"), "footprint")).isEqualTo(co2e("180538.784", "10.368", "960"));
        }

        @Test
        void the_sender_cannot_take_back_a_shipment_that_is_still_on_its_way() {
            refuse(FORBIDDEN, STEEL, "ReceiveMaterial", T1, COIL, COIL_8);
        }

        @Test
        void the_receiver_cannot_take_a_rejected_shipment_after_all() {
            network.submit(APPLIANCE, transfers, "RejectTransfer", T1, "");

            refuse(INVALID_STATE, APPLIANCE, "ReceiveMaterial", T1, PANELS, PNL);
        }

        @Test
        void refuses_to_return_material_into_the_batch_it_was_shipped_from() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");

            refuse(INVALID_ARGUMENT, STEEL, "ReceiveMaterial", T1, PELLETS, PEL);
        }

        @Test
        void refuses_to_return_material_into_another_organizations_batch() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");

            refuse(FORBIDDEN, STEEL, "ReceiveMaterial", T1, PANELS, PNL);
        }

        @Test
        void refuses_to_return_a_shipment_twice() {
            network.submit(STEEL, transfers, "CancelTransfer", T1, "");
            receive(STEEL, T1, COIL, COIL_8);

            String message = refuse(INVALID_STATE, STEEL, "ReceiveMaterial", T1, COIL, COIL_7);
            assertThat(message).contains("RETURNED");
        }
    }

    @Nested
    class Queries {
        @Test
        void an_unknown_transfer_is_not_found() {
            harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(transfers, "GetTransfer", T1));
        }

        /** Ten 10 t shipments out of the pellets with ids in no particular order, alternating receivers. */
        private List<String> shipTen() {
            List<String> ids = new ArrayList<>();
            int[] numbers = {17, 3, 99, 42, 5, 64, 8, 71, 30, 1};
            for (int i = 0; i < numbers.length; i++) {
                String receiver = i % 2 == 0 ? APPLIANCE : STEEL;
                ship(STEEL, shipment(numbers[i], PELLETS, PEL, receiver, "10", "t"));
                ids.add(transferId(numbers[i]));
            }
            return ids;
        }

        private List<String> listAll(String transaction, int pageSize, String... scope) {
            List<String> ids = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                List<String> args = new ArrayList<>(List.of(scope));
                args.add(Integer.toString(pageSize));
                args.add(bookmark);
                JsonObject page = network.evaluate(CERT, transfers, transaction, args.toArray(new String[0]));
                JsonObjectReader reader = JsonObjectReader.of(page, "");
                for (JsonValue item : reader.requireArray("items").elements()) {
                    ids.add(string(JsonObjectReader.asObject(item, "item"), "transferId"));
                }
                bookmark = reader.requireString("bookmark");
                assertThat(++pages).as("pages").isLessThan(100);
            } while (!bookmark.isEmpty());
            return ids;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 9, 10, 1000})
        void lists_every_shipment_out_of_a_batch_exactly_once_across_pages(int pageSize) {
            List<String> ids = shipTen();

            assertThat(listAll("ListTransfersFrom", pageSize, PELLETS, PEL)).containsExactlyElementsOf(ids.stream().sorted().toList());
            assertThat(listAll("ListTransfersFrom", pageSize, COIL, COIL_7)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 5, 1000})
        void lists_every_shipment_addressed_to_an_organization_exactly_once_across_pages(int pageSize) {
            List<String> ids = shipTen();
            List<String> toAppliance = new ArrayList<>();
            List<String> toSteel = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                (i % 2 == 0 ? toAppliance : toSteel).add(ids.get(i));
            }

            assertThat(listAll("ListTransfersTo", pageSize, APPLIANCE)).containsExactlyElementsOf(toAppliance.stream().sorted().toList());
            assertThat(listAll("ListTransfersTo", pageSize, STEEL)).containsExactlyElementsOf(toSteel.stream().sorted().toList());
            assertThat(listAll("ListTransfersTo", pageSize, CERT)).isEmpty();
        }

        @Test
        void an_organization_argument_holding_the_composite_key_delimiter_is_refused_as_invalid() {
            harness.assertRefused(INVALID_ARGUMENT,
                    () -> harness.as(CERT, CLIENT).evaluate(transfers, "ListTransfersTo", APPLIANCE + "\u0000x", "10", ""));
        }

        @Test
        void a_transfer_id_holding_the_composite_key_delimiter_is_refused_as_invalid() {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(transfers, "GetTransfer", T1 + "\u0000x"));
        }

        @Test
        void listed_transfers_are_the_current_transfers() {
            ship(STEEL, toAppliance(1, "160", "t"));
            receive(APPLIANCE, T1, PANELS, PNL);

            JsonObject page = network.evaluate(CERT, transfers, "ListTransfersTo", APPLIANCE, "10", "");

            assertThat(JsonObjectReader.of(page, "").requireArray("items").elements()).containsExactly(network.transfer(T1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001"})
        void refuses_a_page_size_outside_1_to_1000(String pageSize) {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(transfers, "ListTransfersFrom", PELLETS, PEL, pageSize, ""));
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(transfers, "ListTransfersTo", APPLIANCE, pageSize, ""));
        }
    }
}
