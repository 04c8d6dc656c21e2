package org.carbonledger.core.pact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredFactor;
import org.carbonledger.core.ledger.StoredRecord;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.provenance.UpstreamLookup;
import org.carbonledger.core.provenance.UpstreamWalk;
import org.carbonledger.core.quantity.Decimals;

/**
 * What the ledger says about everything upstream of one sealed batch, derived from its stored state: how many tiers
 * the supply chain has, which organizations made the upstream batches, the period the activity data covers, the
 * share of primary data and the emission-factor datasets used. The consumer passport and the PACT mapping both read
 * it, so both say the same.
 *
 * <p>The walk is core's {@link UpstreamWalk}, the one the chaincode's {@code GetProvenance} and the verifier use;
 * the depth of the root is 0 and {@link #tiers()} counts the root's tier.
 *
 * <p><b>Primary data share.</b> A record that reports measured gases counts as primary data; a record that multiplies
 * an activity amount by a published (secondary) emission factor counts as secondary. Material received from a
 * supplier counts as primary in the proportion of the supplier batch's own primary share, since its footprint is the
 * supplier's specific footprint for that lot. The share is computed exactly and given in percent, rounded half-even
 * to {@value #SHARE_FRACTION_DIGITS} fraction digits. A batch whose footprint is zero has a share of 0.
 */
public final class Provenance {

    /** Fraction digits of {@link #primaryDataSharePercent()}. */
    public static final int SHARE_FRACTION_DIGITS = 4;

    private final BatchId root;
    private final Map<BatchId, StoredBatch> batches;
    private final Map<BatchId, Integer> depth;
    private final int tiers;
    private final Instant referencePeriodStart;
    private final Instant referencePeriodEnd;
    private final BigDecimal primaryShare;
    private final SortedSet<FactorSource> factorSources;
    private final int recordCount;
    private final int measuredRecordCount;

    /**
     * An emission-factor dataset a footprint used.
     *
     * @param dataset the dataset name
     * @param version its version
     */
    public record FactorSource(String dataset, String version) implements Comparable<FactorSource> {
        /** Null-checks both parts. */
        public FactorSource {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(version, "version");
        }

        @Override
        public int compareTo(FactorSource o) {
            int c = dataset.compareTo(o.dataset);
            return c != 0 ? c : version.compareTo(o.version);
        }
    }

    private Provenance(BatchId root, Map<BatchId, StoredBatch> batches, Map<BatchId, Integer> depth, int tiers,
                       Instant start, Instant end, BigDecimal primaryShare, SortedSet<FactorSource> sources,
                       int recordCount, int measuredRecordCount) {
        this.root = root;
        this.batches = batches;
        this.depth = depth;
        this.tiers = tiers;
        this.referencePeriodStart = start;
        this.referencePeriodEnd = end;
        this.primaryShare = primaryShare;
        this.factorSources = sources;
        this.recordCount = recordCount;
        this.measuredRecordCount = measuredRecordCount;
    }

