package org.carbonledger.core.quantity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A non-negative amount of something in a unit.
 *
 * <p>Conversion ({@link #convertTo}) works only within one {@link Dimension} and is exact whenever the unit factor
 * is a terminating decimal, i.e. for every pair except MJ/GJ → kWh/MWh; those divide by 3.6 or 3600 and round to
 * 34 significant digits, half-even ({@link Decimals#MC}). Conversion to the base unit ({@link #toBase()}) is
 * always exact.
 *
 * @param value the amount, normalized (trailing zeros stripped)
 * @param unit the unit
 */
public record Quantity(BigDecimal value, Unit unit) implements Comparable<Quantity> {

    /** Validates non-negativity and normalizes the value. */
    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        value = Decimals.normalize(value);
        if (value.signum() < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "amount", Decimals.canonical(value),
                    "must not be negative");
        }
    }

    /**
     * @param amount the amount
     * @param unit the unit
     * @return the quantity
     */
    public static Quantity of(Amount amount, Unit unit) {
        return new Quantity(amount.value(), unit);
    }

    /**
     * Reads user input: the amount by {@link Amount#parse} rules, the unit by {@link Unit#parse}.
     *
     * @param amount amount text
     * @param unit unit symbol
     * @param field JSON path of the quantity; errors name {@code field.amount} or {@code field.unit}
     * @return the quantity
     */
    public static Quantity parse(String amount, String unit, String field) {
        Objects.requireNonNull(field, "field");
        String prefix = field.isEmpty() ? "" : field + ".";
        return of(Amount.parse(amount, prefix + "amount"), Unit.parse(unit, prefix + "unit"));
    }

    /**
     * Reads user input shaped {@code {"amount":"12.5","unit":"t"}} (exactly these members).
     *
     * @param json the object
     * @param path its JSON path
     * @return the quantity
     */
    public static Quantity fromInputJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("amount", "unit"));
        return of(Amount.parse(r.requireString("amount"), r.path("amount")),
                Unit.parse(r.requireString("unit"), r.path("unit")));
    }

    /**
     * Reads a stored quantity written by {@link #toJson()}: the amount must be a canonical decimal, without the
     * digit limits of user input (converted and summed quantities can exceed them).
     *
     * @param json the object
     * @param path its JSON path
     * @return the quantity
     */
    public static Quantity fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(json, path);
        r.rejectUnknownMembers(List.of("amount", "unit"));
        BigDecimal value = Decimals.parseCanonical(r.requireString("amount"), r.path("amount"));
        if (value.signum() < 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, r.path("amount"), r.requireString("amount"),
                    "must not be negative");
        }
        return new Quantity(value, Unit.parse(r.requireString("unit"), r.path("unit")));
    }

    /** @return {@code {"amount":"<canonical>","unit":"<symbol>"}} */
    public JsonObject toJson() {
        return JsonObject.builder().put("amount", Decimals.canonical(value)).put("unit", unit.symbol()).build();
    }

    /**
     * @param target a unit of the same dimension
     * @return this quantity in {@code target}
     * @throws LedgerRuleException (UNIT_MISMATCH) naming both units if the dimensions differ
     */
    public Quantity convertTo(Unit target) {
        return convertTo(target, "unit");
    }

    /**
     * @param target a unit of the same dimension
     * @param field the JSON path of the unit being converted, for the error message
     * @return this quantity in {@code target}
     * @throws LedgerRuleException (UNIT_MISMATCH) naming both units if the dimensions differ
     */
    public Quantity convertTo(Unit target, String field) {
        Objects.requireNonNull(target, "target");
        if (target == unit) {
            return this;
        }
        if (target.dimension() != unit.dimension()) {
            throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, field, unit.symbol(),
                    "cannot convert " + unit.symbol() + " (" + unit.dimension().label() + ") to " + target.symbol()
                            + " (" + target.dimension().label() + ")");
        }
        Optional<BigDecimal> exact = unit.exactFactorTo(target);
        BigDecimal converted = exact.isPresent()
                ? value.multiply(exact.get())
                : value.multiply(unit.toBase()).divide(target.toBase(), Decimals.MC);
        return new Quantity(converted, target);
    }

    /** @return this quantity in its dimension's base unit (always exact) */
    public Quantity toBase() {
        return convertTo(unit.dimension().baseUnit());
    }

    /**
     * Adds exactly, in the base unit (or in the common unit when both are the same).
     *
     * @param other a quantity of the same dimension
     * @return the sum
     */
    public Quantity plus(Quantity other) {
        Objects.requireNonNull(other, "other");
        if (other.unit == unit) {
            return new Quantity(value.add(other.value), unit);
        }
        Quantity a = toBase();
        Quantity b = other.convertTo(a.unit, "unit");
        return new Quantity(a.value.add(b.value), a.unit);
    }

    /** @return true when the amount is zero */
    public boolean isZero() {
        return value.signum() == 0;
    }

    /**
     * Compares by physical amount (in the base unit). Inconsistent with {@link #equals}: {@code 1 t} and
     * {@code 1000 kg} compare as equal but are different records.
     *
     * @throws LedgerRuleException (UNIT_MISMATCH) if the dimensions differ
     */
    @Override
    public int compareTo(Quantity other) {
        Quantity a = toBase();
        return a.value.compareTo(other.convertTo(a.unit, "unit").value);
    }

    /** @return e.g. {@code 12.5 t} */
    @Override
    public String toString() {
        return Decimals.canonical(value) + " " + unit.symbol();
    }
}
