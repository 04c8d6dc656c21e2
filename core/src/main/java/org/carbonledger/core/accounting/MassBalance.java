package org.carbonledger.core.accounting;

import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/** The rule that a batch never ships out more than its quantity. */
public final class MassBalance {

    private MassBalance() {
    }

    /**
     * Checks that shipping {@code shipment} keeps the batch within its quantity. All quantities are compared in
     * their dimension's base unit, where conversion is exact.
     *
     * @param batchQuantity the batch's declared quantity
     * @param shippedBefore the total already shipped from the batch
     * @param shipment the new shipment, greater than zero
     * @param field the JSON path of the shipment's quantity, for the error message
     * @return the new shipped total, in the base unit
     * @throws LedgerRuleException MASS_BALANCE_EXCEEDED naming the numbers; UNIT_MISMATCH if the shipment measures
     *     another dimension; INVALID_AMOUNT for a zero shipment
     */
    public static Quantity requireWithin(Quantity batchQuantity, Quantity shippedBefore, Quantity shipment,
                                         String field) {
        Objects.requireNonNull(batchQuantity, "batchQuantity");
        Objects.requireNonNull(shippedBefore, "shippedBefore");
        Objects.requireNonNull(shipment, "shipment");
        Objects.requireNonNull(field, "field");
        Unit base = batchQuantity.unit().dimension().baseUnit();
        if (shipment.unit().dimension() != batchQuantity.unit().dimension()) {
            throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, field, shipment.toString(),
                    "cannot ship " + shipment.unit().symbol() + " (" + shipment.unit().dimension().label()
                            + ") from a batch measured in " + batchQuantity.unit().symbol() + " ("
                            + batchQuantity.unit().dimension().label() + ")");
        }
        if (shipment.isZero()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, field, shipment.toString(),
                    "a shipment must be greater than zero");
        }
        Quantity capacity = batchQuantity.convertTo(base);
        Quantity before = shippedBefore.convertTo(base, "shippedBefore");
        Quantity after = new Quantity(before.value().add(shipment.convertTo(base).value()), base);
        if (after.value().compareTo(capacity.value()) > 0) {
            throw LedgerRuleException.of(ErrorCode.MASS_BALANCE_EXCEEDED, field, shipment.toString(),
                    "shipping it would raise the total shipped from the batch to " + after + ", above its quantity "
                            + batchQuantity + (batchQuantity.unit() == base ? "" : " (" + capacity + ")")
                            + "; already shipped " + before + ", remaining "
                            + Decimals.canonical(capacity.value().subtract(before.value())) + " " + base.symbol());
        }
        return after;
    }
}
