package org.carbonledger.service.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micronaut.context.ApplicationContext;
import org.carbonledger.client.connection.ConnectionProfile;
import org.carbonledger.client.gateway.Deadlines;
import org.carbonledger.client.gateway.LedgerConnection;
import org.carbonledger.client.ledger.Committed;
import org.carbonledger.client.ledger.LedgerClient;
import org.junit.jupiter.api.Test;

/**
 * The read model follows the real ledger through chaincode events, on the real embedded MariaDB: it resumes after a
 * restart with no gap and no duplicate, and a rebuild from block 0 yields the same read model.
 */
class ReadModelSyncIT {
    private final Path connectionFile = Path.of(System.getProperty("carbonledger.network.dir"), "connection", "steelco.json");

    @Test
    void follows_the_ledger_resumes_after_a_restart_without_gap_or_duplicate_and_rebuilds_identically() throws Exception {
        Path dataDir = Files.createTempDirectory("carbonledger-sync-it-");
        try (LedgerConnection admin = LedgerConnection.open(ConnectionProfile.load(connectionFile), "admin", Deadlines.defaults())) {
            LedgerClient ledger = LedgerClient.newInstance(admin, 2);

            Committed whileUp;
            try (ApplicationContext service = start(dataDir)) {
                ReadModelStore store = service.getBean(ReadModelStore.class);
                whileUp = register(ledger, "while the service runs");
                await(store, () -> store.countTransaction(whileUp.transactionId()) == 1, "the first transaction to be applied");
            }

            // Committed while the service is down: it must be applied after the restart, exactly once.
            Committed whileDown = register(ledger, "while the service is down");
            try (ApplicationContext service = start(dataDir)) {
                ReadModelStore store = service.getBean(ReadModelStore.class);
                await(store, () -> store.countTransaction(whileDown.transactionId()) == 1, "the transaction committed during the restart");
                assertThat(store.countTransaction(whileUp.transactionId())).isEqualTo(1);
                List<String> transactions = store.listTransactions();
                for (int i = 0; i < transactions.size(); i++) {
                    assertThat(transactions.get(i)).as("positions run 1..n without gap").startsWith((i + 1) + "|");
                }
                assertThat(transactions).doesNotHaveDuplicates();
                String org = store.findById("ORG/SteelCoMSP").orElseThrow().valueJson();
                assertThat(org).contains("while the service is down");

                List<LedgerStateRow> states = store.listStates();
                ReadModelSync sync = service.getBean(ReadModelSync.class);
                sync.rebuild();
                await(store, () -> store.countTransaction(whileDown.transactionId()) == 1, "the rebuild to reach the same transaction");
                // Other clients may commit while the rebuild runs: the replay must reproduce everything up to the
                // snapshot exactly, and may only add what came after it.
                List<String> rebuilt = store.listTransactions();
                assertThat(rebuilt.subList(0, transactions.size())).isEqualTo(transactions);
                java.util.Set<String> later = new java.util.HashSet<>();
                rebuilt.subList(transactions.size(), rebuilt.size()).forEach(t -> later.add(t.split("\\|")[1]));
                Map<String, LedgerStateRow> after = new HashMap<>();
                store.listStates().forEach(row -> after.put(row.stateKey(), row));
                for (LedgerStateRow before : states) {
                    LedgerStateRow now = after.get(before.stateKey());
                    if (now == null || !later.contains(now.transactionId())) {
                        assertThat(now).as(before.stateKey()).isEqualTo(before);
                    }
                }
            }
        }
    }

    private static Committed register(LedgerClient ledger, String note) {
        return ledger.submit("Governance", "RegisterOrganization",
                "{\"displayName\":\"SteelCo " + note + " " + UUID.randomUUID() + "\",\"public\":true}");
    }

    private ApplicationContext start(Path dataDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", dataDir.toString());
        properties.put("carbonledger.organization", "SteelCoMSP");
        properties.put("carbonledger.fabric.connection-file", connectionFile.toString());
        return ApplicationContext.run(properties, "test");
    }

    /**
     * Waits for the read model to reach a condition. A long-lived development ledger can hold many blocks to replay,
     * so this fails when the sync stops making progress for a minute, not after a fixed time.
     */
    private static void await(ReadModelStore store, BooleanSupplier condition, String what) throws InterruptedException {
        long applied = -1;
        Instant stalledSince = Instant.now();
        while (!condition.getAsBoolean()) {
            long now = store.appliedTransactions().orElse(0L);
            if (now != applied) {
                applied = now;
                stalledSince = Instant.now();
            } else if (Duration.between(stalledSince, Instant.now()).compareTo(Duration.ofSeconds(60)) > 0) {
                throw new AssertionError("the read model stopped progressing at " + applied + " transactions while waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
