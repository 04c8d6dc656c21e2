package org.carbonledger.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AllocationTest {

    static final Co2e F = new Co2e(new BigDecimal("1000"), new BigDecimal("1"), new BigDecimal("10"));

    static Quantity q(String amount, String unit) {
        return Quantity.parse(amount, unit, "q");
    }

    @Nested
    class Examples {

        @Test
        void allocates_by_share_of_quantity() {
            assertThat(Allocation.allocate(F, q("100", "t"), q("0", "kg"), q("25", "t")))
                    .isEqualTo(new Co2e(new BigDecimal("250"), new BigDecimal("0.25"), new BigDecimal("2.5")));
        }

        @Test
        void converts_shipment_units_exactly() {
            assertThat(Allocation.allocate(F, q("100", "t"), q("0", "kg"), q("25000", "kg")))
                    .isEqualTo(Allocation.allocate(F, q("100", "t"), q("0", "kg"), q("25", "t")));
        }

        @Test
        void rounds_a_non_terminating_share_to_34_digits_and_the_last_shipment_takes_the_rest() {
            Co2e first = Allocation.allocate(F, q("3", "t"), q("0", "kg"), q("1", "t"));
            Co2e second = Allocation.allocate(F, q("3", "t"), q("1000", "kg"), q("1", "t"));
            Co2e third = Allocation.allocate(F, q("3", "t"), q("2000", "kg"), q("1", "t"));
            assertThat(first.fossil()).isEqualTo(new BigDecimal("333.3333333333333333333333333333333"));
            assertThat(second.fossil()).isEqualTo(new BigDecimal("333.3333333333333333333333333333334"));
            assertThat(third.fossil()).isEqualTo(new BigDecimal("333.3333333333333333333333333333333"));
            assertThat(first.plus(second).plus(third)).isEqualTo(F);
        }

        @Test
        void rejects_a_shipment_beyond_the_batch_quantity_naming_the_numbers() {
            assertThatThrownBy(() -> Allocation.allocate(F, q("100", "t"), q("80000", "kg"), q("30", "t")))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
                        assertThat(e.field()).isEqualTo("quantity");
                        assertThat(e.getMessage()).isEqualTo("quantity \"30 t\": shipping it would raise the total"
                                + " shipped from the batch to 110000 kg, above its quantity 100 t (100000 kg);"
                                + " already shipped 80000 kg, remaining 20000 kg");
                    });
        }

        @Test
        void allows_shipping_exactly_the_remainder() {
            assertThat(MassBalance.requireWithin(q("100", "t"), q("80000", "kg"), q("20", "t"), "quantity"))
                    .isEqualTo(q("100000", "kg"));
        }

        @Test
        void rejects_zero_shipments_and_other_dimensions() {
            assertThatThrownBy(() -> MassBalance.requireWithin(q("100", "t"), q("0", "kg"), q("0", "t"), "quantity"))
                    .hasMessage("quantity \"0 t\": a shipment must be greater than zero");
            assertThatThrownBy(() -> MassBalance.requireWithin(q("100", "t"), q("0", "kg"), q("5", "L"), "quantity"))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNIT_MISMATCH);
                        assertThat(e.getMessage()).isEqualTo(
                                "quantity \"5 L\": cannot ship L (volume) from a batch measured in t (mass)");
                    });
            assertThatThrownBy(() -> Allocation.allocate(F, q("0", "t"), q("0", "kg"), q("1", "t")))
                    .hasMessage("sourceQuantity \"0 t\": a batch quantity must be greater than zero");
        }
    }

    /** A batch (quantity, footprint) and a split of its whole quantity into shipments. */
    record Split(Quantity batch, Co2e footprint, List<Quantity> parts) {
    }

    @Provide
    Arbitrary<Split> splits() {
        Arbitrary<BigDecimal> component = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1e12"))
                .ofScale(9);
        Arbitrary<Co2e> footprint = Combinators.combine(component, component, component).as(Co2e::new);
        Arbitrary<List<Integer>> weights = Arbitraries.integers().between(1, 1_000_000).list().ofMinSize(1)
                .ofMaxSize(12);
        Arbitrary<BigDecimal> batchKg = Arbitraries.bigDecimals().between(new BigDecimal("0.001"),
                new BigDecimal("1e9")).ofScale(3);
        return Combinators.combine(batchKg, footprint, weights).as((kg, f, w) -> {
            // Cut the batch (in g, exact) into parts proportional to the weights; the last part takes the rest.
            BigDecimal grams = kg.movePointRight(3);
            long sum = w.stream().mapToLong(Integer::longValue).sum();
            List<Quantity> parts = new ArrayList<>();
            BigDecimal used = BigDecimal.ZERO;
            for (int i = 0; i < w.size() - 1; i++) {
                BigDecimal g = grams.multiply(BigDecimal.valueOf(w.get(i)))
                        .divide(BigDecimal.valueOf(sum), 0, RoundingMode.DOWN);
                if (g.signum() > 0) {
                    parts.add(new Quantity(g, Unit.G));
                    used = used.add(g);
                }
            }
            parts.add(new Quantity(grams.subtract(used), Unit.G));
            return new Split(new Quantity(kg, Unit.KG), f, parts);
        }).filter(s -> s.parts().stream().noneMatch(Quantity::isZero));
    }

    @Property
    void allocations_of_a_fully_shipped_batch_add_up_to_its_footprint_exactly(@ForAll("splits") Split split) {
        Co2e sum = Co2e.ZERO;
        Quantity shipped = new Quantity(BigDecimal.ZERO, Unit.KG);
        for (Quantity part : split.parts()) {
            sum = sum.plus(Allocation.allocate(split.footprint(), split.batch(), shipped, part));
            shipped = MassBalance.requireWithin(split.batch(), shipped, part, "quantity");
        }
        assertThat(sum).isEqualTo(split.footprint());
    }

    @Property
    void splitting_a_shipment_into_consecutive_parts_never_changes_its_allocation(
            @ForAll("splits") Split split, @ForAll @IntRange(min = 0, max = 11) int firstPart) {
        // Ship the parts before `firstPart` elsewhere, then compare the remaining parts shipped one by one with the
        // same material shipped as one consignment.
        int from = Math.min(firstPart, split.parts().size() - 1);
        Quantity before = new Quantity(BigDecimal.ZERO, Unit.KG);
        for (int i = 0; i < from; i++) {
            before = before.plus(split.parts().get(i)).toBase();
        }
        Co2e partsSum = Co2e.ZERO;
        Quantity shipped = before;
        Quantity whole = new Quantity(BigDecimal.ZERO, Unit.G);
        for (int i = from; i < split.parts().size(); i++) {
            Quantity part = split.parts().get(i);
            partsSum = partsSum.plus(Allocation.allocate(split.footprint(), split.batch(), shipped, part));
            shipped = MassBalance.requireWithin(split.batch(), shipped, part, "quantity");
            whole = whole.plus(part);
        }
        assertThat(partsSum).isEqualTo(Allocation.allocate(split.footprint(), split.batch(), before, whole));
    }

    @Property
    void each_allocation_is_its_quantity_share_within_one_unit_of_the_34th_digit(@ForAll("splits") Split split) {
        BigDecimal q = split.batch().toBase().value();
        Quantity shipped = new Quantity(BigDecimal.ZERO, Unit.KG);
        for (Quantity part : split.parts()) {
            Co2e a = Allocation.allocate(split.footprint(), split.batch(), shipped, part);
            BigDecimal share = part.toBase().value();
            BigDecimal exact = split.footprint().fossil().multiply(share).divide(q, new java.math.MathContext(80));
            BigDecimal tolerance = split.footprint().fossil().ulp().max(
                    split.footprint().fossil().round(java.math.MathContext.DECIMAL128).ulp());
            assertThat(a.fossil().subtract(exact).abs()).isLessThanOrEqualTo(tolerance);
            assertThat(a.fossil().signum()).isGreaterThanOrEqualTo(0);
            shipped = MassBalance.requireWithin(split.batch(), shipped, part, "quantity");
        }
    }
}
