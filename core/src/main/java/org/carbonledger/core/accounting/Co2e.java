package org.carbonledger.core.accounting;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.quantity.Decimals;

/**
 * An amount of greenhouse-gas emissions in kg CO2e, split the way PACT and the GHG Protocol report it.
 *
 * <ul>
 *   <li>{@code fossil}: activity-based CO2e (factor × amount), fossil CO2, fossil CH4 and N2O;</li>
 *   <li>{@code biogenicNonCo2}: non-fossil CH4;</li>
 *   <li>{@code biogenicCo2}: kg of biogenic CO2 — tracked, but <em>not</em> part of {@link #total()}.</li>
 * </ul>
 * {@link #total()} = fossil + biogenicNonCo2. All values are exact, non-negative and normalized.
 *
 * @param fossil kg CO2e of fossil origin
 * @param biogenicNonCo2 kg CO2e of biogenic methane
 * @param biogenicCo2 kg of biogenic CO2 (outside the total)
 */
public record Co2e(BigDecimal fossil, BigDecimal biogenicNonCo2, BigDecimal biogenicCo2) {

    /** No emissions. */
    public static final Co2e ZERO = new Co2e(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /** Checks non-negativity and normalizes each component. */
    public Co2e {
        fossil = check(fossil, "fossil");
        biogenicNonCo2 = check(biogenicNonCo2, "biogenicNonCo2");
        biogenicCo2 = check(biogenicCo2, "biogenicCo2");
    }

    private static BigDecimal check(BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, name, Decimals.canonical(v),
                    "CO2e must not be negative");
        }
        return Decimals.normalize(v);
    }

    /**
     * @param kgCo2e kg CO2e of fossil origin
     * @return a value with only a fossil component
     */
    public static Co2e fossil(BigDecimal kgCo2e) {
        return new Co2e(kgCo2e, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** @return fossil + biogenicNonCo2 (biogenic CO2 excluded, per the GHG Protocol) */
    public BigDecimal total() {
        return Decimals.normalize(fossil.add(biogenicNonCo2));
    }

    /**
     * @param other another value
     * @return the exact component-wise sum
     */
    public Co2e plus(Co2e other) {
        return new Co2e(fossil.add(other.fossil), biogenicNonCo2.add(other.biogenicNonCo2),
                biogenicCo2.add(other.biogenicCo2));
    }

    /**
     * @param other a value not larger in any component
     * @return the exact component-wise difference
     * @throws LedgerRuleException (INVALID_AMOUNT) if a component would be negative
     */
    public Co2e minus(Co2e other) {
        return new Co2e(fossil.subtract(other.fossil), biogenicNonCo2.subtract(other.biogenicNonCo2),
                biogenicCo2.subtract(other.biogenicCo2));
    }

    /**
     * @param f a function applied to each component
     * @return the value with {@code f} applied to fossil, biogenicNonCo2 and biogenicCo2
     */
    public Co2e map(UnaryOperator<BigDecimal> f) {
        return new Co2e(f.apply(fossil), f.apply(biogenicNonCo2), f.apply(biogenicCo2));
    }

    /**
     * @return {@code {"biogenicCo2":…,"biogenicNonCo2":…,"fossil":…,"total":…}}, canonical decimal strings; the
     *     total is redundant and checked when read back
     */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("fossil", Decimals.canonical(fossil))
                .put("biogenicNonCo2", Decimals.canonical(biogenicNonCo2))
                .put("biogenicCo2", Decimals.canonical(biogenicCo2))
                .put("total", Decimals.canonical(total()))
                .build();
    }

    /**
     * @param json an object written by {@link #toJson()}
     * @param path its JSON path
     * @return the value
     * @throws LedgerRuleException (INVALID_ARGUMENT) if the total disagrees with the components
     */
    public static Co2e fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("fossil", "biogenicNonCo2", "biogenicCo2", "total"));
        Co2e value = new Co2e(
                Decimals.parseCanonical(r.requireString("fossil"), r.path("fossil")),
                Decimals.parseCanonical(r.requireString("biogenicNonCo2"), r.path("biogenicNonCo2")),
                Decimals.parseCanonical(r.requireString("biogenicCo2"), r.path("biogenicCo2")));
        String total = r.requireString("total");
        if (!Decimals.canonical(value.total()).equals(total)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path("total"), total,
                    "total must be fossil + biogenicNonCo2 = " + Decimals.canonical(value.total()));
        }
        return value;
    }

    @Override
    public String toString() {
        return "Co2e[total=" + Decimals.canonical(total()) + ", fossil=" + Decimals.canonical(fossil)
                + ", biogenicNonCo2=" + Decimals.canonical(biogenicNonCo2) + ", biogenicCo2="
                + Decimals.canonical(biogenicCo2) + "]";
    }
}
