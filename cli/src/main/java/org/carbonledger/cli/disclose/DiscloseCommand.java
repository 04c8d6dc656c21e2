package org.carbonledger.cli.disclose;

import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.client.connection.IdentityFiles;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.disclosure.Disclosure;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.verify.ProofBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** carbonctl disclose. */
@Command(name = "disclose", description = {
    "Disclose a sealed batch's raw records to a named party as a signed disclosure bundle.",
    "Collects the batch's proof bundle as its owner (so it carries the records, which are private to the owner and "
        + "the certifiers it designated), and signs an envelope naming the batch, the recipient, the instant and the "
        + "bundle's SHA-256 with your organization's client identity (the certificate and key of the connection "
        + "file). Only the batch's owner may disclose it.",
    "The recipient verifies it offline with `carbonctl verify --disclosure FILE --ca MSPID=CA.pem`; see "
        + "docs/verification.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl disclose -c applianceco 09506000134390 WM-2611-001 --to \"Retailer Ltd\" -o wm.disclosure.json",
            "  carbonctl disclose -c applianceco 09506000134390 WM-2611-001 --to RetailCoMSP --bundle wm.bundle.json -o d.json"})
public final class DiscloseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GTIN", description = "The batch's GTIN.")
    String gtin;
    @Parameters(index = "1", paramLabel = "LOT", description = "The batch's lot.")
    String lot;
    @Option(names = "--to", required = true, paramLabel = "PARTY",
            description = "Who the records are disclosed to: an MSP id or a name.")
    String to;
    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the disclosure here (default: standard output). Written in canonical JSON: "
                    + "do not reformat it, every byte is checked.")
    Path out;
    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;
    @Option(names = "--bundle", paramLabel = "FILE",
            description = "Sign this proof bundle (collected earlier by your organization, e.g. with `carbonctl "
                    + "verify --save-bundle`) instead of collecting one now; the ledger is not contacted.")
    Path bundleFile;

    @Mixin
    LedgerOptions ledger;

    private final CliContext ctx;

    DiscloseCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        BatchId batch;
        try {
            batch = BatchId.of(gtin, lot);
        } catch (LedgerRuleException e) {
            throw CliException.invalid(e.getMessage());
        }
        try (LedgerOptions connection = ledger) {
            IdentityFiles identity = connection.identityFiles("client");
            String certificatePem = CliFiles.readText(identity.certificate(), "certificate");
            DevicePrivateKey key;
            try {
                key = DevicePrivateKey.parse(CliFiles.readText(identity.privateKey(), "private key"),
                        "private key " + identity.privateKey());
            } catch (LedgerRuleException e) {
                // The message names the file and what is wrong, never the key.
                throw CliException.invalid(e.getMessage());
            }
            ProofBundle bundle = bundleFile != null ? read(bundleFile, batch)
                    : ProofBundleCollector.builder(connection.client("client", 1)).build().collect(batch);
            Disclosure disclosure;
            try {
                disclosure = Disclosure.sign(bundle, identity.mspId(), to, ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS), certificatePem, key);
            } catch (LedgerRuleException e) {
                int exit = e.code() == ErrorCode.FORBIDDEN || e.code() == ErrorCode.INVALID_STATE
                        ? ExitCode.REFUSED : ExitCode.INVALID_INPUT;
                throw new CliException(exit, "cannot disclose " + batch + ": " + e.getMessage(), e);
            }
            byte[] bytes = disclosure.toCanonicalBytes();
            if (out != null) {
                // Raw records are the owner's business secrets: the file is readable by its owner only.
                CliFiles.write(ctx.resolve(out), bytes, true, force);
                ctx.err().println("disclosure of " + batch + " to " + to + " written to " + out + " (bundle sha256 "
                        + bundle.sha256().toHex() + ", " + bundle.batch(batch).orElseThrow().records().size()
                        + " record(s))");
            } else {
                ctx.out().print(new String(bytes, StandardCharsets.UTF_8));
                ctx.out().flush();
            }
            return ExitCode.OK;
        }
    }

    private ProofBundle read(Path file, BatchId batch) {
        byte[] bytes = CliFiles.read(ctx.resolve(file), "proof bundle");
        ProofBundle bundle;
        try {
            bundle = ProofBundle.fromJson(bytes);
        } catch (LedgerRuleException e) {
            throw CliException.invalid("proof bundle " + file + " is malformed: " + e.getMessage());
        }
        if (!bundle.root().equals(batch)) {
            throw CliException.invalid("proof bundle " + file + " proves " + bundle.root() + ", not " + batch);
        }
        return bundle;
    }
}
