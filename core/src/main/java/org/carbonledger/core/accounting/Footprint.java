package org.carbonledger.core.accounting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;

/**
 * A batch's cradle-to-gate footprint: the exact sum of its records' CO2e and the CO2e allocated to the material
 * it received, with a breakdown by (stage, scope). Received material counts as (RAW_MATERIALS, scope 3).
 *
 * <p>Sums are exact, so the order in which records and transfers are added does not matter.
 *
 * @param total the footprint
 * @param breakdown the footprint by (stage, scope), sorted; the cells add up to {@code total}
 */
public record Footprint(Co2e total, SortedMap<StageScope, Co2e> breakdown) {

    /** Where inbound material is attributed. */
    public static final StageScope INBOUND = new StageScope(Stage.RAW_MATERIALS, Scope.SCOPE_3);

    /** Copies the breakdown and checks that it adds up to the total. */
    public Footprint {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(breakdown, "breakdown");
        TreeMap<StageScope, Co2e> copy = new TreeMap<>(breakdown);
        Co2e sum = Co2e.ZERO;
        for (Co2e c : copy.values()) {
            sum = sum.plus(c);
        }
        if (!sum.equals(total)) {
            throw LedgerRuleException.ofField(ErrorCode.MISMATCH, "breakdown",
                    "breakdown adds up to " + sum + ", not the total " + total);
        }
        breakdown = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * @param records the batch's record contributions
     * @param inbound the material it received
     * @return the footprint
     */
    public static Footprint compute(List<RecordContribution> records, List<InboundTransfer> inbound) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(inbound, "inbound");
        TreeMap<StageScope, Co2e> cells = new TreeMap<>();
        Co2e total = Co2e.ZERO;
        for (RecordContribution r : records) {
            cells.merge(new StageScope(r.stage(), r.scope()), r.co2e(), Co2e::plus);
            total = total.plus(r.co2e());
        }
        for (InboundTransfer t : inbound) {
            cells.merge(INBOUND, t.allocated(), Co2e::plus);
            total = total.plus(t.allocated());
        }
        return new Footprint(total, cells);
    }

    /**
     * The footprint per declared unit of the batch: each component of {@link #total} divided by the batch's amount
     * in its own declared unit, rounded to 34 significant digits half-even. The per-unit total is the exact sum of
     * the rounded per-unit fossil and biogenic non-CO2 components.
     *
     * @param batchQuantity the batch's declared quantity, greater than zero
     * @return kg CO2e per one {@code batchQuantity.unit()}
     */
    public Co2e perUnit(Quantity batchQuantity) {
        Objects.requireNonNull(batchQuantity, "batchQuantity");
        if (batchQuantity.isZero()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "quantity", batchQuantity.toString(),
                    "a batch quantity must be greater than zero");
        }
        BigDecimal q = batchQuantity.value();
        return total.map(c -> c.divide(q, Decimals.MC));
    }

    /** @return the breakdown as a JSON array of {@code {"stage","scope","co2e"}} in (stage, scope) order */
    public JsonArray breakdownJson() {
        List<JsonValue> cells = new ArrayList<>();
        for (Map.Entry<StageScope, Co2e> e : breakdown.entrySet()) {
            cells.add(JsonObject.builder()
                    .put("stage", e.getKey().stage().name())
                    .put("scope", e.getKey().scope().number())
                    .put("co2e", e.getValue().toJson())
                    .build());
        }
        return JsonArray.of(cells);
    }
}
