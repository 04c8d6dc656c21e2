package org.carbonledger.cli.verify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.cli.common.OutputOptions;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.OnlineVerifier;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** carbonctl verify. */
@Command(name = "verify", description = {
    "Verify a batch's footprint end to end, through every upstream batch, and print every check as a tree.",
    "With GTIN LOT: collect the proof bundle from the ledger, check it (signatures, device keys, recomputed "
        + "footprints and seals, allocations, mass balance, attestations), and ask a peer that every transaction "
        + "is committed VALID and every state is the ledger's.",
    "With --bundle FILE: re-check an exported proof bundle offline (add --online to ask a peer too).",
    "Exit code 0 when the verdict is PASS, 1 when it is FAIL. The checks are described in docs/verification.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl verify -c certco 09506000134390 WM-2611-001",
            "  carbonctl verify -c certco 09506000134390 WM-2611-001 --peer-org ApplianceCoMSP --save-bundle wm.bundle.json",
            "  carbonctl verify --bundle wm.bundle.json",
            "  carbonctl verify --bundle wm.bundle.json --online -c certco --output json | jq .verdict"})
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "GTIN", description = "The batch's GTIN.")
    String gtin;
    @Parameters(index = "1", arity = "0..1", paramLabel = "LOT", description = "The batch's lot.")
    String lot;
    @Option(names = "--bundle", paramLabel = "FILE", description = "Re-check this proof bundle instead of collecting one.")
    Path bundleFile;
    @Option(names = "--online", description = "With --bundle: also check the bundle against a peer.")
    boolean online;
    @Option(names = "--peer-org", paramLabel = "MSPID",
            description = "Ask this organization's peer (through your Gateway) instead of your own peer; choose "
                    + "one that owns none of the batches.")
    String peerOrg;
    @Option(names = "--at", paramLabel = "INSTANT",
            description = "When attestations must be valid (default: now), e.g. 2027-03-01T00:00:00Z.")
    Instant at;
    @Option(names = "--save-bundle", paramLabel = "FILE", description = "Also write the collected proof bundle here.")
    Path saveBundle;
    @Option(names = "--all", description = "List every check, not only the failed ones.")
    boolean all;

    @Mixin
    LedgerOptions ledger;
    @Mixin
    OutputOptions output;

    private final CliContext ctx;

    VerifyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Instant when = at != null ? at : ctx.clock().instant();
        if (bundleFile == null && (gtin == null || lot == null)) {
            throw new CliException(ExitCode.USAGE, "give GTIN LOT to verify a batch on the ledger, or --bundle FILE");
        }
        if (bundleFile != null && gtin != null) {
            throw new CliException(ExitCode.USAGE, "give either GTIN LOT or --bundle FILE, not both");
        }
        try (LedgerOptions connection = ledger) {
            ProofBundle bundle;
            LedgerClient client = null;
            if (bundleFile != null) {
                bundle = read(bundleFile);
                if (online) {
                    client = connection.client("client", 1);
                }
            } else {
                client = connection.client("client", 1);
                ProofBundleCollector.Builder collector = ProofBundleCollector.builder(client);
                if (peerOrg != null) {
                    collector.peerOrganization(peerOrg);
                }
                bundle = collector.build().collect(BatchId.of(gtin, lot));
                if (saveBundle != null) {
                    CliFiles.write(ctx.resolve(saveBundle), bundle.toCanonicalBytes(), false, true);
                    ctx.err().println("proof bundle written to " + saveBundle + " (sha256 " + bundle.sha256().toHex() + ")");
                }
            }
            VerificationReport report = Verifier.newInstance().verify(bundle, when);
            String peer = null;
            if (client != null) {
                OnlineVerifier.Builder b = OnlineVerifier.builder(client);
                if (peerOrg != null) {
                    b.peerOrganization(peerOrg);
                }
                OnlineVerifier verifier = b.build();
                report = report.withChecks(verifier.check(bundle));
                peer = verifier.peer();
            }
            if (output.json()) {
                output.print(ctx, report.toJson());
            } else {
                ctx.out().print(ReportTree.render(report, bundle, peer, all));
                ctx.out().flush();
            }
            return report.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }

    private ProofBundle read(Path file) {
        byte[] bytes = CliFiles.read(ctx.resolve(file), "proof bundle");
        try {
            return ProofBundle.fromJson(bytes);
        } catch (LedgerRuleException e) {
            throw CliException.invalid("proof bundle " + file + " is malformed: " + e.getMessage());
        }
    }
}
