package org.carbonledger.chaincode.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.ROGUE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.core.error.ErrorCode.ALREADY_EXISTS;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_GTIN;
import static org.carbonledger.core.error.ErrorCode.INVALID_UNIT;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;

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
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.Gtin;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Products (GTINs): registered by a PRODUCER, once, in its own name, stored as GTIN-14. */
class ProductContractTest {
    private static final String COIL = "products/coil.json";
    private static final String PELLETS = "products/pellets.json";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final ProductContract products = network.products;

    private JsonObject create(String msp, Fixtures.Obj product) {
        return network.submit(msp, products, "CreateProduct", product.text());
    }

    private String refuse(ErrorCode code, String msp, Fixtures.Obj product) {
        return harness.assertRefused(code, () -> harness.as(msp, CLIENT).submit(products, "CreateProduct", product.text()));
    }

    private JsonObject product(String gtin) {
        return network.evaluate(CERT, products, "GetProduct", gtin);
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    /** A valid GTIN-14 on the GS1 example prefix: 0950600013 + three digits + check digit. */
    private static String gtin(int item) {
        String body = String.format("0950600013%03d", item);
        return body + Gtin.checkDigit(body);
    }

    @Nested
    class CreateProduct {

        @Test
        void registers_the_product_as_gtin_14_owned_by_the_creating_organization() {
            JsonObject product = create(STEEL, Fixtures.object(PELLETS));

            JsonObject expected = JsonObject.builder()
                    .put("gtin", "09506000134376")
                    .put("name", "Iron ore pellets")
                    .put("declaredUnit", "t")
                    .put("description", "Blast-furnace grade, 65 % Fe")
                    .put("ownerMspId", STEEL)
                    .put("createdAt", harness.lastTransaction().timestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .build();
            assertThat(product).isEqualTo(expected);
            assertThat(product("09506000134376")).isEqualTo(expected);
            assertThat(product("9506000134376")).as("looked up as written").isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"96385074, 00000096385074", "036000291452, 00036000291452", "9506000134376, 09506000134376",
                "09506000134352, 09506000134352"})
        void accepts_gtin_8_12_13_and_14_and_stores_14_digits(String written, String stored) {
            JsonObject product = create(APPLIANCE, Fixtures.object(COIL).set("gtin", written));

            assertThat(string(product, "gtin")).isEqualTo(stored);
            assertThat(network.stored("PRODUCT", stored)).isEqualTo(product);
        }

        @Test
        void a_product_without_description_has_an_empty_one() {
            assertThat(string(create(STEEL, Fixtures.object(COIL)), "description")).isEmpty();
        }

        @Test
        void advances_the_owners_ownership_sequence_and_the_event_lists_exactly_that_and_the_product() {
            create(STEEL, Fixtures.object(COIL));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable))
                    .containsExactly("OWNERSHIP/" + STEEL, "PRODUCT/09506000134352");
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Products:CreateProduct");
            assertThat(network.stored("OWNERSHIP", STEEL).get("sequence")).contains(JsonNumber.of(1));
        }

        @Test
        void protects_the_product_so_that_only_a_majority_including_the_owner_can_change_it() {
            create(APPLIANCE, Fixtures.object(COIL));

            assertThat(harness.lastTransaction().validationParameterWrites().keySet())
                    .containsExactly(Consortium.key("PRODUCT", "09506000134352"));
            EndorsementAssertions.assertOwnerAndOneOther(network.policy("PRODUCT", "09506000134352"), APPLIANCE);
        }

