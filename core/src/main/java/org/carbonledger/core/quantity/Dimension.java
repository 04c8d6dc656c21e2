package org.carbonledger.core.quantity;

/** What a unit measures. Quantities convert only within one dimension. */
public enum Dimension {
    /** Mass; base unit kg. */
    MASS,
    /** Energy; base unit MJ (so that kWh = 3.6 MJ is an exact factor). */
    ENERGY,
    /** Volume; base unit L. */
    VOLUME,
    /** Count of discrete items; base unit piece. */
    COUNT;

    /** @return the unit whose factor to itself is 1 */
    public Unit baseUnit() {
        return switch (this) {
            case MASS -> Unit.KG;
            case ENERGY -> Unit.MJ;
            case VOLUME -> Unit.L;
            case COUNT -> Unit.PIECE;
        };
    }

    /** @return the lower-case name for messages, e.g. {@code energy} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
