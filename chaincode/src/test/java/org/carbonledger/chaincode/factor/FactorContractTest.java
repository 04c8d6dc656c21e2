package org.carbonledger.chaincode.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.chaincode.testing.Consortium.APPLIANCE;
import static org.carbonledger.chaincode.testing.Consortium.CERT;
import static org.carbonledger.chaincode.testing.Consortium.ROGUE;
import static org.carbonledger.chaincode.testing.Consortium.STEEL;
import static org.carbonledger.chaincode.testing.NodeOu.CLIENT;
import static org.carbonledger.core.error.ErrorCode.ALREADY_EXISTS;
import static org.carbonledger.core.error.ErrorCode.FORBIDDEN;
import static org.carbonledger.core.error.ErrorCode.INVALID_AMOUNT;
import static org.carbonledger.core.error.ErrorCode.INVALID_ARGUMENT;
import static org.carbonledger.core.error.ErrorCode.INVALID_UNIT;
import static org.carbonledger.core.error.ErrorCode.NOT_FOUND;
import static org.carbonledger.core.error.ErrorCode.ROLE_REQUIRED;
import static org.carbonledger.core.error.ErrorCode.UNKNOWN_FACTOR;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.carbonledger.chaincode.testing.ChaincodeHarness;
import org.carbonledger.chaincode.testing.ChangeEvents;
import org.carbonledger.chaincode.testing.Consortium;
import org.carbonledger.chaincode.testing.Fixtures;
import org.carbonledger.chaincode.testing.InMemoryLedger;
import org.carbonledger.chaincode.testing.InMemoryStub;
import org.carbonledger.chaincode.testing.LedgerSnapshot;
import org.carbonledger.chaincode.testing.TestIdentities;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Emission-factor datasets: published by CERTIFIER organizations only, and immutable once published (neither the
 * dataset version nor any factor id can be published again). Every refusal leaves the state byte-for-byte unchanged.
 */
class FactorContractTest {
    private static final String EXAMPLE = "factors/dataset-example.json";
    private static final String CN_GRID = "factors/dataset-cn-grid.json";
    private static final String EXAMPLE_CITATION = "Illustrative value for the Carbon Ledger worked example (docs/accounting.md)";

    private final ChaincodeHarness harness = ChaincodeHarness.newInstance();
    private final Consortium network = Consortium.withRoles(harness);
    private final FactorContract factors = network.factors;

    private JsonObject publish(Fixtures.Obj dataset) {
        return network.submit(CERT, factors, "PublishFactorDataset", dataset.text());
    }

    private String refusePublishing(ErrorCode code, Fixtures.Obj dataset) {
        return harness.assertRefused(code, () -> harness.as(CERT, CLIENT).submit(factors, "PublishFactorDataset", dataset.text()));
    }

    private JsonObject factor(String factorId) {
        return network.evaluate(STEEL, factors, "GetFactor", factorId);
    }

    /** The example dataset with factor {@code index} changed by {@code name = value}. */
    private static Fixtures.Obj withFactor(int index, String name, JsonValue value) {
        Fixtures.Obj dataset = Fixtures.object(EXAMPLE);
        List<JsonValue> list = new ArrayList<>(JsonObjectReader.of(dataset.json(), "").requireArray("factors").elements());
        JsonObject factor = JsonObjectReader.asObject(list.get(index), "factor");
        list.set(index, factor.without(name).with(name, value));
        return dataset.set("factors", JsonArray.of(list));
    }

    private static Fixtures.Obj withFactor(int index, String name, String value) {
        return withFactor(index, name, JsonString.of(value));
    }

    private static String string(JsonObject object, String name) {
        return JsonObjectReader.of(object, "").requireString(name);
    }

    private List<String> writtenKeys() {
        return harness.lastTransaction().writes().keySet().stream().map(ChangeEvents::printable).toList();
    }

    @Nested
    class PublishFactorDataset {

