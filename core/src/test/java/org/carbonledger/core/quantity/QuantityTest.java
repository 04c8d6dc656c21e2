package org.carbonledger.core.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

    static void assertRefused(Runnable r, ErrorCode code, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(LedgerRuleException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @CsvSource({
            "0, 0",
            "0.0, 0",
            "30000, 30000",
            "30000.00, 30000",
            "1.50, 1.5",
            "0.000000001, 0.000000001",
            "999999999999999999.999999999, 999999999999999999.999999999",
        })
        void parses_plain_decimals_and_prints_them_canonically(String text, String canonical) {
            assertThat(Amount.parse(text, "amount").toString()).isEqualTo(canonical);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "-5                      | must not be negative",
            "+5                      | must not have a sign",
            "1e3                     | exponent notation is not allowed; write plain digits",
            "1E3                     | exponent notation is not allowed; write plain digits",
            "' 5'                    | must not contain whitespace",
            "'5 '                    | must not contain whitespace",
            "1,5                     | character \",\" at position 2 is not a digit or '.'",
            "1.2.3                   | has more than one '.'",
            ".5                      | must start with a digit",
            "5.                      | must have digits after '.'",
            "05                      | must not have leading zeros",
            "00.5                    | must not have leading zeros",
            "''                      | is empty",
            "NaN                     | character \"N\" at position 1 is not a digit or '.'",
            "1234567890123456789     | has 19 integer digits, at most 18 allowed",
            "0.1234567890            | has 10 fraction digits, at most 9 allowed",
            "1.0000000000            | has 10 fraction digits, at most 9 allowed",
            "１                      | character \"１\" at position 1 is not a digit or '.'",
        })
        void rejects_anything_but_plain_bounded_decimals(String text, String reason) {
            assertRefused(() -> Amount.parse(text, "activity.amount"), ErrorCode.INVALID_AMOUNT,
                    "activity.amount " + LedgerRuleException.quote(text) + ": " + reason);
        }

        @Test
        void compares_by_value() {
            assertThat(Amount.parse("1.50", "a")).isEqualTo(Amount.parse("1.5", "a"));
            assertThat(Amount.parse("2", "a")).isGreaterThan(Amount.parse("1.999999999", "a"));
        }
    }

    @Property
    void amount_parse_and_format_round_trip(@ForAll("amountTexts") String text) {
        Amount a = Amount.parse(text, "amount");
        assertThat(a.value()).isEqualByComparingTo(new BigDecimal(text));
        assertThat(Amount.parse(a.toString(), "amount")).isEqualTo(a);
        assertThat(a.toString()).isEqualTo(Decimals.canonical(new BigDecimal(text)));
        assertThat(Decimals.parseCanonical(a.toString(), "amount")).isEqualTo(a.value());
    }

    @Provide
    Arbitrary<String> amountTexts() {
        Arbitrary<String> integer = Arbitraries.oneOf(
                Arbitraries.just("0"),
                Combinators.combine(Arbitraries.strings().withCharRange('1', '9').ofLength(1),
                        Arbitraries.strings().numeric().ofMaxLength(17)).as(String::concat));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9);
        return Combinators.combine(integer, fraction, Arbitraries.of(true, false))
                .as((i, f, withFraction) -> withFraction ? i + "." + f : i);
    }

    @Nested
    class CanonicalDecimals {

        @ParameterizedTest
        @CsvSource({"1.50, 1.5", "1E+3, 1000", "0.00, 0", "-0.0, 0", "1E-12, 0.000000000001", "-2.10, -2.1"})
        void writes_one_plain_form(String value, String canonical) {
            assertThat(Decimals.canonical(new BigDecimal(value))).isEqualTo(canonical);
        }

        @ParameterizedTest
        @CsvSource({"1.50", "01", "1E+3", "-0", ".5", "5.", "+1", "0.0", "' 1'", "''"})
        void refuses_stored_decimals_that_are_not_canonical(String text) {
            assertThatThrownBy(() -> Decimals.parseCanonical(text, "total"))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT));
        }

        @Test
        void rounds_displays_half_even() {
            assertThat(Decimals.display(new BigDecimal("2.5"), 0)).isEqualTo("2");
            assertThat(Decimals.display(new BigDecimal("3.5"), 0)).isEqualTo("4");
            assertThat(Decimals.display(new BigDecimal("1.2345"), 3)).isEqualTo("1.234");
        }
    }

    @Nested
    class Units {

        @Test
        void parses_case_sensitive_symbols() {
            assertThat(Unit.parse("kWh", "unit")).isEqualTo(Unit.KWH);
            assertThat(Unit.parse("m3", "unit")).isEqualTo(Unit.M3);
            assertRefused(() -> Unit.parse("KWH", "activity.unit"), ErrorCode.INVALID_UNIT,
                    "activity.unit \"KWH\": unknown unit; use one of g, kg, t, kWh, MWh, MJ, GJ, L, m3, piece"
                            + " (case-sensitive)");
        }

        @ParameterizedTest
        @CsvSource({
            "1, t, kg, 1000",
            "2500, g, kg, 2.5",
            "1, g, t, 0.000001",
            "1, kWh, MJ, 3.6",
            "1, MWh, kWh, 1000",
            "2, MWh, GJ, 7.2",
            "1, kWh, GJ, 0.0036",
            "36, MJ, kWh, 10",
            "1, m3, L, 1000",
            "7, piece, piece, 7",
        })
        void converts_exactly_where_the_factor_allows(String amount, String from, String to, String expected) {
            Quantity q = Quantity.parse(amount, from, "q").convertTo(Unit.parse(to, "u"));
            assertThat(Decimals.canonical(q.value())).isEqualTo(expected);
            assertThat(q.unit().symbol()).isEqualTo(to);
        }

        @Test
        void rounds_to_34_significant_digits_only_when_dividing_by_3_6() {
            Quantity q = Quantity.parse("1", "MJ", "q").convertTo(Unit.KWH);
            assertThat(Decimals.canonical(q.value())).isEqualTo("0.2777777777777777777777777777777778");
            Quantity g = Quantity.parse("1", "GJ", "q").convertTo(Unit.MWH);
            assertThat(Decimals.canonical(g.value())).isEqualTo("0.2777777777777777777777777777777778");
            assertThat(Unit.MJ.exactFactorTo(Unit.KWH)).isEmpty();
            assertThat(Unit.KWH.exactFactorTo(Unit.MJ)).contains(new BigDecimal("3.6"));
        }

        @Test
        void refuses_conversion_across_dimensions_naming_both_units() {
            assertRefused(() -> Quantity.parse("5", "kWh", "q").convertTo(Unit.KG, "activity.unit"),
                    ErrorCode.UNIT_MISMATCH, "activity.unit \"kWh\": cannot convert kWh (energy) to kg (mass)");
        }

        @Test
        void adds_and_compares_across_units_of_one_dimension() {
            Quantity a = Quantity.parse("1.5", "t", "a");
            Quantity b = Quantity.parse("250", "kg", "b");
            assertThat(a.plus(b)).isEqualTo(new Quantity(new BigDecimal("1750"), Unit.KG));
            assertThat(a.plus(Quantity.parse("1", "t", "c"))).isEqualTo(new Quantity(new BigDecimal("2.5"), Unit.T));
            assertThat(a).isGreaterThan(b);
            assertThat(Quantity.parse("1", "t", "x").compareTo(Quantity.parse("1000", "kg", "y"))).isZero();
        }
    }

    @Nested
    class Json_ {

        @Test
        void round_trips_through_canonical_json() {
            Quantity q = Quantity.parse("12.50", "t", "q");
            assertThat(q.toJson().toString()).isEqualTo("{\"amount\":\"12.5\",\"unit\":\"t\"}");
            assertThat(Quantity.fromJson(q.toJson(), "q")).isEqualTo(q);
        }

        @Test
        void reads_user_input_with_amount_rules_and_names_the_path() {
            assertThat(Quantity.fromInputJson(Json.parseObject("{\"amount\":\"12.50\",\"unit\":\"t\"}", "q"),
                    "quantity")).isEqualTo(Quantity.parse("12.5", "t", "q"));
            assertRefused(() -> Quantity.fromInputJson(
                    Json.parseObject("{\"amount\":\"-1\",\"unit\":\"t\"}", "q"), "quantity"),
                    ErrorCode.INVALID_AMOUNT, "quantity.amount \"-1\": must not be negative");
            assertRefused(() -> Quantity.fromInputJson(
                    Json.parseObject("{\"amount\":\"1\",\"unit\":\"t\",\"x\":1}", "q"), "quantity"),
                    ErrorCode.INVALID_ARGUMENT, "quantity.x: unknown member (allowed: amount, unit)");
            assertRefused(() -> Quantity.fromInputJson(Json.parseObject("{\"amount\":1,\"unit\":\"t\"}", "q"),
                    "quantity"), ErrorCode.INVALID_ARGUMENT, "quantity.amount: expected a JSON string, found number");
            assertRefused(() -> Quantity.fromInputJson(Json.parseObject("{\"unit\":\"t\"}", "q"), "quantity"),
                    ErrorCode.INVALID_ARGUMENT, "quantity.amount: missing member");
        }
    }
}
