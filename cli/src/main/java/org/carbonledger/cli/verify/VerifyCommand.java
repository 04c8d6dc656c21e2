package org.carbonledger.cli.verify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.cli.common.OutputOptions;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.CommitmentVerifier;
import org.carbonledger.client.verify.OnlineVerifier;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.disclosure.Disclosure;
import org.carbonledger.core.disclosure.DisclosureEnvelope;
import org.carbonledger.core.disclosure.DisclosureVerifier;
import org.carbonledger.core.disclosure.TrustStore;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
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
    "With --disclosure FILE: check a signed disclosure (carbonctl disclose) offline: its bundle as above, the bundle "
        + "hash, and the owner's signature and certificate against the CA certificates given with --ca (add "
        + "--online to ask a peer about its transactions and public states, and whether each record hashes to the "
        + "value its transaction committed).",
    "With --skip-attestations: leave part 5 (attestations) out, a certifier's own check before it attests: an "
        + "honest chain whose root has no attestation yet then passes (exit 0), a tampered one still fails (exit 1).",
    "Exit code 0 when the verdict is PASS, 1 when it is FAIL, 3 when a bundle or disclosure is malformed. The checks "
        + "are described in docs/verification.md."},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl verify -c certco 09506000134390 WM-2611-001",
            "  carbonctl verify -c certco 09506000134390 WM-2611-001 --peer-org ApplianceCoMSP --save-bundle wm.bundle.json",
            "  carbonctl verify --bundle wm.bundle.json",
            "  carbonctl verify -c certco 09506000134390 WM-2611-001 --skip-attestations",
            "  carbonctl verify --bundle wm.bundle.json --online -c certco --output json | jq .verdict",
            "  carbonctl verify --disclosure wm.disclosure.json --ca ApplianceCoMSP=applianceco-ca.pem"})
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "GTIN", description = "The batch's GTIN.")
    String gtin;
    @Parameters(index = "1", arity = "0..1", paramLabel = "LOT", description = "The batch's lot.")
    String lot;
    @Option(names = "--bundle", paramLabel = "FILE", description = "Re-check this proof bundle instead of collecting one.")
    Path bundleFile;
    @Option(names = "--disclosure", paramLabel = "FILE",
            description = "Check this signed disclosure (its bundle, bundle hash, signature and signer's certificate).")
    Path disclosureFile;
    @Option(names = "--ca", paramLabel = "MSPID=FILE",
            description = "With --disclosure: trust FILE (PEM, one or more CA certificates: the MSP's cacerts from "
                    + "the channel configuration) as the CAs of MSPID. Repeatable.")
    Map<String, Path> cas = new TreeMap<>();
    @Option(names = "--online", description = "With --bundle or --disclosure: also check the bundle against a peer.")
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
    @Option(names = "--skip-attestations",
            description = "Leave the attestation checks (part 5) out: the verdict then says whether the chain itself "
                    + "holds, before any certifier attests it. Not with --disclosure.")
    boolean skipAttestations;

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
        if (bundleFile == null && disclosureFile == null && (gtin == null || lot == null)) {
            throw new CliException(ExitCode.USAGE, "give GTIN LOT to verify a batch on the ledger, --bundle FILE or "
                    + "--disclosure FILE");
        }
        if ((bundleFile != null ? 1 : 0) + (disclosureFile != null ? 1 : 0) + (gtin != null ? 1 : 0) > 1) {
            throw new CliException(ExitCode.USAGE, "give one of GTIN LOT, --bundle FILE or --disclosure FILE");
        }
        if (!cas.isEmpty() && disclosureFile == null) {
            throw new CliException(ExitCode.USAGE, "--ca is for --disclosure");
        }
        if (skipAttestations && disclosureFile != null) {
            // A disclosure is shown to a customer as an attested footprint: checking it without them would mislead.
            throw new CliException(ExitCode.USAGE, "--skip-attestations is for GTIN LOT or --bundle, not --disclosure");
        }
        try (LedgerOptions connection = ledger) {
            ProofBundle bundle;
            LedgerClient client = null;
            VerificationReport report = null;
            Disclosure disclosure = null;
            if (disclosureFile != null) {
                byte[] bytes = CliFiles.read(ctx.resolve(disclosureFile), "disclosure");
                try {
                    disclosure = Disclosure.fromBytes(bytes);
                    report = DisclosureVerifier.newInstance(trustStore()).verify(bytes, when);
                } catch (LedgerRuleException e) {
                    throw CliException.invalid("disclosure " + disclosureFile + " is malformed: " + e.getMessage());
                }
                bundle = disclosure.bundle();
                if (online) {
                    client = connection.client("client", 1);
                }
            } else if (bundleFile != null) {
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
            if (report == null) {
                report = Verifier.builder().attestations(!skipAttestations).build().verify(bundle, when);
            }
            String peer = null;
            if (client != null) {
                OnlineVerifier.Builder b = OnlineVerifier.builder(client);
                if (peerOrg != null) {
                    b.peerOrganization(peerOrg);
                }
                OnlineVerifier verifier = b.build();
                report = report.withChecks(verifier.check(bundle));
                peer = verifier.peer();
                if (disclosure != null) {
                    // The disclosed records against the hashes their transactions committed on every peer.
                    CommitmentVerifier.Builder c = CommitmentVerifier.builder(client);
                    if (peerOrg != null) {
                        c.peerOrganization(peerOrg);
                    }
                    report = report.withChecks(c.build().check(bundle));
                }
            }
            if (output.json()) {
                output.print(ctx, report.toJson());
            } else {
                if (disclosure != null) {
                    DisclosureEnvelope e = disclosure.envelope();
                    ctx.out().println("Disclosure of batch " + e.batch() + " by " + e.disclosedBy() + " to "
                            + e.disclosedTo() + ", signed at " + e.disclosedAt());
                }
                ctx.out().print(ReportTree.render(report, bundle, peer, all));
                ctx.out().flush();
            }
            if (skipAttestations) {
                ctx.err().println("attestation checks left out (--skip-attestations): the verdict "
                        + report.verdict() + " does not say whether the batch is attested");
                ctx.err().flush();
            }
            return report.passed() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        }
    }

    private TrustStore trustStore() {
        TrustStore.Builder trust = TrustStore.builder();
        cas.forEach((msp, file) -> {
            try {
                trust.add(msp, CliFiles.readText(ctx.resolve(file), "CA certificate"));
            } catch (LedgerRuleException e) {
                throw CliException.invalid("--ca " + msp + "=" + file + ": " + e.getMessage());
            }
        });
        return trust.build();
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
