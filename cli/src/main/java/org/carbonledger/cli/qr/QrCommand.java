package org.carbonledger.cli.qr;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carbonledger.apiclient.ServiceRequest;
import org.carbonledger.apiclient.ServiceResponse;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.cli.service.ServiceOptions;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DigitalLink;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** carbonctl qr. */
@Command(name = "qr", description = {"Fetch the QR code of a batch's GS1 Digital Link "
        + "(https://{host}/01/{gtin14}/10/{lot}) as PNG or SVG from the service's passport, for the product's label.",
    "The service renders it on the canonical resolver base it is configured with "
        + "(carbonledger.passport.resolver-base-url, the same on every organization's service), so the label is the "
        + "same whichever service renders it. With --resolver-base-url (or $CARBONLEDGER_PASSPORT_RESOLVER_BASE_URL) "
        + "a code on another base is refused. With a connection (-c or $CARBONCTL_CONNECTION) the batch must "
        + "exist on the ledger first."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl qr 09506000134390 WM-2611-001 --out wm.svg",
            "  carbonctl qr 09506000134390 WM-2611-001 --resolver-base-url https://passport.example.com --out wm.svg",
            "  carbonctl qr -c certco 09506000134390 WM-2611-001 --service https://passport.example.com \\",
            "      --format png --module-pixels 12 --out wm.png"})
public final class QrCommand implements Callable<Integer> {
    private static final Pattern LINK = Pattern.compile("^<([^>?]+)[^>]*>");

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
    @Option(names = "--format", paramLabel = "FORMAT", description = "png or svg (default: from --out's extension, else svg).")
    Format format;
    @Option(names = "--module-pixels", paramLabel = "N",
            description = "PNG only: pixels per module, 1 to 40 (default: the service's, 8).")
    Integer modulePixels;
    @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout, SVG only).")
    Path out;
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;
    @Option(names = "--resolver-base-url", paramLabel = "URL",
            description = "The canonical base every label's link must have, e.g. https://passport.example.com "
                    + "(the services' carbonledger.passport.resolver-base-url). Default: "
                    + "$CARBONLEDGER_PASSPORT_RESOLVER_BASE_URL; without either, the service's base is taken as is.")
    String resolverBaseUrl;
    @Mixin
    ServiceOptions service;
    @Mixin
    LedgerOptions ledger;

    private final CliContext ctx;

    QrCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        BatchId batch = BatchId.of(gtin, lot);
        Format f = format != null ? format : out != null && out.toString().toLowerCase(Locale.ROOT)
                .endsWith(".png") ? Format.png : Format.svg;
        if (f == Format.png && out == null) {
            throw CliException.invalid("a PNG needs --out FILE (it is binary)");
        }
        if (modulePixels != null && f != Format.png) {
            throw CliException.invalid("--module-pixels is for a PNG only (an SVG scales to any size)");
        }
        Optional<String> canonical = canonicalLink(batch);
        if (ledger.connectionGiven()) {
            try (LedgerOptions connection = ledger) {
                // Existence only: a NOT_FOUND refusal ends the command with exit code 5.
                connection.client("client", 1).evaluate(LedgerOperation.GET_BATCH, batch.gtin().value(), batch.lot().value());
            }
        }
        // The resolver's own path of the batch; the service puts its configured host in front of it.
        String path = DigitalLink.of("", batch).path() + "?format=qr-" + f
                + (modulePixels != null ? "&size=" + modulePixels : "");
        ServiceRequest request = ServiceRequest.get(path).withAccept(f == Format.png ? "image/png" : "image/svg+xml");
        ServiceResponse answer = service.call(Optional.empty(), client -> client.fetch(request));
        if (canonical.isPresent() && !canonical.get().equals(encodedLink(answer).orElse(null))) {
            // A label printed with another base would resolve only as long as that host does: refuse it.
            throw new CliException(ExitCode.CHECK_FAILED, "the service renders the code of "
                    + encodedLink(answer).orElse("an unnamed link") + ", not of the canonical " + canonical.get()
                    + ": set carbonledger.passport.resolver-base-url of the service to the resolver base; "
                    + "nothing written");
        }
        if (out == null) {
            ctx.out().print(answer.text());
            ctx.out().flush();
        } else {
            CliFiles.write(ctx.resolve(out), answer.body(), false, force);
            ctx.err().println("QR code of " + encoded(answer, batch) + " -> " + out);
            ctx.err().flush();
        }
        return ExitCode.OK;
    }

    /** The batch's link on the expected resolver base, when one is given (the option, else the environment). */
    private Optional<String> canonicalLink(BatchId batch) {
        Optional<String> base = Optional.ofNullable(resolverBaseUrl).filter(b -> !b.isBlank())
                .or(() -> ctx.env("CARBONLEDGER_PASSPORT_RESOLVER_BASE_URL"))
                .map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        try {
            return base.map(b -> DigitalLink.of(b, batch).uri());
        } catch (LedgerRuleException e) {
            throw CliException.invalid("--resolver-base-url: " + e.getMessage());
        }
    }

    /** The link the code encodes, from the answer's Link header (the resolver names it there). */
    private static Optional<String> encodedLink(ServiceResponse answer) {
        return answer.header("Link").map(LINK::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    private static String encoded(ServiceResponse answer, BatchId batch) {
        return encodedLink(answer).orElse("the Digital Link of " + batch.gtin().value() + "/" + batch.lot().value());
    }
}
