package org.carbonledger.core.accounting;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Quantity;

/**
 * Computes the CO2e of one emission record.
 *
 * <ul>
 *   <li>Activity record: the amount is converted into the factor's unit ({@link Quantity#convertTo}: exact, except
 *       MJ/GJ → kWh/MWh which round to 34 significant digits), then multiplied exactly by the factor. All of it is
 *       fossil.</li>
 *   <li>Gas record: Σ kg(gas) × GWP100(gas), exact. CO2, CH4_FOSSIL and N2O go to {@code fossil},
 *       CH4_NON_FOSSIL to {@code biogenicNonCo2}, CO2_BIOGENIC (× 1) to {@code biogenicCo2}.</li>
 * </ul>
 */
public final class RecordCalculator {

    private RecordCalculator() {
    }

    /**
     * @param record a parsed record
     * @param factors where to find the factor an activity record pins
     * @param gwp the channel's characterization set
     * @return the record's CO2e
     * @throws LedgerRuleException UNKNOWN_FACTOR or UNIT_MISMATCH, naming the field
     */
    public static Co2e co2e(EmissionRecord record, FactorLookup factors, Gwp100Set gwp) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(factors, "factors");
        Objects.requireNonNull(gwp, "gwp");
        if (record.activity().isPresent()) {
            Activity activity = record.activity().get();
            EmissionFactor factor = factors.find(activity.factorId()).orElseThrow(() -> LedgerRuleException.of(
                    ErrorCode.UNKNOWN_FACTOR, "activity.factorId", activity.factorId(),
                    "no emission factor with this id is published"));
            return activityCo2e(activity, factor);
        }
        return gasCo2e(record.gases(), gwp);
    }

    /**
     * @param activity the activity
     * @param factor the factor it pins
     * @return amount in the factor's unit × factor, all fossil
     * @throws LedgerRuleException (UNIT_MISMATCH, field {@code activity.unit}) if the units' dimensions differ
     */
    public static Co2e activityCo2e(Activity activity, EmissionFactor factor) {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(factor, "factor");
        if (!activity.factorId().equals(factor.factorId())) {
            throw LedgerRuleException.of(ErrorCode.UNKNOWN_FACTOR, "activity.factorId", activity.factorId(),
                    "was given factor " + factor.factorId());
        }
        Quantity q = activity.quantity();
        if (q.unit().dimension() != factor.unit().dimension()) {
            throw LedgerRuleException.of(ErrorCode.UNIT_MISMATCH, "activity.unit", q.unit().symbol(),
                    "cannot convert " + q.unit().symbol() + " (" + q.unit().dimension().label() + ") to "
                            + factor.unit().symbol() + " (" + factor.unit().dimension().label()
                            + "), the unit of factor " + factor.factorId());
        }
        BigDecimal amount = q.convertTo(factor.unit(), "activity.unit").value();
        return Co2e.fossil(amount.multiply(factor.kgCo2ePerUnit()));
    }

    /**
     * @param gases kg of each gas
     * @param gwp the characterization set
     * @return the CO2e, split into fossil, biogenic non-CO2 and biogenic CO2
     */
    public static Co2e gasCo2e(Map<Gas, Amount> gases, Gwp100Set gwp) {
        Objects.requireNonNull(gases, "gases");
        Objects.requireNonNull(gwp, "gwp");
        BigDecimal fossil = BigDecimal.ZERO;
        BigDecimal biogenicNonCo2 = BigDecimal.ZERO;
        BigDecimal biogenicCo2 = BigDecimal.ZERO;
        for (Gas gas : Gas.values()) { // fixed order; the sums are exact anyway
            Amount kg = gases.get(gas);
            if (kg == null) {
                continue;
            }
            BigDecimal co2e = kg.value().multiply(gwp.gwp(gas));
            switch (gas) {
                case CO2, CH4_FOSSIL, N2O -> fossil = fossil.add(co2e);
                case CH4_NON_FOSSIL -> biogenicNonCo2 = biogenicNonCo2.add(co2e);
                case CO2_BIOGENIC -> biogenicCo2 = biogenicCo2.add(co2e);
                default -> throw new IllegalStateException("unhandled gas " + gas);
            }
        }
        return new Co2e(fossil, biogenicNonCo2, biogenicCo2);
    }
}