        @Test
        void a_majority_without_the_owner_cannot_create_a_product_in_its_name() {
            LedgerSnapshot before = harness.state();

            assertThatThrownBy(() -> harness.as(STEEL, CLIENT).endorsedBy(APPLIANCE, CERT)
                    .submit(products, "CreateProduct", Fixtures.text(COIL)))
                    .isInstanceOfSatisfying(CommitException.class, e ->
                            assertThat(e.validationCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(harness.state()).isEqualTo(before);
        }

        @Test
        void refuses_a_gtin_registered_before_naming_its_owner() {
            create(STEEL, Fixtures.object(COIL));

            String message = refuse(ALREADY_EXISTS, STEEL, Fixtures.object(COIL).set("name", "Cold-rolled coil"));
            assertThat(message).startsWith("gtin \"09506000134352\"").contains(STEEL);
        }

        @Test
        void refuses_another_organization_registering_the_same_gtin() {
            create(STEEL, Fixtures.object(COIL));

            String message = refuse(ALREADY_EXISTS, APPLIANCE, Fixtures.object(COIL));
            assertThat(message).contains("already registered by " + STEEL);
        }

        @Test
        void refuses_the_same_gtin_written_with_fewer_digits() {
            create(STEEL, Fixtures.object(PELLETS));

            refuse(ALREADY_EXISTS, APPLIANCE, Fixtures.object(PELLETS).set("gtin", "09506000134376"));
        }

        @Test
        void refuses_an_organization_without_the_producer_role() {
            String message = refuse(ROLE_REQUIRED, CERT, Fixtures.object(COIL));
            assertThat(message).contains("PRODUCER");
        }

        @Test
        void refuses_a_producer_whose_role_was_revoked() {
            network.revoke(APPLIANCE, "PRODUCER");

            refuse(ROLE_REQUIRED, APPLIANCE, Fixtures.object(COIL));
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            refuse(FORBIDDEN, ROGUE, Fixtures.object(COIL));
        }

        static Stream<Arguments> malformedGtins() {
            return Stream.of(
                    Arguments.of("09506000134353", "check digit is 3, expected 2"),
                    Arguments.of("9506000134377", "check digit is 7, expected 6"),
                    Arguments.of("96385075", "check digit is 5, expected 4"),
                    Arguments.of("950600013435", "check digit is 5, expected 9"),
                    Arguments.of("9506000", "found 7 characters"),
                    Arguments.of("95060001343", "found 11 characters"),
                    Arguments.of("095060001343520", "found 15 characters"),
                    Arguments.of("", "found 0 characters"),
                    Arguments.of("0950600013435A", "character \"A\" at position 14 is not a digit"),
                    Arguments.of("O9506000134352", "character \"O\" at position 1 is not a digit"),
                    Arguments.of("0950600 134352", "at position 8 is not a digit"),
                    Arguments.of("00000000", "all zeros"));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\": {1}")
        @MethodSource("malformedGtins")
        void refuses_a_malformed_gtin_naming_the_field_the_value_and_the_reason(String gtin, String reason) {
            String message = refuse(INVALID_GTIN, STEEL, Fixtures.object(COIL).set("gtin", gtin));

            assertThat(message).startsWith("gtin \"" + gtin + "\": ").contains(reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {"kwh", "T", "tonne", "pieces", "", "kg "})
        void refuses_an_unknown_declared_unit_naming_it(String unit) {
            String message = refuse(INVALID_UNIT, STEEL, Fixtures.object(COIL).set("declaredUnit", unit));
            assertThat(message).startsWith("declaredUnit \"" + unit + "\": unknown unit");
        }

        static Stream<Arguments> otherBadInputs() {
            Fixtures.Obj coil = Fixtures.object(COIL);
            return Stream.of(
                    Arguments.of("a blank name", coil.set("name", "  "), "name"),
                    Arguments.of("a name of 201 characters", coil.set("name", "n".repeat(201)), "name"),
                    Arguments.of("a name with a newline", coil.set("name", "Coil\nHot-rolled"), "name"),
                    Arguments.of("a name with a bidi override", coil.set("name", "Coil\u202e"), "name"),
                    Arguments.of("a description of 1001 characters", coil.set("description", "d".repeat(1001)), "description"),
                    Arguments.of("no name", coil.remove("name"), "name"),
                    Arguments.of("no gtin", coil.remove("gtin"), "gtin"),
                    Arguments.of("no declared unit", coil.remove("declaredUnit"), "declaredUnit"),
                    Arguments.of("a numeric gtin", coil.set("gtin", JsonNumber.of(9506000134352L)), "gtin"),
                    Arguments.of("an unknown member", coil.set("ownerMspId", STEEL), "ownerMspId"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("otherBadInputs")
        void refuses_other_malformed_input_naming_the_field(String what, Fixtures.Obj input, String field) {
            assertThat(refuse(INVALID_ARGUMENT, STEEL, input)).startsWith(field);
        }

        @Test
        void refuses_input_that_is_not_a_json_object() {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT).submit(products, "CreateProduct", "[]"));
        }
    }

    @Nested
    class GetProduct {
        @Test
        void an_unknown_product_is_not_found() {
            String message = harness.assertRefused(NOT_FOUND, () -> harness.as(CERT, CLIENT).evaluate(products, "GetProduct", "09506000134352"));
            assertThat(message).startsWith("gtin \"09506000134352\"");
        }

        @Test
        void a_malformed_gtin_is_refused_as_such() {
            harness.assertRefused(INVALID_GTIN, () -> harness.as(CERT, CLIENT).evaluate(products, "GetProduct", "09506000134353"));
        }
    }

    @Nested
    class ListProducts {
        private List<String> listAll(int pageSize) {
            List<String> gtins = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                JsonObject page = network.evaluate(CERT, products, "ListProducts", Integer.toString(pageSize), bookmark);
                JsonObjectReader reader = JsonObjectReader.of(page, "");
                for (JsonValue item : reader.requireArray("items").elements()) {
                    gtins.add(string(JsonObjectReader.asObject(item, "item"), "gtin"));
                }
                bookmark = reader.requireString("bookmark");
                assertThat(++pages).as("pages").isLessThan(100);
            } while (!bookmark.isEmpty());
            return gtins;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 3, 4, 9, 10, 1000})
        void returns_every_product_of_every_owner_exactly_once_across_pages_in_gtin_order(int pageSize) {
            List<String> expected = new ArrayList<>();
            for (int item = 9; item >= 1; item--) {
                String gtin = gtin(item * 7);
                create(item % 2 == 0 ? STEEL : APPLIANCE, Fixtures.object(COIL).set("gtin", gtin));
                expected.add(0, gtin);
            }

            assertThat(listAll(pageSize)).containsExactlyElementsOf(expected);
        }

        @Test
        void an_empty_ledger_lists_no_products() {
            assertThat(listAll(5)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001"})
        void refuses_a_page_size_outside_1_to_1000(String pageSize) {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(CERT, CLIENT).evaluate(products, "ListProducts", pageSize, ""));
        }
    }
}
