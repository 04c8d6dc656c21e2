package org.carbonledger.cli.qr;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.client.qr.QrCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DigitalLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** carbonctl qr. */
@Command(name = "qr", description = {"Render the QR code of a batch's GS1 Digital Link "
        + "(https://{host}/01/{gtin14}/10/{lot}) as PNG or SVG, for the product's label.",
    "The code encodes exactly the link, with error correction M and the quiet zone; the same renderer as the "
        + "service's. With a connection (-c or $CARBONCTL_CONNECTION) the batch must exist on the ledger."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl qr 09506000134390 WM-2611-001 --base https://passport.example.com --out wm.svg",
            "  carbonctl qr -c certco 09506000134390 WM-2611-001 --format png --module-pixels 12 --out wm.png"})
public final class QrCommand implements Callable<Integer> {

    /** Image formats. */
    public enum Format {
        /** A PNG image. */
        png,
        /** An SVG image. */
        svg
    }

    @Parameters(index = "0", paramLabel = "GTIN", description = "The batch's GTIN.")
    String gtin;
    @Parameters(index = "1", paramLabel = "LOT", description = "The batch's lot.")
    String lot;
    @Option(names = "--base", paramLabel = "URL",
            description = "Scheme and host of the resolver (the service's carbonledger.passport.base-url). "
                    + "Default: $CARBONCTL_PASSPORT_BASE, else https://localhost:8443.")
    String base;
    @Option(names = "--format", paramLabel = "FORMAT", description = "png or svg (default: from --out's extension, else svg).")
    Format format;
    @Option(names = "--module-pixels", defaultValue = "8", paramLabel = "N",
            description = "PNG only: pixels per module, 1 to 40 (default ${DEFAULT-VALUE}).")
    int modulePixels;
    @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout, SVG only).")
    Path out;
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;
    @Mixin
    LedgerOptions ledger;

    private final CliContext ctx;

    QrCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        BatchId batch = BatchId.of(gtin, lot);
        String host = Optional.ofNullable(base).or(() -> ctx.env("CARBONCTL_PASSPORT_BASE"))
                .orElse("https://localhost:8443");
        DigitalLink link;
        try {
            link = DigitalLink.of(host, batch);
        } catch (LedgerRuleException e) {
            throw CliException.invalid("--base " + host + ": " + e.getMessage());
        }
        Format f = format != null ? format : out != null && out.toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".png") ? Format.png : Format.svg;
        if (f == Format.png && out == null) {
            throw CliException.invalid("a PNG needs --out FILE (it is binary)");
        }
        if (modulePixels < 1 || modulePixels > QrCode.MAX_MODULE_PIXELS) {
            throw CliException.invalid("--module-pixels must be 1 to " + QrCode.MAX_MODULE_PIXELS + ", was "
                    + modulePixels);
        }
        if (ledger.connectionGiven()) {
            try (LedgerOptions connection = ledger) {
                // Existence only: a NOT_FOUND refusal ends the command with exit code 5.
                connection.client("client", 1).evaluate("Batches", "GetBatch", batch.gtin().value(), batch.lot().value());
            }
        }
        QrCode qr = QrCode.of(link.uri());
        byte[] bytes = f == Format.png ? qr.png(modulePixels) : qr.svg().getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            ctx.out().print(new String(bytes, StandardCharsets.UTF_8));
            ctx.out().flush();
        } else {
            CliFiles.write(ctx.resolve(out), bytes, false, force);
            ctx.err().println("QR code of " + link.uri() + " (" + qr.size() + "x" + qr.size() + " modules) -> " + out);
            ctx.err().flush();
        }
        return ExitCode.OK;
    }
}
