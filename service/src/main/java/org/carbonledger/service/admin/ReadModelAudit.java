package org.carbonledger.service.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.carbonledger.client.events.ChangeFeed;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.service.ledger.LedgerGateway;
import org.carbonledger.service.query.StateQueries;
import org.carbonledger.service.sync.LedgerStateRow;
import org.carbonledger.service.sync.ReadModelStore;

/**
 * Compares the read model with the ledger and lists every difference. The ledger side is rebuilt in memory from the
 * chain itself (every Carbon Ledger transaction's change event, and the private data the organization's peer
 * delivers with it, from block 0 up to the read model's checkpoint); the
 * read model side is read in one database transaction, so the two are compared at the same point of the chain even
 * while the sync keeps applying newer blocks.
 *
 * <p>Differences: {@code MISSING} (on the ledger, not in the read model), {@code EXTRA} (in the read model only),
 * {@code DIFFERENT} (another value), and {@code PROJECTION} (a query table disagrees with the state it was derived
 * from, e.g. a batch's footprint edited in {@code batch_view}).
 */
@Singleton
@Requires(beans = LedgerGateway.class)
public class ReadModelAudit {
    private static final int PAGE = 1000;
    private static final int MAX_LISTED = 1000;
    private static final java.time.Duration MAX_REPLAY = java.time.Duration.ofMinutes(10);

    private final LedgerGateway gateway;
    private final ReadModelStore store;
    private final StateQueries queries;
    private final ProjectionChecks projections;

    public ReadModelAudit(LedgerGateway gateway, ReadModelStore store, StateQueries queries, ProjectionChecks projections) {
        this.gateway = gateway;
        this.store = store;
        this.queries = queries;
        this.projections = projections;
    }

    @Transactional(readOnly = true)
    public JsonObject run() {
        Optional<Long> block = store.checkpointBlock();
        Optional<String> lastTx = store.checkpointTransaction();
        Map<String, String> ledger = new HashMap<>();
        long transactions = 0;
        if (block.isPresent() && lastTx.isPresent()) {
            try (ChangeFeed feed = ChangeFeed.open(gateway.connection(), ChangeFeed.Position.start());
                 Watchdog watchdog = new Watchdog(feed, MAX_REPLAY)) {
                while (watchdog.armed()) {
                    LedgerTransaction tx = feed.next();
                    transactions++;
                    for (LedgerTransaction.Change change : tx.changes()) {
                        if (change.value().isPresent()) {
                            ledger.put(change.key(), fingerprint(change.type(), change.value().get()));
                        } else {
                            ledger.remove(change.key());
                        }
                    }
                    if (tx.transactionId().equals(lastTx.get()) || tx.blockNumber() > block.get()) {
                        break;
                    }
                }
            }
        }
        List<JsonObject> differences = new ArrayList<>();
        TreeMap<String, String> unseen = new TreeMap<>(ledger);
        long rows = 0;
        String after = "";
        while (true) {
            List<LedgerStateRow> page = queries.after(after, PAGE);
            for (LedgerStateRow row : page) {
                rows++;
                String expected = unseen.remove(row.stateKey());
                String actual = fingerprint(row.stateType(), Json.parseObject(row.valueJson(), "value"));
                if (expected == null) {
                    differences.add(difference("EXTRA", row.stateKey(), "in the read model, not on the ledger"));
                } else if (!expected.equals(actual)) {
                    differences.add(difference("DIFFERENT", row.stateKey(), "the read model's value differs from the ledger's"));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).stateKey();
        }
        unseen.keySet().forEach(key -> differences.add(difference("MISSING", key, "on the ledger, not in the read model")));
        projections.check(differences::add);
        long appliedTransactions = store.appliedTransactions().orElse(0L);
        if (appliedTransactions != transactions) {
            differences.add(difference("TRANSACTIONS", "", "the read model applied " + appliedTransactions
                    + " transactions, the ledger has " + transactions + " up to the checkpoint"));
        }
        JsonObject.Builder report = JsonObject.builder()
                .put("checkpointBlock", block.orElse(-1L))
                .put("ledgerTransactions", transactions)
                .put("ledgerKeys", (long) ledger.size())
                .put("readModelKeys", rows)
                .put("consistent", differences.isEmpty())
                .put("differenceCount", (long) differences.size())
                .put("differences", JsonArray.of(differences.size() > MAX_LISTED ? differences.subList(0, MAX_LISTED) : differences));
        lastTx.ifPresent(tx -> report.put("checkpointTransaction", tx));
        return report.build();
    }

    /**
     * Closes the feed if the replay takes too long, e.g. when the checkpoint names a transaction the chain does not
     * hold (a tampered checkpoint): the blocked read then fails instead of waiting for ever.
     */
    private static final class Watchdog implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "audit-watchdog");
                    t.setDaemon(true);
                    return t;
                });

        Watchdog(ChangeFeed feed, java.time.Duration limit) {
            timer.schedule(feed::close, limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        boolean armed() {
            return !timer.isShutdown();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static String fingerprint(String type, JsonObject value) {
        return type + ":" + Sha256.of(Jcs.canonicalize(value)).toHex();
    }

    static JsonObject difference(String kind, String key, String detail) {
        return JsonObject.builder().put("kind", kind).put("key", key).put("detail", detail).build();
    }


    static String string(JsonObject o, String name) {
        return JsonObjectReader.of(o, "").requireString(name);
    }
}