        @Test
        void publishes_the_dataset_listing_its_factor_ids_with_publisher_and_time() {
            JsonObject dataset = publish(Fixtures.object(EXAMPLE));

            JsonObject expected = JsonObject.builder()
                    .put("dataset", "carbonledger-example")
                    .put("version", "2026.1")
                    .put("sourceCitation", EXAMPLE_CITATION)
                    .put("licence", "CC0-1.0")
                    .put("factorIds", JsonArray.of(JsonString.of("corrugated-board-2026"), JsonString.of("diesel-combustion-2026"),
                            JsonString.of("grid-electricity-2026"), JsonString.of("natural-gas-combustion-2026")))
                    .put("publisherMspId", CERT)
                    .put("publishedAt", harness.lastTransaction().timestamp().toString())
                    .put("txId", harness.lastTransaction().txId())
                    .build();
            assertThat(dataset).isEqualTo(expected);
            assertThat(network.evaluate(APPLIANCE, factors, "GetFactorDataset", "carbonledger-example", "2026.1")).isEqualTo(expected);
        }

        @Test
        void publishes_each_factor_pinned_to_its_dataset_version() {
            publish(Fixtures.object(EXAMPLE));
            String publishedAt = harness.lastTransaction().timestamp().toString();
            String txId = harness.lastTransaction().txId();

            assertThat(factor("natural-gas-combustion-2026")).isEqualTo(JsonObject.builder()
                    .put("factorId", "natural-gas-combustion-2026")
                    .put("dataset", "carbonledger-example")
                    .put("version", "2026.1")
                    .put("unit", "GJ")
                    .put("kgCo2ePerUnit", "56.1")
                    .put("sourceCitation", EXAMPLE_CITATION)
                    .put("licence", "CC0-1.0")
                    .put("description", "")
                    .put("publisherMspId", CERT)
                    .put("publishedAt", publishedAt)
                    .put("txId", txId)
                    .build());
        }

        @Test
        void a_factor_may_carry_its_own_citation_licence_and_description() {
            publish(withFactor(1, "licence", "ODbL-1.0"));

            JsonObject grid = factor("grid-electricity-2026");
            assertThat(string(grid, "sourceCitation")).endsWith("not a real grid factor");
            assertThat(string(grid, "licence")).isEqualTo("CC0-1.0");
            assertThat(string(factor("natural-gas-combustion-2026"), "licence")).isEqualTo("ODbL-1.0");
            assertThat(string(factor("corrugated-board-2026"), "description")).isEqualTo("Corrugated board, cradle to gate");
        }

        @Test
        void stores_factor_values_as_canonical_decimals() {
            publish(withFactor(1, "kgCo2ePerUnit", "56.100"));

            assertThat(string(factor("natural-gas-combustion-2026"), "kgCo2ePerUnit")).isEqualTo("56.1");
        }

        @Test
        void the_event_lists_exactly_each_factor_in_input_order_then_the_dataset() {
            publish(Fixtures.object(EXAMPLE));

            ChangeEvents.assertMirrorsWrites(harness.lastTransaction());
            assertThat(writtenKeys()).containsExactly("OWNERSHIP/CertCoMSP", "FACTOR/grid-electricity-2026", "FACTOR/natural-gas-combustion-2026",
                    "FACTOR/diesel-combustion-2026", "FACTOR/corrugated-board-2026", "DATASET/carbonledger-example/2026.1");
            assertThat(string(harness.lastEvent(), "function")).isEqualTo("Factors:PublishFactorDataset");
        }

        @Test
        void refuses_an_organization_without_the_certifier_role() {
            String message = harness.assertRefused(ROLE_REQUIRED,
                    () -> harness.as(STEEL, CLIENT).submit(factors, "PublishFactorDataset", Fixtures.text(EXAMPLE)));
            assertThat(message).contains(STEEL).contains("CERTIFIER");
        }

