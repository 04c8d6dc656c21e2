package org.carbonledger.service.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.client.events.LedgerTransaction;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.database.ExternalDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The production database dies mid-write: the external server is killed with SIGKILL (network/scripts/external-db.sh
 * kill) while the read model is being written, and started again (InnoDB crash recovery). The writer does what
 * {@link ReadModelSync} does on a failure: back off, read the checkpoint, resume the ledger from there. Every
 * transaction acknowledged before the kill must still be there, and none may be there twice.
 *
 * <p>Runs only against an external server ({@code make test-external-db}); the embedded one dies with the JVM.
 */
@MicronautTest(transactional = false)
@EnabledIfEnvironmentVariable(named = "DATASOURCES_DEFAULT_URL", matches = ".+")
class ExternalDatabaseKillTest {
    private static final int LEDGER_SIZE = 600;
    private static final int KILL_AFTER = 150;

    @Inject
    ChangeApplier applier;

    @Inject
    ReadModelStore store;

    private DataSource dataSource;

    @Inject
    void dataSource(DataSource contextual) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(contextual);
    }

    @Test
    void a_killed_server_loses_nothing_acknowledged_and_the_resumed_sync_applies_nothing_twice() throws Exception {
        applier.clear();
        List<LedgerTransaction> ledger = ledger();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                follow(ledger, acknowledged, failures);
            } catch (Throwable e) {
                unexpected.set(e);
            }
        }, "read-model-writer");
        writer.start();

        awaitAtLeast(acknowledged, KILL_AFTER, Duration.ofSeconds(60));
        script("kill");
        int acknowledgedBeforeRestart = acknowledged.size();
        // Let the writer run into the dead server before it comes back.
        awaitFailure(failures, Duration.ofSeconds(30));
        script("start");
        writer.join(TimeUnit.SECONDS.toMillis(180));

        assertThat(writer.isAlive()).as("the writer finished the ledger after the restart").isFalse();
        assertThat(unexpected.get()).isNull();
        assertThat(failures.get()).as("the kill hit the writer mid-ledger").isPositive();
        assertThat(acknowledgedBeforeRestart).isLessThan(LEDGER_SIZE);
        List<String> expected = ledger.stream().map(LedgerTransaction::transactionId).toList();
        // In ledger order, each once: nothing acknowledged lost, nothing applied twice, no gap.
        assertThat(column("SELECT transaction_id FROM ledger_transaction ORDER BY position")).containsExactlyElementsOf(expected);
        assertThat(column("SELECT position FROM ledger_transaction ORDER BY position"))
                .containsExactlyElementsOf(positions(LEDGER_SIZE));
        assertThat(column("SELECT COUNT(*) FROM designation_view")).containsExactly(Integer.toString(LEDGER_SIZE));
        assertThat(store.countStates()).isEqualTo(LEDGER_SIZE);
        assertThat(store.appliedTransactions()).contains((long) LEDGER_SIZE);
        assertThat(store.checkpointTransaction()).contains(expected.get(LEDGER_SIZE - 1));
        assertThat(expected).containsAll(acknowledged);
        assertThat(acknowledged).doesNotHaveDuplicates();
    }

    /**
     * As the sync does: from the checkpoint on, apply each transaction; on any failure back off and start again from
     * the checkpoint, which moved in the same database transaction as the changes it covers.
     */
    private void follow(List<LedgerTransaction> ledger, List<String> acknowledged, AtomicInteger failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            try {
                int next = Math.toIntExact(store.appliedTransactions().orElse(0L));
                if (next == ledger.size()) {
                    return;
                }
                for (LedgerTransaction tx : ledger.subList(next, ledger.size())) {
                    if (applier.apply(tx)) {
                        acknowledged.add(tx.transactionId());
                    }
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the writer did not finish the ledger in time");
    }

    private static List<LedgerTransaction> ledger() {
        List<LedgerTransaction> ledger = new ArrayList<>();
        for (int i = 1; i <= LEDGER_SIZE; i++) {
            String producer = "Producer" + i + "MSP";
            String txId = String.format("%064x", i);
            JsonObject value = JsonObject.builder().put("producerMspId", producer).put("certifierMspId", "CertCoMSP")
                    .put("designatedAt", "2026-11-02T10:00:00.123456Z").put("txId", txId).build();
            ledger.add(new LedgerTransaction(i, txId, "2026-11-02T10:00:00Z", producer, "Governance:DesignateCertifier",
                    List.of(new LedgerTransaction.Change("designation", "DESIGNATION/" + producer + "/CertCoMSP",
                            Optional.of(value)))));
        }
        return Collections.unmodifiableList(ledger);
    }

    private static List<String> positions(int count) {
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            positions.add(Integer.toString(i));
        }
        return positions;
    }

    private static void awaitAtLeast(List<String> acknowledged, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " transactions applied in " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitFailure(AtomicInteger failures, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failures.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Runs external-db.sh with this JVM's environment (CARBON_RUN_DIR, CARBON_EXTERNAL_DB_PORT). */
    private static void script(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ExternalDatabase.script().toString(), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("external-db.sh %s: %s", command, output).isZero();
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
