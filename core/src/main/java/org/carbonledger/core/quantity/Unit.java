package org.carbonledger.core.quantity;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * The supported units, each with an exact decimal factor to its dimension's base unit.
 *
 * <table>
 *   <caption>Units</caption>
 *   <tr><th>symbol</th><th>dimension</th><th>in base unit</th></tr>
 *   <tr><td>g</td><td>mass</td><td>0.001 kg</td></tr>
 *   <tr><td>kg</td><td>mass</td><td>1 kg</td></tr>
 *   <tr><td>t</td><td>mass</td><td>1000 kg</td></tr>
 *   <tr><td>kWh</td><td>energy</td><td>3.6 MJ</td></tr>
 *   <tr><td>MWh</td><td>energy</td><td>3600 MJ</td></tr>
 *   <tr><td>MJ</td><td>energy</td><td>1 MJ</td></tr>
 *   <tr><td>GJ</td><td>energy</td><td>1000 MJ</td></tr>
 *   <tr><td>L</td><td>volume</td><td>1 L</td></tr>
 *   <tr><td>m3</td><td>volume</td><td>1000 L</td></tr>
 *   <tr><td>piece</td><td>count</td><td>1 piece</td></tr>
 * </table>
 * Symbols are case-sensitive.
 */
public enum Unit {
    /** gram. */
    G("g", Dimension.MASS, "0.001"),
    /** kilogram (base of mass). */
    KG("kg", Dimension.MASS, "1"),
    /** tonne. */
    T("t", Dimension.MASS, "1000"),
    /** kilowatt-hour. */
    KWH("kWh", Dimension.ENERGY, "3.6"),
    /** megawatt-hour. */
    MWH("MWh", Dimension.ENERGY, "3600"),
    /** megajoule (base of energy). */
    MJ("MJ", Dimension.ENERGY, "1"),
    /** gigajoule. */
    GJ("GJ", Dimension.ENERGY, "1000"),
    /** litre (base of volume). */
    L("L", Dimension.VOLUME, "1"),
    /** cubic metre. */
    M3("m3", Dimension.VOLUME, "1000"),
    /** one item (base of count). */
    PIECE("piece", Dimension.COUNT, "1");

    private static final String SYMBOLS = Arrays.stream(values()).map(Unit::symbol)
            .collect(Collectors.joining(", "));

    private final String symbol;
    private final Dimension dimension;
    private final BigDecimal toBase;

    Unit(String symbol, Dimension dimension, String toBase) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.toBase = new BigDecimal(toBase);
    }

    /**
     * @param symbol a unit symbol, e.g. {@code kWh}
     * @param field the JSON path, for the error message
     * @return the unit
     * @throws LedgerRuleException (INVALID_UNIT) listing the supported symbols
     */
    public static Unit parse(String symbol, String field) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(field, "field");
        for (Unit u : values()) {
            if (u.symbol.equals(symbol)) {
                return u;
            }
        }
        throw LedgerRuleException.of(ErrorCode.INVALID_UNIT, field, symbol,
                "unknown unit; use one of " + SYMBOLS + " (case-sensitive)");
    }

    /** @return the symbol, e.g. {@code kWh} */
    public String symbol() {
        return symbol;
    }

    /** @return what this unit measures */
    public Dimension dimension() {
        return dimension;
    }

    /** @return how many base units one of this unit is, exactly (e.g. 3.6 for kWh) */
    public BigDecimal toBase() {
        return toBase;
    }

    /**
     * The exact factor from this unit to {@code target} when it is a terminating decimal. It is absent only from
     * MJ or GJ to kWh or MWh (a division by 3.6 or 3600).
     *
     * @param target a unit of the same dimension
     * @return the factor, if exact
     */
    public Optional<BigDecimal> exactFactorTo(Unit target) {
        return Optional.ofNullable(Conversions.FACTORS[ordinal()][target.ordinal()]);
    }

    @Override
    public String toString() {
        return symbol;
    }

    /** Precomputed exact factors; an enum cannot reach its own values() from its constructor. */
    private static final class Conversions {
        static final BigDecimal[][] FACTORS = new BigDecimal[values().length][values().length];

        static {
            for (Unit from : values()) {
                for (Unit to : values()) {
                    if (from.dimension != to.dimension) {
                        continue;
                    }
                    try {
                        // Throws when the quotient does not terminate.
                        FACTORS[from.ordinal()][to.ordinal()] = Decimals.normalize(from.toBase.divide(to.toBase));
                    } catch (ArithmeticException nonTerminating) {
                        FACTORS[from.ordinal()][to.ordinal()] = null;
                    }
                }
            }
        }
    }
}