        @Test
        void refuses_a_certifier_whose_role_was_revoked() {
            network.revoke(CERT, "CERTIFIER");

            refusePublishing(ROLE_REQUIRED, Fixtures.object(EXAMPLE));
        }

        @Test
        void refuses_an_organization_outside_the_consortium() {
            harness.assertRefused(FORBIDDEN,
                    () -> harness.as(ROGUE, CLIENT).submit(factors, "PublishFactorDataset", Fixtures.text(EXAMPLE)));
        }

        @Test
        void refuses_to_publish_a_published_version_again() {
            publish(Fixtures.object(EXAMPLE));

            String message = refusePublishing(ALREADY_EXISTS, Fixtures.object(EXAMPLE));
            assertThat(message).startsWith("version \"2026.1\"").contains("never changes");
        }

        @Test
        void a_published_version_never_changes_even_when_republished_with_other_values() {
            publish(Fixtures.object(EXAMPLE));
            JsonObject before = factor("grid-electricity-2026");

            refusePublishing(ALREADY_EXISTS, withFactor(0, "kgCo2ePerUnit", "0.3"));
            refusePublishing(ALREADY_EXISTS, withFactor(0, "kgCo2ePerUnit", "0.3").set("factors",
                    JsonArray.of(JsonObject.builder().put("factorId", "grid-electricity-2026").put("unit", "kWh")
                            .put("kgCo2ePerUnit", "0.3").build())));

            assertThat(factor("grid-electricity-2026")).isEqualTo(before);
        }

        @Test
        void refuses_a_new_version_that_republishes_a_factor_id_naming_it() {
            publish(Fixtures.object(EXAMPLE));
            Fixtures.Obj next = withFactor(0, "kgCo2ePerUnit", "0.39").set("version", "2026.2");

            String message = refusePublishing(ALREADY_EXISTS, next);
            assertThat(message).startsWith("factors[0].factorId \"grid-electricity-2026\"").contains("new factor id");
            assertThat(string(factor("grid-electricity-2026"), "kgCo2ePerUnit")).isEqualTo("0.4215");
        }

        @Test
        void a_new_version_with_new_factor_ids_is_published_beside_the_old_one() {
            publish(Fixtures.object(EXAMPLE));
            Fixtures.Obj next = Fixtures.object(EXAMPLE).set("version", "2026.2").set("factors", JsonArray.of(
                    JsonObject.builder().put("factorId", "grid-electricity-2026b").put("unit", "kWh").put("kgCo2ePerUnit", "0.39").build()));

            publish(next);

            assertThat(string(factor("grid-electricity-2026b"), "version")).isEqualTo("2026.2");
            assertThat(string(factor("grid-electricity-2026"), "version")).isEqualTo("2026.1");
        }

        @Test
        void refuses_a_factor_listed_twice_naming_the_second() {
            Fixtures.Obj twice = withFactor(2, "factorId", "grid-electricity-2026");

            String message = refusePublishing(INVALID_ARGUMENT, twice);
            assertThat(message).isEqualTo("factors[2].factorId \"grid-electricity-2026\": listed twice");
        }

        @ParameterizedTest
        @ValueSource(strings = {"kwh", "KWH", "tonnes", "", "m³"})
        void refuses_an_unknown_unit_naming_the_factor(String unit) {
            String message = refusePublishing(INVALID_UNIT, withFactor(1, "unit", unit));
            assertThat(message).startsWith("factors[1].unit \"" + unit + "\"");
        }

        static Stream<Arguments> badValues() {
            return Stream.of(
                    Arguments.of("-56.1", "must not be negative"),
                    Arguments.of("+56.1", "must not have a sign"),
                    Arguments.of("5.61e1", "exponent"),
                    Arguments.of("1234567890123456789", "19 integer digits"),
                    Arguments.of("0.1234567891", "10 fraction digits"),
                    Arguments.of("056.1", "leading zeros"),
                    Arguments.of("56,1", "not a digit"),
                    Arguments.of("", "empty"));
        }

