package org.carbonledger.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.ledger.StoredTransfer;
import org.carbonledger.core.verify.ProofBundle;
import org.junit.jupiter.api.Test;

/**
 * The one upstream walk, on a diamond: the root R receives from A (transfer 3) and B (transfer 1), both of which
 * received from C (transfers 4 and 2). States are the worked example's, re-labelled.
 */
class UpstreamWalkTest {
    private static final ProofBundle BUNDLE = ProofBundle.fromJson(Fixtures.bytes("verify/worked-example.bundle.json"));
    private static final StoredBatch TEMPLATE_BATCH =
            BUNDLE.batch(BatchId.of("09506000134390", "WM-2611-001")).orElseThrow().batch();
    private static final StoredTransfer TEMPLATE_TRANSFER = BUNDLE.transfers().values().iterator().next();
    private static final String GTIN = "09506000134390";

    private static final BatchId R = BatchId.of(GTIN, "R");
    private static final BatchId A = BatchId.of(GTIN, "A");
    private static final BatchId B = BatchId.of(GTIN, "B");
    private static final BatchId C = BatchId.of(GTIN, "C");

    private final Map<BatchId, StoredBatch> batches = new HashMap<>();
    private final Map<LedgerId, StoredTransfer> transfers = new HashMap<>();

    private static String transferId(int n) {
        return String.format("20000000-0000-4000-8000-%012d", n);
    }

    private void batch(BatchId id, int... inbound) {
        List<JsonValue> ids = new ArrayList<>();
        for (int n : inbound) {
            ids.add(JsonString.of(transferId(n)));
        }
        JsonObject json = TEMPLATE_BATCH.json().without("lot").with("lot", JsonString.of(id.lot().value()))
                .without("inbound").with("inbound", JsonArray.of(ids));
        batches.put(id, StoredBatch.fromJson(json, "batch"));
    }

    private void transfer(int n, BatchId from) {
        JsonObject json = TEMPLATE_TRANSFER.json().without("transferId").with("transferId", JsonString.of(transferId(n)))
                .without("from").with("from", JsonObject.builder().put("gtin", from.gtin().value())
                        .put("lot", from.lot().value()).build());
        StoredTransfer t = StoredTransfer.fromJson(json, "transfer");
        transfers.put(t.transferId(), t);
    }

    private void diamond() {
        batch(R, 3, 1);
        batch(A, 4);
        batch(B, 2);
        batch(C);
        transfer(1, B);
        transfer(2, C);
        transfer(3, A);
        transfer(4, C);
    }

    private UpstreamLookup lookup(UnaryOperator<List<StoredTransfer>> order) {
        return new UpstreamLookup() {
            @Override
            public Optional<StoredBatch> batch(BatchId id) {
                return Optional.ofNullable(batches.get(id));
            }

            @Override
            public List<StoredTransfer> inbound(StoredBatch batch) {
                List<StoredTransfer> inbound = new ArrayList<>();
                for (LedgerId id : batch.inbound()) {
                    Optional.ofNullable(transfers.get(id)).ifPresent(inbound::add);
                }
                return order.apply(inbound);
            }
        };
    }

    private static List<String> nodes(UpstreamWalk walk) {
        return walk.nodes().stream().map(n -> n.batch().id().lot().value() + "@" + n.depth()).toList();
    }

    private static List<String> edges(UpstreamWalk walk) {
        return walk.transfers().stream().map(t -> t.transferId().value().substring(24).replaceFirst("^0+", ""))
                .toList();
    }

    @Test
    void walks_breadth_first_with_each_batch_at_its_shortest_depth() {
        diamond();

        UpstreamWalk walk = UpstreamWalk.from(R, lookup(UnaryOperator.identity()));

        assertThat(nodes(walk)).containsExactly("R@0", "A@1", "B@1", "C@2");
        assertThat(edges(walk)).containsExactly("1", "3", "4", "2");
        assertThat(walk.tiers()).isEqualTo(3);
        assertThat(walk.depth(C)).hasValue(2);
        assertThat(walk.missing()).isEmpty();
    }

    @Test
    void the_order_does_not_depend_on_the_order_a_lookup_answers_in() {
        diamond();
        UpstreamWalk asStored = UpstreamWalk.from(R, lookup(UnaryOperator.identity()));

        UpstreamWalk reversed = UpstreamWalk.from(R, lookup(list -> {
            List<StoredTransfer> copy = new ArrayList<>(list);
            Collections.reverse(copy);
            return copy;
        }));

        assertThat(nodes(reversed)).isEqualTo(nodes(asStored));
        assertThat(edges(reversed)).isEqualTo(edges(asStored));
    }

    @Test
    void a_batch_that_received_nothing_is_one_tier() {
        batch(C);

        UpstreamWalk walk = UpstreamWalk.from(C, lookup(UnaryOperator.identity()));

        assertThat(nodes(walk)).containsExactly("C@0");
        assertThat(walk.transfers()).isEmpty();
        assertThat(walk.tiers()).isEqualTo(1);
    }

    @Test
    void a_batch_the_lookup_does_not_have_is_recorded_as_missing_and_the_walk_goes_on() {
        diamond();
        batches.remove(A);

        UpstreamWalk walk = UpstreamWalk.from(R, lookup(UnaryOperator.identity()));

        assertThat(nodes(walk)).containsExactly("R@0", "B@1", "C@2");
        assertThat(walk.missing()).containsExactly(A);
        assertThat(walk.depth(A)).hasValue(1);
        assertThat(walk.depth(BatchId.of(GTIN, "Z"))).isEmpty();
    }

    @Test
    void a_lookup_may_refuse_to_go_on_without_a_state() {
        diamond();
        batches.remove(C);
        UpstreamLookup strict = new UpstreamLookup() {
            @Override
            public Optional<StoredBatch> batch(BatchId id) {
                return Optional.of(Optional.ofNullable(batches.get(id)).orElseThrow(() ->
                        LedgerRuleException.of(ErrorCode.NOT_FOUND, "batch", id.toString(), "no such batch")));
            }

            @Override
            public List<StoredTransfer> inbound(StoredBatch batch) {
                return lookup(UnaryOperator.identity()).inbound(batch);
            }
        };

        assertThatThrownBy(() -> UpstreamWalk.from(R, strict))
                .isInstanceOfSatisfying(LedgerRuleException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    /** A root receiving from {@code sources} distinct batches: a provenance of {@code sources + 1} batches. */
    private void fan(int sources) {
        int[] inbound = new int[sources];
        for (int i = 0; i < sources; i++) {
            inbound[i] = i + 1;
            BatchId source = BatchId.of(GTIN, "S-" + (i + 1));
            batch(source);
            transfer(i + 1, source);
        }
        batch(R, inbound);
    }

    @Test
    void a_provenance_of_exactly_the_limit_is_walked() {
        fan(UpstreamWalk.MAX_BATCHES - 1);

        UpstreamWalk walk = UpstreamWalk.from(R, lookup(UnaryOperator.identity()));

        assertThat(walk.nodes()).hasSize(UpstreamWalk.MAX_BATCHES);
        assertThat(walk.tiers()).isEqualTo(2);
    }

    @Test
    void a_provenance_beyond_the_limit_is_refused_rather_than_truncated() {
        fan(UpstreamWalk.MAX_BATCHES);

        assertThatThrownBy(() -> UpstreamWalk.from(R, lookup(UnaryOperator.identity())))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.getMessage()).contains("its provenance has more than 10000 batches");
                });
    }
}
