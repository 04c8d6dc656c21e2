package org.carbonledger.core.provenance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredTransfer;

/**
 * The upstream provenance of a batch: every batch whose material flowed into it, found by following each batch's
 * inbound transfers to their source batches. The chaincode's {@code GetProvenance}, the footprint declaration's
 * {@code Provenance} and the verifier all walk with this one class, so they agree on which batches belong to a
 * provenance, at which depth and in which order.
 *
 * <ul>
 *   <li>Breadth-first from the root (depth 0); a batch's depth is the length of the shortest chain of transfers
 *       from it to the root, and {@link #tiers()} is the largest depth reached plus one.</li>
 *   <li>Deterministic whatever order a lookup answers in: a batch's inbound transfers are taken in transfer id order,
 *       and its source batches are queued in batch id order.</li>
 *   <li>A provenance of more than {@value #MAX_BATCHES} batches is refused rather than truncated.</li>
 * </ul>
 *
 * <p>Usage:
 * <pre>{@code
 * UpstreamWalk walk = UpstreamWalk.from(root, lookup);
 * for (UpstreamWalk.Node n : walk.nodes()) {
 *     System.out.println(n.batch().id() + " at depth " + n.depth());
 * }
 * }</pre>
 */
public final class UpstreamWalk {

    /** Walks stop here: a provenance graph larger than this is refused rather than truncated. */
    public static final int MAX_BATCHES = 10_000;

    /**
     * A batch the walk reached.
     *
     * @param batch its state
     * @param depth 0 for the root, 1 for the batches it received material from, …
     */
    public record Node(StoredBatch batch, int depth) {
        /** Null-checks the batch; the depth is not negative. */
        public Node {
            Objects.requireNonNull(batch, "batch");
            if (depth < 0) {
                throw new IllegalArgumentException("depth " + depth + " is negative");
            }
        }
    }

    private final BatchId root;
    private final List<Node> nodes;
    private final List<StoredTransfer> transfers;
    private final Map<BatchId, Integer> depth;
    private final SortedSet<BatchId> missing;

    private UpstreamWalk(BatchId root, List<Node> nodes, List<StoredTransfer> transfers, Map<BatchId, Integer> depth,
                         SortedSet<BatchId> missing) {
        this.root = root;
        this.nodes = nodes;
        this.transfers = transfers;
        this.depth = depth;
        this.missing = missing;
    }

    /**
     * @param root the batch whose provenance is walked
     * @param lookup where the states are read
     * @return the walk
     * @throws LedgerRuleException INVALID_STATE when the provenance has more than {@value #MAX_BATCHES} batches,
     *     or whatever the lookup throws
     */
    public static UpstreamWalk from(BatchId root, UpstreamLookup lookup) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(lookup, "lookup");
        List<Node> nodes = new ArrayList<>();
        List<StoredTransfer> transfers = new ArrayList<>();
        Map<BatchId, Integer> depth = new TreeMap<>();
        SortedSet<BatchId> missing = new TreeSet<>();
        Deque<BatchId> queue = new ArrayDeque<>();
        depth.put(root, 0);
        queue.add(root);
        while (!queue.isEmpty()) {
            BatchId id = queue.removeFirst();
            Optional<StoredBatch> found = lookup.batch(id);
            if (found.isEmpty()) {
                missing.add(id);
                continue;
            }
            int d = depth.get(id);
            nodes.add(new Node(found.get(), d));
            List<StoredTransfer> inbound = new ArrayList<>(lookup.inbound(found.get()));
            inbound.sort(Comparator.comparing(StoredTransfer::transferId));
            TreeSet<BatchId> sources = new TreeSet<>();
            for (StoredTransfer t : inbound) {
                transfers.add(t);
                sources.add(t.from());
            }
            for (BatchId source : sources) {
                if (!depth.containsKey(source)) {
                    depth.put(source, d + 1);
                    if (depth.size() > MAX_BATCHES) {
                        throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", root.toString(),
                                "its provenance has more than " + MAX_BATCHES + " batches");
                    }
                    queue.addLast(source);
                }
            }
        }
        return new UpstreamWalk(root, List.copyOf(nodes), List.copyOf(transfers), Collections.unmodifiableMap(depth),
                Collections.unmodifiableSortedSet(missing));
    }

    /** @return the batch whose provenance this is */
    public BatchId root() {
        return root;
    }

    /** @return the batches reached, the root first, breadth-first */
    public List<Node> nodes() {
        return nodes;
    }

    /** @return the inbound transfers of the batches reached, in the order of {@link #nodes()} */
    public List<StoredTransfer> transfers() {
        return transfers;
    }

    /** @return the number of tiers, the root's own included: the largest depth reached plus one (0 if none) */
    public int tiers() {
        return nodes.stream().mapToInt(Node::depth).max().orElse(-1) + 1;
    }

    /**
     * @param batch a batch
     * @return its depth, if the walk reached it (also when the lookup did not have it)
     */
    public OptionalInt depth(BatchId batch) {
        Integer d = depth.get(Objects.requireNonNull(batch, "batch"));
        return d == null ? OptionalInt.empty() : OptionalInt.of(d);
    }

    /** @return the batches the walk reached whose state the lookup did not have, in batch id order */
    public SortedSet<BatchId> missing() {
        return missing;
    }
}
