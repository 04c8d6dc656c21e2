package org.carbonledger.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.carbonledger.bench.load.BulkSubmitter.Run;
import org.carbonledger.bench.load.BulkSubmitter.TxOutcome;
import org.carbonledger.core.identifier.BatchId;

/**
 * One load run: setup on the ledger (roles, factors, product, device), a warm-up, then every (batch size, in
 * flight) pair measured {@code repeat} times, repeats interleaved so a burst of other work on the machine does not
 * fall on one configuration only.
 */
public final class LoadRunner {
    private final LoadOptions options;
    private final PrintStream out;

    public LoadRunner(LoadOptions options, PrintStream out) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** @return 0 when every measured transaction committed VALID, 1 otherwise */
    public int run() throws InterruptedException, IOException {
        boolean allValid = true;
        try (Consortium consortium = new Consortium(options.networkDir())) {
            long t0 = System.nanoTime();
            consortium.ensureRoles();
            LoadFixture fixture = LoadFixture.create(consortium);
            out.printf("RecordLoad run %s: roles, factor dataset, product and device ready in %.1f s (%s; chaincode %s)%n",
                    fixture.runId(), (System.nanoTime() - t0) / 1e9, Instant.now(), chaincodePackage());
            BulkSubmitter submitter = new BulkSubmitter(consortium.contract(Consortium.STEELCO, "Records"),
                    new CpuSampler(options.networkDir()), options.endorseOnly());
            if (options.endorseOnly()) {
                out.println("endorse-only: transactions are endorsed and never submitted; \"valid\" below means endorsed");
            }
            Report report = new Report(out, options.endorseOnly());
            if (options.warmup() > 0) {
                Run warm = measure(fixture, submitter, options.warmup(), options.batchSizes().get(0), options.inFlights().get(0));
                out.printf("warm-up: %d records, %d tx committed VALID of %d, %.0f records/s (not counted)%n",
                        warm.validRecords(), warm.count(TxOutcome::valid), warm.outcomes().size(), warm.recordsPerSecond());
            }
            for (int r = 1; r <= options.repeats(); r++) {
                for (int batchSize : options.batchSizes()) {
                    for (int inFlight : options.inFlights()) {
                        Run run = measure(fixture, submitter, options.records(), batchSize, inFlight);
                        Report.Measured m = new Report.Measured((options.endorseOnly() ? "E" : "") + "B" + batchSize + "/K" + inFlight + "#" + r, run);
                        report.print(m);
                        allValid &= run.notStarted() == 0 && run.count(TxOutcome::valid) == run.outcomes().size();
                        if (options.json().isPresent()) {
                            Files.writeString(options.json().get(), Report.json(fixture.runId(), m) + "\n", StandardCharsets.UTF_8,
                                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        }
                    }
                }
            }
            report.printTable();
        }
        return allValid ? 0 : 1;
    }

    /** The package the SteelCo chaincode JVM serves, as the deploy script records it (label:hash, label kept). */
    private String chaincodePackage() {
        Path file = options.networkDir().resolve("pids").resolve("chaincode-steelco.package");
        try {
            String id = Files.readString(file).strip();
            return id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Signs {@code records} records for a new batch, then (clock and CPU sampling start here) submits them. */
    private Run measure(LoadFixture fixture, BulkSubmitter submitter, int records, int batchSize, int inFlight)
            throws InterruptedException {
        BatchId batch = fixture.newBatch();
        List<LoadFixture.PreparedTransaction> transactions = fixture.signedTransactions(batch, records, batchSize);
        return submitter.run(transactions, batchSize, inFlight, options.maxDuration());
    }
}