        @ParameterizedTest(name = "[{index}] {1}")
        @MethodSource("badValues")
        void refuses_a_malformed_factor_value_naming_the_factor_and_the_reason(String value, String reason) {
            String message = refusePublishing(INVALID_AMOUNT, withFactor(1, "kgCo2ePerUnit", value));
            assertThat(message).startsWith("factors[1].kgCo2ePerUnit \"" + value + "\"").contains(reason);
        }

        @Test
        void refuses_a_factor_value_written_as_a_json_number() {
            String message = refusePublishing(INVALID_ARGUMENT, withFactor(1, "kgCo2ePerUnit", JsonNumber.of(56)));
            assertThat(message).startsWith("factors[1].kgCo2ePerUnit");
        }

        static Stream<Arguments> badDatasets() {
            Fixtures.Obj dataset = Fixtures.object(EXAMPLE);
            return Stream.of(
                    Arguments.of("no factors", dataset.set("factors", JsonArray.of()), "factors"),
                    Arguments.of("factors that are not a list", dataset.set("factors", "grid"), "factors"),
                    Arguments.of("a factor that is not an object", dataset.set("factors", JsonArray.of(JsonString.of("grid"))), "factors[0]"),
                    Arguments.of("a dataset name with a space", dataset.set("dataset", "carbon ledger"), "dataset"),
                    Arguments.of("an empty version", dataset.set("version", ""), "version"),
                    Arguments.of("a version of 33 characters", dataset.set("version", "v".repeat(33)), "version"),
                    Arguments.of("no citation", dataset.remove("sourceCitation"), "sourceCitation"),
                    Arguments.of("no licence", dataset.remove("licence"), "licence"),
                    Arguments.of("an unknown member", dataset.set("publisher", CERT), "publisher"),
                    Arguments.of("a factor with an unknown member", withFactor(0, "source", "x"), "factors[0].source"),
                    Arguments.of("a factor without an id", Fixtures.object(EXAMPLE).set("factors", JsonArray.of(
                            JsonObject.builder().put("unit", "kWh").put("kgCo2ePerUnit", "1").build())), "factors[0].factorId"),
                    Arguments.of("a factor id with a slash", withFactor(0, "factorId", "grid/2026"), "factors[0].factorId"),
                    Arguments.of("a factor description with a control character", withFactor(0, "description", "a\u0000b"),
                            "factors[0].description"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badDatasets")
        void refuses_a_malformed_dataset_naming_the_field(String what, Fixtures.Obj dataset, String field) {
            String message = refusePublishing(INVALID_ARGUMENT, dataset);
            assertThat(message).startsWith(field);
        }

        @Test
        void refuses_a_dataset_citation_with_a_control_character() {
            String message = refusePublishing(INVALID_ARGUMENT, Fixtures.object(EXAMPLE).set("sourceCitation", "IPCC\u0007"));
            assertThat(message).startsWith("sourceCitation");
        }

        @Test
        void refuses_a_factor_citation_with_a_control_character_naming_the_factor() {
            String message = refusePublishing(INVALID_ARGUMENT, withFactor(2, "sourceCitation", "IPCC\u0007"));
            assertThat(message).startsWith("factors[2].sourceCitation");
        }

        @Test
        void refuses_a_blank_dataset_citation_even_when_every_factor_has_its_own() {
            List<JsonValue> own = new ArrayList<>();
            for (JsonValue f : JsonObjectReader.of(Fixtures.object(CN_GRID).json(), "").requireArray("factors").elements()) {
                own.add(JsonObjectReader.asObject(f, "factor").with("sourceCitation", JsonString.of("Grid operator report 2022"))
                        .with("licence", JsonString.of("CC-BY-4.0")));
            }
            Fixtures.Obj dataset = Fixtures.object(CN_GRID).set("sourceCitation", "  ").set("licence", "")
                    .set("factors", JsonArray.of(own));

            refusePublishing(INVALID_ARGUMENT, dataset);
        }
    }

    @Nested
    class Immutability {
        @Test
        void a_majority_that_excludes_the_publisher_cannot_change_a_published_factor() {
            publish(Fixtures.object(EXAMPLE));
            JsonObject changed = network.stored("FACTOR", "grid-electricity-2026").without("kgCo2ePerUnit")
                    .with("kgCo2ePerUnit", JsonString.of("0.0001"));
            InMemoryLedger ledger = harness.ledger();
            InMemoryStub stub = ledger.newTransaction(InMemoryLedger.Proposal.of(TestIdentities.of(STEEL, CLIENT).serialized(),
                    Instant.parse("2026-11-01T00:00:00Z"), List.of("Factors:PublishFactorDataset")));
            stub.putState(Consortium.key("FACTOR", "grid-electricity-2026"), Jcs.canonicalize(changed));
            LedgerSnapshot before = harness.state();

            assertThat(ledger.commit(stub, List.of(STEEL, APPLIANCE))).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            assertThat(harness.state()).isEqualTo(before);
        }
    }

    @Nested
    class Queries {
        @BeforeEach
        void published() {
            publish(Fixtures.object(EXAMPLE));
        }

        @Test
        void an_unknown_factor_is_unknown() {
            String message = harness.assertRefused(UNKNOWN_FACTOR,
                    () -> harness.as(STEEL, CLIENT).evaluate(factors, "GetFactor", "cn-grid-2022"));
            assertThat(message).startsWith("factorId \"cn-grid-2022\"");
        }

        @Test
        void an_unknown_version_is_not_found() {
            String message = harness.assertRefused(NOT_FOUND,
                    () -> harness.as(STEEL, CLIENT).evaluate(factors, "GetFactorDataset", "carbonledger-example", "2026.2"));
            assertThat(message).startsWith("version \"2026.2\"");
        }

        @Test
        void a_query_writes_nothing_and_emits_no_event() {
            LedgerSnapshot before = harness.state();

            factor("grid-electricity-2026");

            assertThat(harness.lastTransaction().writes()).isEmpty();
            assertThat(harness.lastTransaction().event()).isEmpty();
            assertThat(harness.state()).isEqualTo(before);
        }
    }

    @Nested
    class ListFactorDatasets {

        private List<String> listAll(int pageSize) {
            List<String> names = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                JsonObject page = network.evaluate(APPLIANCE, factors, "ListFactorDatasets", Integer.toString(pageSize), bookmark);
                JsonObjectReader reader = JsonObjectReader.of(page, "");
                for (JsonValue item : reader.requireArray("items").elements()) {
                    JsonObject dataset = JsonObjectReader.asObject(item, "item");
                    names.add(string(dataset, "dataset") + "/" + string(dataset, "version"));
                }
                bookmark = reader.requireString("bookmark");
                assertThat(++pages).as("pages").isLessThan(100);
            } while (!bookmark.isEmpty());
            return names;
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 4, 5, 6, 1000})
        void returns_every_dataset_version_exactly_once_across_pages_in_key_order(int pageSize) {
            publish(Fixtures.object(CN_GRID));
            publish(Fixtures.object(EXAMPLE));
            for (String version : List.of("2023", "2024", "2021")) {
                publish(Fixtures.object(CN_GRID).set("version", version).set("factors", JsonArray.of(JsonObject.builder()
                        .put("factorId", "cn-grid-" + version).put("unit", "kWh").put("kgCo2ePerUnit", "0.57").build())));
            }

            assertThat(listAll(pageSize)).containsExactly("carbonledger-example/2026.1",
                    "cn-grid/2021", "cn-grid/2022", "cn-grid/2023", "cn-grid/2024");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1001"})
        void refuses_a_page_size_outside_1_to_1000(String pageSize) {
            harness.assertRefused(INVALID_ARGUMENT, () -> harness.as(STEEL, CLIENT).evaluate(factors, "ListFactorDatasets", pageSize, ""));
        }
    }
}
