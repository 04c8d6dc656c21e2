package org.carbonledger.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordCalculatorTest {

    static EmissionFactor factor(String id, String unit, String value) {
        return new EmissionFactor(id, "test-dataset", "1", Unit.parse(unit, "unit"), new BigDecimal(value),
                "test citation", "CC0-1.0");
    }

    static final EmissionFactor GRID = factor("cn-grid-2022", "kWh", "0.5810");

    @Nested
    class Activity_ {

        @Test
        void multiplies_the_amount_in_the_factor_unit_by_the_factor() {
            EmissionRecord r = EmissionRecord.parse(Fixtures.object("records/meter-12-activity.json"));
            Co2e co2e = RecordCalculator.co2e(r, FactorLookup.of(Map.of("cn-grid-2022", GRID)), Gwp100Set.IPCC_AR6);
            assertThat(co2e).isEqualTo(Co2e.fossil(new BigDecimal("17430")));
            assertThat(co2e.total()).isEqualByComparingTo("17430");
        }

        @ParameterizedTest
        @CsvSource({
            "30, MWh, 17430",
            "108000, MJ, 17430",
            "108, GJ, 17430",
            "1, MJ, 0.1613888888888888888888888888888889018",
        })
        void converts_within_the_energy_dimension_first(String amount, String unit, String expected) {
            Co2e co2e = RecordCalculator.activityCo2e(
                    new Activity("cn-grid-2022", Quantity.parse(amount, unit, "a")), GRID);
            // 1 MJ = 0.2777777777777777777777777777777778 kWh (rounded to 34 digits), × 0.5810 exactly
            assertThat(co2e.fossil()).isEqualByComparingTo(expected);
        }

        @Test
        void refuses_a_unit_of_another_dimension_naming_both_units_and_the_factor() {
            assertThatThrownBy(() -> RecordCalculator.activityCo2e(
                    new Activity("cn-grid-2022", Quantity.parse("5", "kg", "a")), GRID))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNIT_MISMATCH);
                        assertThat(e.field()).isEqualTo("activity.unit");
                        assertThat(e.getMessage()).isEqualTo("activity.unit \"kg\": cannot convert kg (mass) to kWh"
                                + " (energy), the unit of factor cn-grid-2022");
                    });
        }

        @Test
        void refuses_an_unknown_factor() {
            EmissionRecord r = EmissionRecord.parse(Fixtures.object("records/meter-12-activity.json"));
            assertThatThrownBy(() -> RecordCalculator.co2e(r, FactorLookup.of(Map.of()), Gwp100Set.IPCC_AR6))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FACTOR);
                        assertThat(e.getMessage()).isEqualTo(
                                "activity.factorId \"cn-grid-2022\": no emission factor with this id is published");
                    });
        }
    }

    @Nested
    class Gases {

        @Test
        void weights_each_gas_by_its_ar6_gwp_and_keeps_biogenic_co2_out_of_the_total() {
            EmissionRecord r = EmissionRecord.parse(Fixtures.object("records/meter-12-gases.json"));
            Co2e co2e = RecordCalculator.co2e(r, FactorLookup.of(Map.of()), Gwp100Set.IPCC_AR6);
            // 50000×1 + 10×29.8 + 1×273 = 50571 fossil; 2×27.0 = 54 biogenic CH4; 100.5 kg biogenic CO2
            assertThat(co2e).isEqualTo(new Co2e(new BigDecimal("50571"), new BigDecimal("54"),
                    new BigDecimal("100.5")));
            assertThat(co2e.total()).isEqualByComparingTo("50625");
        }

        @Test
        void is_exact_for_the_smallest_amounts() {
            Co2e co2e = RecordCalculator.gasCo2e(Map.of(Gas.CH4_FOSSIL, Amount.parse("0.000000001", "g")),
                    Gwp100Set.IPCC_AR6);
            assertThat(co2e.fossil()).isEqualTo(new BigDecimal("0.0000000298"));
        }
    }

    @Nested
    class Factors {

        @Test
        void round_trips_factors_through_json() {
            JsonObject json = GRID.toJson();
            assertThat(EmissionFactor.fromJson(json, "factor")).isEqualTo(GRID);
            assertThat(json.get("kgCo2ePerUnit").orElseThrow().toString()).isEqualTo("\"0.581\"");
        }

        @Test
        void rejects_malformed_factors_naming_the_field() {
            JsonObject json = GRID.toJson();
            assertThatThrownBy(() -> EmissionFactor.fromJson(json.without("licence"), "factor"))
                    .hasMessage("factor.licence: missing member");
            assertThatThrownBy(() -> EmissionFactor.fromJson(json.without("unit")
                    .with("unit", org.carbonledger.core.json.JsonString.of("kW")), "factor"))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_UNIT));
            assertThatThrownBy(() -> factor("x", "kWh", "-0.1"))
                    .hasMessage("kgCo2ePerUnit \"-0.1\": must not be negative");
            assertThatThrownBy(() -> new EmissionFactor("x", "d", "1", Unit.KWH, BigDecimal.ONE, " ", "CC0"))
                    .hasMessage("sourceCitation \" \": must have 1 to 1000 characters and not be blank");
        }

        @Test
        void reads_the_worked_example_factors() {
            var array = (org.carbonledger.core.json.JsonArray) Json.parse(Fixtures.bytes("example/factors.json"));
            assertThat(array.size()).isEqualTo(4);
            for (int i = 0; i < array.size(); i++) {
                EmissionFactor f = EmissionFactor.fromJson((JsonObject) array.get(i), "[" + i + "]");
                assertThat(f.toJson()).isEqualTo(array.get(i));
            }
        }
    }

    @Nested
    class GwpSets {

        @Test
        void holds_the_ipcc_ar6_values() {
            assertThat(Gwp100Set.IPCC_AR6.gwp(Gas.CH4_FOSSIL)).isEqualByComparingTo("29.8");
            assertThat(Gwp100Set.IPCC_AR6.gwp(Gas.CH4_NON_FOSSIL)).isEqualByComparingTo("27.0");
            assertThat(Gwp100Set.IPCC_AR6.gwp(Gas.N2O)).isEqualByComparingTo("273");
            assertThat(Gwp100Set.IPCC_AR6.toJson().toString()).isEqualTo("{\"id\":\"IPCC-AR6-GWP100\",\"gwp\":{"
                    + "\"CO2\":\"1\",\"CO2_BIOGENIC\":\"1\",\"CH4_FOSSIL\":\"29.8\",\"CH4_NON_FOSSIL\":\"27\","
                    + "\"N2O\":\"273\"}}");
            assertThat(Gwp100Set.fromJson(Gwp100Set.IPCC_AR6.toJson(), "gwpSet")).isEqualTo(Gwp100Set.IPCC_AR6);
        }

        @Test
        void requires_every_gas_and_co2_equal_to_one() {
            assertThatThrownBy(() -> new Gwp100Set("x", Map.of(Gas.CO2, BigDecimal.ONE)))
                    .hasMessage("gwpSet.gwp.CO2_BIOGENIC: missing member");
            Map<Gas, BigDecimal> bad = new java.util.EnumMap<>(Gwp100Set.IPCC_AR6.factors());
            bad.put(Gas.CO2, new BigDecimal("2"));
            assertThatThrownBy(() -> new Gwp100Set("x", bad))
                    .hasMessage("gwpSet.gwp.CO2 \"2\": the GWP of CO2 is 1 by definition");
        }
    }
}
