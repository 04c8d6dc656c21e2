package org.carbonledger.core.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.quantity.Decimals;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;

/**
 * Part 4: every shipment out of a batch records where the batch's running shipped total stood before it
 * ({@code sourceShippedBefore}). Ordered by that, the shipments must tile the interval from zero to the stored
 * shipped total exactly, which also proves that no shipment is missing from the bundle, and stay within the batch
 * quantity. All in the dimension's base unit, where conversion is exact.
 */
final class MassBalanceChecks {

    private static final CheckCategory CATEGORY = CheckCategory.MASS_BALANCE;

    private MassBalanceChecks() {
    }

    /** One shipment as an interval [start, end) of the source's base unit. */
    private record Interval(StoredTransfer transfer, BigDecimal start, BigDecimal end) {
    }

    /** The shipments of one batch, walked in order. */
    private record Walk(List<Interval> intervals, List<String> problems, BigDecimal end, BigDecimal reach) {
    }

    static List<Check> massBalance(VerificationContext ctx) {
        List<Check> checks = new ArrayList<>();
        for (BundledBatch b : ctx.batchOrder) {
            StoredBatch batch = b.batch();
            Walk walk = walk(batch, ctx.shipmentsFrom(batch.id()));
            checks.add(contiguous(batch, walk));
            checks.add(shippedTotal(batch, walk));
            checks.add(withinQuantity(batch, walk));
        }
        return checks;
    }

    private static Walk walk(StoredBatch batch, List<StoredTransfer> shipments) {
        Unit base = batch.quantity().unit().dimension().baseUnit();
        List<String> problems = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>();
        for (StoredTransfer t : shipments) {
            if (t.quantity().unit().dimension() != base.dimension()
                    || t.sourceShippedBefore().unit().dimension() != base.dimension()) {
                problems.add(t.transferId() + " ships " + t.quantity() + " after " + t.sourceShippedBefore()
                        + ", not in the batch's dimension (" + base.dimension().label() + ")");
                continue;
            }
            BigDecimal start = t.sourceShippedBefore().convertTo(base).value();
            BigDecimal end = start.add(t.quantity().convertTo(base).value());
            intervals.add(new Interval(t, start, end));
        }
        intervals.sort(Comparator.comparing(Interval::start).thenComparing(i -> i.transfer().transferId()));
        BigDecimal cursor = BigDecimal.ZERO;
        BigDecimal reach = BigDecimal.ZERO;
        for (Interval i : intervals) {
            String id = i.transfer().transferId().value();
            if (i.end().compareTo(i.start()) <= 0) {
                problems.add(id + " ships nothing");
            }
            int cmp = i.start().compareTo(cursor);
            if (cmp < 0) {
                problems.add(id + " starts at " + amount(i.start(), base) + ", overlapping the previous shipments by "
                        + amount(cursor.subtract(i.start()), base));
            } else if (cmp > 0) {
                problems.add(id + " starts at " + amount(i.start(), base) + ", leaving a gap of "
                        + amount(i.start().subtract(cursor), base) + " after the previous shipments");
            }
            cursor = i.end();
            reach = reach.max(i.end());
        }
        return new Walk(List.copyOf(intervals), List.copyOf(problems), cursor, reach);
    }

    private static String amount(BigDecimal value, Unit unit) {
        return Decimals.canonical(value) + " " + unit.symbol();
    }

    private static String listing(Walk walk, Unit base) {
        if (walk.intervals().isEmpty()) {
            return "no shipments";
        }
        List<String> parts = new ArrayList<>();
        for (Interval i : walk.intervals()) {
            parts.add(i.transfer().transferId() + " " + Decimals.canonical(i.start()) + " → "
                    + amount(i.end(), base));
        }
        return walk.intervals().size() + " shipment" + (walk.intervals().size() == 1 ? "" : "s") + ": "
                + String.join(", ", parts);
    }

    private static Check contiguous(StoredBatch batch, Walk walk) {
        Unit base = batch.quantity().unit().dimension().baseUnit();
        boolean ok = walk.problems().isEmpty();
        return Check.required(CheckIds.MASS_BALANCE_CONTIGUOUS, CATEGORY, Subject.batch(batch.id()), ok,
                listing(walk, base) + (ok ? "" : "; " + String.join("; ", walk.problems())),
                ok ? "the shipments follow each other from zero without gap or overlap"
                        : "the shipments do not follow each other from zero without gap or overlap");
    }

    private static Check shippedTotal(StoredBatch batch, Walk walk) {
        Subject subject = Subject.batch(batch.id());
        Unit base = batch.quantity().unit().dimension().baseUnit();
        Quantity shipped = batch.shipped();
        if (shipped.unit().dimension() != base.dimension()) {
            return Check.required(CheckIds.MASS_BALANCE_SHIPPED_TOTAL, CATEGORY, subject, false,
                    "shipments end at " + amount(walk.end(), base) + " vs stored shipped " + shipped
                            + ", not a " + base.dimension().label(),
                    "the stored shipped total is not a quantity of the batch's dimension");
        }
        BigDecimal stored = shipped.convertTo(base).value();
        boolean ok = stored.compareTo(walk.end()) == 0;
        return Check.required(CheckIds.MASS_BALANCE_SHIPPED_TOTAL, CATEGORY, subject, ok,
                "shipments end at " + amount(walk.end(), base) + " vs stored shipped " + amount(stored, base),
                ok ? "every shipment out of the batch is in the bundle"
                        : "the bundled shipments do not add up to what the batch has shipped");
    }

    private static Check withinQuantity(StoredBatch batch, Walk walk) {
        Subject subject = Subject.batch(batch.id());
        Unit base = batch.quantity().unit().dimension().baseUnit();
        BigDecimal capacity = batch.quantity().convertTo(base).value();
        BigDecimal reach = walk.reach();
        String storedText;
        if (batch.shipped().unit().dimension() == base.dimension()) {
            BigDecimal stored = batch.shipped().convertTo(base).value();
            reach = reach.max(stored);
            storedText = amount(stored, base);
        } else {
            storedText = batch.shipped().toString();
        }
        boolean ok = reach.compareTo(capacity) <= 0;
        return Check.required(CheckIds.MASS_BALANCE_WITHIN_QUANTITY, CATEGORY, subject, ok,
                "shipments reach " + amount(walk.reach(), base) + ", stored shipped " + storedText + " "
                        + (ok ? "≤" : ">") + " quantity " + batch.quantity()
                        + (batch.quantity().unit() == base ? "" : " (" + amount(capacity, base) + ")"),
                ok ? "no more material left the batch than it holds"
                        : "more material left the batch than it holds");
    }
}
