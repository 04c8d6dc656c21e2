package org.carbonledger.core.accounting;

import java.math.BigDecimal;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;

/**
 * Physical allocation of a sealed batch's footprint to the material shipped out of it.
 *
 * <p>With source footprint {@code F} (each component separately), source quantity {@code Q} and quantities in the
 * dimension's base unit (conversion to it is exact), define the cumulative allocation
 * <pre>
 *   A(x) = 0                              if x = 0
 *   A(x) = F                              if x = Q
 *   A(x) = round34(F × x ÷ Q)             otherwise (F × x exact, one division, DECIMAL128 half-even)
 * </pre>
 * A shipment of {@code q} made when {@code s} had already been shipped is allocated {@code A(s + q) − A(s)}
 * (exact subtraction). This equals {@code q ÷ Q × F} up to one unit in the 34th significant digit, and:
 * <ul>
 *   <li>when a batch is shipped completely, the allocations of all its shipments add up to {@code F} exactly
 *       (the sum telescopes to {@code A(Q) − A(0)});</li>
 *   <li>splitting a shipment into consecutive parts gives parts whose allocations add up exactly to the
 *       allocation of the whole shipment.</li>
 * </ul>
 * {@code A} is monotone, so no allocation is negative.
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Allocates CO2e to a shipment, after checking mass balance.
     *
     * @param sourceFootprint the sealed footprint of the source batch
     * @param sourceQuantity the source batch's quantity
     * @param shippedBefore the quantity shipped from the source before this shipment
     * @param shipment this shipment's quantity
     * @return the CO2e travelling with the shipment
     * @throws LedgerRuleException MASS_BALANCE_EXCEEDED, UNIT_MISMATCH or INVALID_AMOUNT
     */
    public static Co2e allocate(Co2e sourceFootprint, Quantity sourceQuantity, Quantity shippedBefore,
                                Quantity shipment) {
        Objects.requireNonNull(sourceFootprint, "sourceFootprint");
        requirePositive(sourceQuantity);
        Quantity after = MassBalance.requireWithin(sourceQuantity, shippedBefore, shipment, "quantity");
        return cumulative(sourceFootprint, sourceQuantity, after)
                .minus(cumulative(sourceFootprint, sourceQuantity, shippedBefore));
    }

    /**
     * The cumulative allocation {@code A(x)}: the CO2e carried by the first {@code shipped} units of the batch.
     *
     * @param sourceFootprint F
     * @param sourceQuantity Q
     * @param shipped x, between 0 and Q
     * @return A(x)
     */
    public static Co2e cumulative(Co2e sourceFootprint, Quantity sourceQuantity, Quantity shipped) {
        Objects.requireNonNull(sourceFootprint, "sourceFootprint");
        requirePositive(sourceQuantity);
        Objects.requireNonNull(shipped, "shipped");
        BigDecimal q = sourceQuantity.toBase().value();
        BigDecimal x = shipped.convertTo(sourceQuantity.toBase().unit(), "shipped").value();
        int cmp = x.compareTo(q);
        if (cmp > 0) {
            throw LedgerRuleException.of(ErrorCode.MASS_BALANCE_EXCEEDED, "shipped", shipped.toString(),
                    "exceeds the batch quantity " + sourceQuantity);
        }
        if (x.signum() == 0) {
            return Co2e.ZERO;
        }
        if (cmp == 0) {
            return sourceFootprint;
        }
        return sourceFootprint.map(c -> c.multiply(x).divide(q, Decimals.MC));
    }

    private static void requirePositive(Quantity sourceQuantity) {
        Objects.requireNonNull(sourceQuantity, "sourceQuantity");
        if (sourceQuantity.isZero()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "sourceQuantity", sourceQuantity.toString(),
                    "a batch quantity must be greater than zero");
        }
    }
}
