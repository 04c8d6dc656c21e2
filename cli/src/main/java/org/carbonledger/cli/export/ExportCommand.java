package org.carbonledger.cli.export;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.verify.ProofBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Mixin;

/** carbonctl export. */
@Command(name = "export", description = {"Export a batch from the ledger: its proof bundle (everything needed to "
        + "re-check its footprint offline, format carbonledger-proof-bundle/1, docs/verification.md §5)."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl export -c certco 09506000134390 WM-2611-001 --format bundle --out wm.bundle.json",
            "  carbonctl verify --bundle wm.bundle.json"})
public final class ExportCommand implements Callable<Integer> {

    /** What to export. */
    public enum Format {
        /** The proof bundle. */
        bundle
    }

    @Parameters(index = "0", paramLabel = "GTIN", description = "The batch's GTIN.")
    String gtin;
    @Parameters(index = "1", paramLabel = "LOT", description = "The batch's lot.")
    String lot;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "bundle.")
    Format format;
    @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout).")
    Path out;
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;
    @Mixin
    LedgerOptions ledger;

    private final CliContext ctx;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        try (LedgerOptions connection = ledger) {
            ProofBundle bundle = ProofBundleCollector.newInstance(connection.client("client", 1))
                    .collect(BatchId.of(gtin, lot));
            byte[] bytes = bundle.toCanonicalBytes();
            write(bytes);
            int records = bundle.batches().values().stream().mapToInt(b -> b.records().size()).sum();
            ctx.err().println("proof bundle of " + bundle.root() + ": " + bundle.batches().size() + " batches, "
                    + records + " records, " + bundle.transactions().size() + " transactions, sha256 "
                    + bundle.sha256().toHex() + (out != null ? " -> " + out : ""));
            ctx.err().flush();
            return ExitCode.OK;
        }
    }

    private void write(byte[] bytes) {
        if (out == null) {
            ctx.out().println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            ctx.out().flush();
        } else {
            CliFiles.write(ctx.resolve(out), bytes, false, force);
        }
    }
}