    /**
     * Walks the provenance of {@code root} through the given stored state. Every batch and transfer reached must be
     * given, and every factor an activity record names; extra state is ignored.
     *
     * @param root the sealed batch
     * @param batches stored batches, at least those upstream of the root (and the root)
     * @param records stored records of those batches (records of other batches are ignored)
     * @param transfers stored transfers, at least those the batches list as inbound
     * @param factors stored factors by id, at least those the activity records name
     * @return the provenance
     * @throws LedgerRuleException INVALID_STATE naming what is missing, BATCH_NOT_SEALED if the root is not sealed
     */
    public static Provenance of(BatchId root, Collection<StoredBatch> batches, Collection<StoredRecord> records,
                                Collection<StoredTransfer> transfers, Map<String, StoredFactor> factors) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(factors, "factors");
        Map<BatchId, StoredBatch> byId = new HashMap<>();
        for (StoredBatch b : Objects.requireNonNull(batches, "batches")) {
            byId.put(b.id(), b);
        }
        Map<LedgerId, StoredTransfer> transferById = new HashMap<>();
        for (StoredTransfer t : Objects.requireNonNull(transfers, "transfers")) {
            transferById.put(t.transferId(), t);
        }
        StoredBatch rootBatch = byId.get(root);
        if (rootBatch == null) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", root.toString(), "its state was not given");
        }
        if (!rootBatch.isSealed()) {
            throw LedgerRuleException.of(ErrorCode.BATCH_NOT_SEALED, "batch", root.toString(),
                    "is not sealed: only a sealed footprint has a fixed provenance");
        }

        UpstreamWalk walk = UpstreamWalk.from(root, new UpstreamLookup() {
            @Override
            public Optional<StoredBatch> batch(BatchId id) {
                StoredBatch batch = byId.get(id);
                if (batch == null) {
                    throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", id.toString(),
                            "is upstream of " + root + " but its state was not given");
                }
                return Optional.of(batch);
            }

            @Override
            public List<StoredTransfer> inbound(StoredBatch batch) {
                List<StoredTransfer> inbound = new ArrayList<>();
                for (LedgerId transferId : batch.inbound()) {
                    inbound.add(transfer(transferById, transferId, batch.id()));
                }
                return inbound;
            }
        });
        TreeMap<BatchId, StoredBatch> reached = new TreeMap<>();
        TreeMap<BatchId, Integer> depth = new TreeMap<>();
        for (UpstreamWalk.Node n : walk.nodes()) {
            reached.put(n.batch().id(), n.batch());
            depth.put(n.batch().id(), n.depth());
        }

        Map<BatchId, List<StoredRecord>> recordsOf = new HashMap<>();
        for (StoredRecord r : Objects.requireNonNull(records, "records")) {
            if (reached.containsKey(r.batch())) {
                recordsOf.computeIfAbsent(r.batch(), k -> new ArrayList<>()).add(r);
            }
        }
        Instant start = null;
        Instant end = null;
        TreeSet<FactorSource> sources = new TreeSet<>();
        int recordCount = 0;
        int measuredRecordCount = 0;
        for (List<StoredRecord> list : recordsOf.values()) {
            for (StoredRecord r : list) {
                recordCount++;
                if (r.record().has("gases")) {
                    measuredRecordCount++;
                }
                JsonObjectReader signed = JsonObjectReader.of(r.record(), "record " + r.recordId());
                Instant periodStart = Instant.parse(signed.requireString("periodStart"));
                Instant periodEnd = Instant.parse(signed.requireString("periodEnd"));
                start = start == null || periodStart.isBefore(start) ? periodStart : start;
                end = end == null || periodEnd.isAfter(end) ? periodEnd : end;
                if (signed.has("activity")) {
                    String factorId = signed.requireObject("activity").requireString("factorId");
                    StoredFactor factor = factors.get(factorId);
                    if (factor == null) {
                        throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "factorId", factorId,
                                "is used by record " + r.recordId() + " but its state was not given");
                    }
                    sources.add(new FactorSource(factor.factor().dataset(), factor.factor().version()));
                }
            }
        }
        if (start == null) {
            // Every seal needs records or received material, so some tier always has records.
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", root.toString(),
                    "no record of its provenance was given");
        }

        Map<BatchId, BigDecimal> shares = new HashMap<>();
        BigDecimal share = primaryShare(root, reached, recordsOf, transferById, shares);
        return new Provenance(root, Collections.unmodifiableMap(reached), Collections.unmodifiableMap(depth),
                walk.tiers(), start, end, share, Collections.unmodifiableSortedSet(sources), recordCount,
                measuredRecordCount);
    }

    /** Share (0..1) of a batch's footprint that comes from primary data, memoized; the graph is acyclic. */
    private static BigDecimal primaryShare(BatchId id, Map<BatchId, StoredBatch> batches,
                                           Map<BatchId, List<StoredRecord>> recordsOf,
                                           Map<LedgerId, StoredTransfer> transfers, Map<BatchId, BigDecimal> memo) {
        BigDecimal known = memo.get(id);
        if (known != null) {
            return known;
        }
        BigDecimal primary = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (StoredRecord r : recordsOf.getOrDefault(id, List.of())) {
            BigDecimal co2e = r.co2e().total();
            total = total.add(co2e);
            if (r.record().has("gases")) {
                primary = primary.add(co2e);
            }
        }
        for (LedgerId transferId : batches.get(id).inbound()) {
            StoredTransfer t = transfers.get(transferId);
            BigDecimal allocated = t.allocated().total();
            total = total.add(allocated);
            primary = primary.add(allocated.multiply(primaryShare(t.from(), batches, recordsOf, transfers, memo)));
        }
        BigDecimal share = total.signum() == 0 ? BigDecimal.ZERO : primary.divide(total, Decimals.MC);
        memo.put(id, share);
        return share;
    }

    private static StoredTransfer transfer(Map<LedgerId, StoredTransfer> transfers, LedgerId id, BatchId into) {
        StoredTransfer t = transfers.get(id);
        if (t == null) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "transferId", id.value(),
                    "is received by " + into + " but its state was not given");
        }
        return t;
    }

    /** @return the sealed batch whose provenance this is */
    public StoredBatch rootBatch() {
        return batches.get(root);
    }

    /** @return every batch of the provenance, the root included, in batch id order */
    public Collection<StoredBatch> batches() {
        return batches.values();
    }

    /**
     * @param batch a batch of the provenance
     * @return its depth: 0 for the root, 1 for its direct suppliers' batches, …
     */
    public int depth(BatchId batch) {
        Integer d = depth.get(Objects.requireNonNull(batch, "batch"));
        if (d == null) {
            throw new IllegalArgumentException(batch + " is not in the provenance of " + root);
        }
        return d;
    }

    /** @return the number of tiers of the supply chain, the root's own included (1 when nothing was received) */
    public int tiers() {
        return tiers;
    }

    /** @return the number of tiers above the root: {@link #tiers()} − 1 */
    public int upstreamTiers() {
        return tiers - 1;
    }

    /** @return the organizations that made upstream batches (the root's owner only if it also made one), sorted */
    public SortedSet<String> upstreamOwners() {
        TreeSet<String> owners = new TreeSet<>();
        for (StoredBatch b : batches.values()) {
            if (!b.id().equals(root)) {
                owners.add(b.ownerMspId());
            }
        }
        return Collections.unmodifiableSortedSet(owners);
    }

    /** @return the earliest period start of any record of the provenance */
    public Instant referencePeriodStart() {
        return referencePeriodStart;
    }

    /** @return the latest period end of any record of the provenance */
    public Instant referencePeriodEnd() {
        return referencePeriodEnd;
    }

    /** @return the number of records of the whole provenance */
    public int recordCount() {
        return recordCount;
    }

    /**
     * @return how many of the {@link #recordCount()} records report measured gases (primary data); the others report
     *     an activity amount that a published emission factor converts. Both kinds are signed by metering devices, so
     *     the record count says nothing about the primary data share, which weighs records by their CO2e.
     */
    public int measuredRecordCount() {
        return measuredRecordCount;
    }

    /** @return the primary data share of the root's footprint, exact (0..1) */
    public BigDecimal primaryShare() {
        return primaryShare;
    }

    /** @return the primary data share in percent, rounded half-even to {@value #SHARE_FRACTION_DIGITS} digits */
    public BigDecimal primaryDataSharePercent() {
        return Decimals.normalize(primaryShare.movePointRight(2).setScale(SHARE_FRACTION_DIGITS, RoundingMode.HALF_EVEN));
    }

    /** @return the emission-factor datasets the activity records of the provenance used, sorted */
    public SortedSet<FactorSource> factorSources() {
        return factorSources;
    }
}
