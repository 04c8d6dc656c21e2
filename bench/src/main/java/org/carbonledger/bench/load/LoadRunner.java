package org.carbonledger.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.apiclient.ServiceClient;
import org.carbonledger.bench.load.BulkSubmitter.Run;
import org.carbonledger.bench.load.BulkSubmitter.TxOutcome;
import org.carbonledger.bench.load.BulkSubmitter.Via;
import org.carbonledger.bench.service.LocalService;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.ledger.LedgerOperation;

/**
 * One load run: setup on the ledger (roles, factors, product, device), a warm-up, then every (batch size, in
 * flight) pair measured {@code repeat} times, repeats interleaved so a burst of other work on the machine does not
 * fall on one configuration only. Records go directly through the Gateway, or through the service, or (a comparison)
 * both alternately, each measurement on its own fresh batch.
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
        Optional<ServiceClient> service = Optional.empty();
        if (options.service().isPresent()) {
            // Before any ledger work: a wrong URL or clients file fails fast and writes nothing.
            Path envFile = options.clientEnv().orElseThrow();
            ServiceClient api;
            try {
                api = LocalService.connect(options.service().get(), envFile, "OPERATOR");
            } catch (IllegalArgumentException e) {
                throw new UnusableOptions(e.getMessage(), e);
            }
            api.authenticate();
            service = Optional.of(api);
        }
        try (Consortium consortium = new Consortium(options.networkDir())) {
            long t0 = System.nanoTime();
            consortium.ensureRoles();
            LoadFixture fixture = LoadFixture.create(consortium, options.timeOrderedIds(), options.recordsIn());
            out.printf("RecordLoad run %s: roles, factor dataset, product and device ready in %.1f s (%s; chaincode %s)%n",
                    fixture.runId(), (System.nanoTime() - t0) / 1e9, Instant.now(), chaincodePackage());
            out.println(describe(options.recordsIn(), fixture.endorsers()));
            CpuSampler cpu = new CpuSampler(options.networkDir());
            BulkSubmitter direct = new BulkSubmitter(consortium.contract(Consortium.STEELCO, LedgerOperation.Contracts.RECORDS), cpu, options.endorseOnly());
            Optional<ServiceSubmitter> viaService = service.map(api -> new ServiceSubmitter(api, cpu));
            if (options.endorseOnly()) {
                out.println("endorse-only: transactions are endorsed and never submitted; \"valid\" below means endorsed");
            }
            boolean measureDirect = service.isEmpty() || options.compare();
            boolean measureService = service.isPresent();
            Report report = new Report(out, options.endorseOnly());
            if (options.warmup() > 0) {
                int b = options.batchSizes().get(0);
                int k = options.inFlights().get(0);
                if (measureDirect) {
                    Run warm = measure(fixture, direct, null, options.warmup(), b, k);
                    out.printf("warm-up direct: %d records, %d tx committed VALID of %d, %.0f records/s (not counted)%n",
                            warm.validRecords(), warm.count(TxOutcome::valid), warm.outcomes().size(), warm.recordsPerSecond());
                }
                if (measureService) {
                    Run warm = measure(fixture, null, viaService.get(), options.warmup(), b, k);
                    out.printf("warm-up through the service: %d records, %d requests answered 201 of %d, %.0f records/s (not counted)%n",
                            warm.validRecords(), warm.count(TxOutcome::valid), warm.outcomes().size(), warm.recordsPerSecond());
                    warm.errors().forEach(e -> out.println("    error: " + e));
                }
            }
            List<Double> directRates = new ArrayList<>();
            List<Double> serviceRates = new ArrayList<>();
            for (int r = 1; r <= options.repeats(); r++) {
                for (int batchSize : options.batchSizes()) {
                    for (int inFlight : options.inFlights()) {
                        // In a comparison the order alternates by repeat, so a drift in the machine's other load does
                        // not always fall on the same side.
                        List<Via> order = new ArrayList<>();
                        if (measureDirect) {
                            order.add(Via.GATEWAY);
                        }
                        if (measureService) {
                            order.add(r % 2 == 1 ? order.size() : 0, Via.SERVICE);
                        }
                        for (Via via : order) {
                            Report.Measured m = measureWatched(fixture, via == Via.GATEWAY ? direct : null,
                                    via == Via.SERVICE ? viaService.get() : null, service, batchSize, inFlight, r);
                            Run run = m.run();
                            report.print(m);
                            allValid &= run.notStarted() == 0 && run.count(TxOutcome::valid) == run.outcomes().size();
                            (via == Via.GATEWAY ? directRates : serviceRates).add(run.recordsPerSecond());
                            if (options.json().isPresent()) {
                                Files.writeString(options.json().get(), Report.json(fixture.runId(), options.recordsIn(), m) + "\n", StandardCharsets.UTF_8,
                                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            }
                        }
                    }
                }
            }
            report.printTable();
            if (options.compare()) {
                report.printComparison(directRates, serviceRates);
            }
        }
        return allValid ? 0 : 1;
    }

    /**
     * One measurement, with the service's sync watched when there is a service (and, for a direct run with
     * {@code --lag-probe}, every committed transaction probed through the read API).
     */
    private Report.Measured measureWatched(LoadFixture fixture, BulkSubmitter direct, ServiceSubmitter viaService,
                                           Optional<ServiceClient> service, int batchSize, int inFlight, int repeat)
            throws InterruptedException, IOException {
        String label = (options.endorseOnly() ? "E" : "") + (viaService != null ? "S" : service.isPresent() ? "D" : "")
                + "B" + batchSize + "/K" + inFlight + "#" + repeat;
        if (service.isEmpty()) {
            return new Report.Measured(label, measure(fixture, direct, viaService, options.records(), batchSize, inFlight));
        }
        ServiceClient api = service.get();
        // A fresh token per measurement, so none expires during one (the client would renew it, at a cost measured).
        api.authenticate();
        Optional<LagProbe> probe = direct != null && options.lagProbe() ? Optional.of(new LagProbe(api)) : Optional.empty();
        if (direct != null) {
            direct.probeWith(probe);
        }
        SyncWatch watch = new SyncWatch(api);
        Run run;
        try {
            run = measure(fixture, direct, viaService, options.records(), batchSize, inFlight);
        } finally {
            if (direct != null) {
                direct.probeWith(Optional.empty());
            }
        }
        SyncWatch.Observed observed = watch.finish();
        if (probe.isPresent()) {
            observed = observed.withProbe(probe.get().finish(Duration.ofSeconds(30)));
        }
        return new Report.Measured(label, run, Optional.of(observed));
    }

    /** The line saying how direct submissions carry their records, so a run's output says which protocol it measured. */
    static String describe(RecordsIn recordsIn, List<String> endorsers) {
        return switch (recordsIn) {
            case ARGUMENTS -> "records in: arguments (each transaction's records as its argument; endorsers planned by the Gateway)";
            case TRANSIENT -> "records in: transient (records and a fresh salt in the transient map; endorsed by "
                    + String.join(", ", endorsers) + ")";
        };
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

    /**
     * Signs {@code records} records for a new batch, then (clock and CPU sampling start here) submits them directly
     * (when {@code direct} is given) or through the service.
     */
    private Run measure(LoadFixture fixture, BulkSubmitter direct, ServiceSubmitter viaService, int records, int batchSize,
                        int inFlight) throws InterruptedException {
        BatchId batch = fixture.newBatch();
        List<LoadFixture.PreparedTransaction> transactions = fixture.signedTransactions(batch, records, batchSize);
        return direct != null ? direct.run(transactions, batchSize, inFlight, options.maxDuration())
                : viaService.run(transactions, batchSize, inFlight, options.maxDuration());
    }

    /** What the options name cannot be used (the service's address, certificate or clients file): nothing was run. */
    public static final class UnusableOptions extends RuntimeException {
        UnusableOptions(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
