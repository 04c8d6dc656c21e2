package org.carbonledger.core.pact;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.merkle.Seal;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * A sealed batch's footprint per one <em>declared unit</em> of its product (the unit the product was registered
 * with, e.g. per t of coil or per piece), as consumers and trading partners read it.
 *
 * <p>The seal stores the footprint per unit of the batch's own quantity unit, which may differ from the declared unit
 * within one dimension (a coil product declared per t, a batch measured in kg). Here each value is the sealed
 * footprint divided by the batch quantity converted to the declared unit ({@link Quantity#convertTo}, exact except
 * MJ/GJ to kWh/MWh), to 34 significant digits half-even ({@link Co2e#map}); when the units agree the result is the
 * seal's own per-unit value.
 *
 * @param seal the stored seal
 * @param declaredUnit the product's declared unit
 * @param batchQuantity the batch quantity in the declared unit
 * @param perDeclaredUnit the footprint per one declared unit
 * @param breakdownPerDeclaredUnit the (stage, scope) breakdown per one declared unit, in (stage, scope) order
 */
public record DeclaredFootprint(Seal seal, Unit declaredUnit, Quantity batchQuantity, Co2e perDeclaredUnit,
                                SortedMap<StageScope, Co2e> breakdownPerDeclaredUnit) {

    /** Null-checks and copies. */
    public DeclaredFootprint {
        Objects.requireNonNull(seal, "seal");
        Objects.requireNonNull(declaredUnit, "declaredUnit");
        Objects.requireNonNull(batchQuantity, "batchQuantity");
        Objects.requireNonNull(perDeclaredUnit, "perDeclaredUnit");
        breakdownPerDeclaredUnit = Collections.unmodifiableSortedMap(
                new TreeMap<>(Objects.requireNonNull(breakdownPerDeclaredUnit, "breakdownPerDeclaredUnit")));
    }

    /**
     * @param batch a sealed batch as stored
     * @return its footprint per declared unit
     * @throws LedgerRuleException BATCH_NOT_SEALED, or the seal's own validation errors
     */
    public static DeclaredFootprint of(StoredBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (!batch.isSealed()) {
            throw LedgerRuleException.of(ErrorCode.BATCH_NOT_SEALED, "batch", batch.id().toString(),
                    "is not sealed: it has no fixed footprint yet");
        }
        Seal seal = Seal.fromJson(batch.seal().orElseThrow(), "seal");
        Quantity quantity = seal.quantity().convertTo(batch.declaredUnit(), "quantity.unit");
        Co2e perUnit = quantity.unit() == seal.quantity().unit() ? seal.perUnit() : seal.footprint().perUnit(quantity);
        BigDecimal q = quantity.value();
        TreeMap<StageScope, Co2e> cells = new TreeMap<>();
        for (Map.Entry<StageScope, Co2e> e : seal.footprint().breakdown().entrySet()) {
            cells.put(e.getKey(), e.getValue().map(c -> c.divide(q, Decimals.MC)));
        }
        return new DeclaredFootprint(seal, batch.declaredUnit(), quantity, perUnit, cells);
    }
}
