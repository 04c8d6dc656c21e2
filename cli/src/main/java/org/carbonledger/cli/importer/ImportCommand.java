package org.carbonledger.cli.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.cli.common.OutputOptions;
import org.carbonledger.cli.keys.KeyFiles;
import org.carbonledger.cli.keys.Passphrase;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.record.RecordFile;
import org.carbonledger.core.record.RecordFormat;
import org.carbonledger.core.record.RecordProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** carbonctl import. */
@Command(name = "import", description = {
    "Import a CSV or JSON file of emission records (activity or gas records) into the ledger.",
    "Every row is validated first, then checked against the ledger (batch open and yours, device registered, key "
        + "matching it, factor published); every bad row is listed with its line and reason, and nothing is "
        + "imported unless --skip-invalid is given. Unsigned rows are signed with the --key whose public key is "
        + "registered for their device; signed rows must verify against it. Records are submitted in bulk "
        + "transactions, several in flight. Re-running after an interruption imports only what is missing.",
    "CSV format: docs/record-files.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl import -c steelco --key meter-12.key.pem october.csv",
            "  carbonctl import -c steelco --key kiln.key.pem --key meter.key.pem --skip-invalid --batch-size 1000 q4.json",
            "  carbonctl import -c steelco --dry-run october.signed.csv"})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The record file (.csv or .json).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv or json (default: from the file name).")
    RecordFormat format;

    @Option(names = {"-k", "--key"}, paramLabel = "KEYFILE",
            description = "A device private key for unsigned rows; repeat for several devices. Each row is signed "
                    + "by the key registered for its device.")
    List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--skip-invalid", description = "Import the valid rows even if some are invalid or refused.")
    boolean skipInvalid;

    @Option(names = "--batch-size", defaultValue = "500", paramLabel = "N",
            description = "Records per transaction, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--in-flight", paramLabel = "N",
            description = "Transactions submitted at once, 1 to 32 (default: at least 8 and at least 1,600 records "
                    + "in flight: 8 at the default batch size, 16 at 100).")
    Integer inFlight;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    @Option(names = "--dry-run", description = "Validate and check against the ledger, but submit nothing.")
    boolean dryRun;

    @Mixin
    LedgerOptions ledger;
    @Mixin
    Passphrase passphrase;
    @Mixin
    OutputOptions output;

    private final CliContext ctx;
    private double readSeconds;
    private double checkSeconds;

    ImportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Transactions in flight when none is asked for: at least 8, and at least 1,600 records, at most 32. Measured on
     * the local network (docs/benchmarks.md, section 2): at 100 records per transaction 4 in flight leave the ledger
     * waiting on block cutting and commit latency (about 650 records/s against about 1,080 with 16); at 500, 8 in
     * flight beat 4 in every interleaved round (939–1,154 against 919–1,029).
     */
    static int defaultInFlight(int batchSize) {
        return Math.min(32, Math.max(8, (1600 + batchSize - 1) / batchSize));
    }

    @Override
    public Integer call() {
        if (batchSize < 1 || batchSize > 1000) {
            throw CliException.invalid("--batch-size must be 1 to 1000 (the ledger's limit per transaction), was "
                    + batchSize);
        }
        int inFlight = this.inFlight != null ? this.inFlight : defaultInFlight(batchSize);
        if (inFlight < 1 || inFlight > 32) {
            throw CliException.invalid("--in-flight must be 1 to 32, was " + inFlight);
        }
        long t0 = System.nanoTime();
        RecordFile records = RecordFiles.read(ctx, file, format);
        readSeconds = (System.nanoTime() - t0) / 1e9;
        int rows = records.rows().size() + records.problems().size();
        if (!records.valid()) {
            if (!skipInvalid) {
                throw RecordFiles.invalidRows(ctx, file, records.problems(), rows, "nothing was imported");
            }
            RecordFiles.print(ctx, file, records.problems(), "skipped");
        }
        List<DevicePrivateKey> keys = new ArrayList<>();
        for (Path k : keyFiles) {
            keys.add(KeyFiles.readPrivate(ctx, k, passphrase));
        }
        try (LedgerOptions connection = ledger) {
            LedgerClient client = connection.client("client", inFlight);
            boolean bar = progress != null ? progress : ctx.terminal();
            try (ProgressBar progressBar = new ProgressBar(ctx.err(), bar && !dryRun)) {
                Importer importer = new Importer(client, new Importer.Options(batchSize, inFlight, skipInvalid),
                        keys, progressBar);
                long t1 = System.nanoTime();
                Importer.Plan plan = importer.plan(records.rows(), ctx.clock().instant());
                checkSeconds = (System.nanoTime() - t1) / 1e9;
                if (!plan.invalid().isEmpty()) {
                    if (!skipInvalid) {
                        throw RecordFiles.invalidRows(ctx, file, plan.invalid(), rows, "nothing was imported");
                    }
                    RecordFiles.print(ctx, file, plan.invalid(), "skipped");
                }
                List<RecordProblem> invalid = new ArrayList<>(records.problems());
                invalid.addAll(plan.invalid());
                Importer.Report report = dryRun
                        ? new Importer.Report(plan.toSubmit().size(), plan.alreadyOnLedger(), 0, invalid, List.of(),
                                List.of(), 0, Duration.ZERO, Optional.empty())
                        : importer.submit(plan, invalid);
                progressBar.stop();
                return finish(rows, report);
            }
        }
    }

    private int finish(int rows, Importer.Report report) {
        RecordFiles.print(ctx, file, report.refused(), "refused");
        RecordFiles.print(ctx, file, report.notSubmitted(), "error");
        double seconds = report.elapsed().toMillis() / 1000.0;
        double rate = seconds > 0 ? report.imported() / seconds : 0;
        if (output.json()) {
            output.print(ctx, JsonObject.builder()
                    .put("file", file.toString())
                    .put("rows", rows)
                    .put("dryRun", dryRun)
                    .put("invalid", report.invalid().size())
                    .put("alreadyOnLedger", report.alreadyOnLedger())
                    .put(dryRun ? "wouldImport" : "imported", dryRun ? report.submitted() : report.imported())
                    .put("refused", problems(report.refused()))
                    .put("notSubmitted", report.notSubmitted().size())
                    .put("transactions", report.transactions())
                    .put("seconds", String.format(Locale.ROOT, "%.3f", seconds))
                    .put("recordsPerSecond", String.format(Locale.ROOT, "%.1f", rate))
                    .put("phases", JsonObject.builder()
                            .put("readAndValidateSeconds", String.format(Locale.ROOT, "%.3f", readSeconds))
                            .put("checkAgainstLedgerSeconds", String.format(Locale.ROOT, "%.3f", checkSeconds))
                            .put("signAndSubmitSeconds", String.format(Locale.ROOT, "%.3f", seconds)).build())
                    .build());
        } else if (dryRun) {
            ctx.out().printf(Locale.ROOT, "dry run: %d row(s): %d would be imported, %d already on the ledger, %d "
                    + "invalid%n", rows, report.submitted(), report.alreadyOnLedger(), report.invalid().size());
        } else {
            ctx.out().printf(Locale.ROOT, "%d row(s): %d imported in %d transaction(s) (%.1f s, %.0f records/s), %d "
                    + "already on the ledger, %d invalid, %d refused, %d not submitted%n", rows, report.imported(),
                    report.transactions(), seconds, rate, report.alreadyOnLedger(), report.invalid().size(),
                    report.refused().size(), report.notSubmitted().size());
        }
        ctx.out().flush();
        if (report.stopReason().isPresent() && !report.notSubmitted().isEmpty()) {
            boolean refusedStop = !report.refused().isEmpty() && !skipInvalid;
            throw new CliException(refusedStop ? ExitCode.REFUSED : ExitCode.UNAVAILABLE, "import stopped: "
                    + report.stopReason().get().getMessage() + "; " + report.imported() + " record(s) were imported. "
                    + "Run the same command again to import the rest (rows already on the ledger are skipped)",
                    report.stopReason().get());
        }
        if (!report.refused().isEmpty() && !skipInvalid) {
            throw new CliException(ExitCode.REFUSED, report.refused().size() + " row(s) were refused by the ledger "
                    + "(listed above)");
        }
        return ExitCode.OK;
    }

    private static JsonArray problems(List<RecordProblem> problems) {
        List<JsonValue> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.toJson()));
        return JsonArray.of(out);
    }
}
