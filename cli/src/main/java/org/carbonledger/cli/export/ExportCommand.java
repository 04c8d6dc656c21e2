package org.carbonledger.cli.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.LedgerOptions;
import org.carbonledger.cli.service.ServiceOptions;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.client.verify.ProofBundleCollector;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.verify.ProofBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** carbonctl export. */
@Command(name = "export", description = {"Export a sealed batch:",
    "  pact      its PACT v3 ProductFootprint (WBCSD Technical Specifications 3.0; the same mapping as the service's "
        + "/3/footprints, docs/pact.md), read directly from the ledger",
    "  bundle    its proof bundle: everything needed to re-check its footprint offline "
        + "(carbonledger-proof-bundle/1, docs/verification.md §5), read directly from the ledger",
    "  untp-dpp  its UNTP Digital Product Passport as a signed W3C Verifiable Credential (application/vc+jwt), "
        + "from the service of the batch's owner, which holds the organization's credential key (--service); "
        + "checked against the DID document that service serves and, with a connection, against the ledger",
    "  untp-dcc  the UNTP Digital Conformity Credential of one attestation (--attestation), likewise from the "
        + "certifier's service (docs/credentials.md)"},
        footerHeading = "%nExamples:%n",
        footer = {"  carbonctl export -c certco 09506000134390 WM-2611-001 --format pact --out wm.pact.json",
            "  carbonctl export -c certco 09506000134390 WM-2611-001 --format bundle --out wm.bundle.json",
            "  carbonctl verify --bundle wm.bundle.json",
            "  carbonctl export -c applianceco 09506000134390 WM-2611-001 --format untp-dpp \\",
            "      --service https://localhost:8444 --out wm.dpp.jwt",
            "  carbonctl export 09506000134390 WM-2611-001 --format untp-dcc \\",
            "      --attestation 40000000-0000-4000-8000-000000000002 --service https://localhost:8445 --out wm.dcc.jwt"})
public final class ExportCommand implements Callable<Integer> {

    /** What to export. */
    public enum Format {
        /** The PACT v3 ProductFootprint. */
        pact,
        /** The proof bundle. */
        bundle,
        /** The UNTP Digital Product Passport, signed by the owner's service. */
        untp_dpp,
        /** The UNTP Digital Conformity Credential of an attestation, signed by the certifier's service. */
        untp_dcc
    }

    @Parameters(index = "0", paramLabel = "GTIN", description = "The batch's GTIN.")
    String gtin;
    @Parameters(index = "1", paramLabel = "LOT", description = "The batch's lot.")
    String lot;
    @Spec
    CommandSpec spec;
    Format format;
    @Option(names = "--issuer-domain", defaultValue = "carbonledger.local", paramLabel = "DOMAIN",
            description = "For pact: the domain of urn:pact: ids when the batch owner's profile has no website "
                    + "(default ${DEFAULT-VALUE}, as the service's default).")
    String issuerDomain;
    @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout).")
    Path out;
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;
    @Option(names = "--attestation", paramLabel = "ID",
            description = "For untp-dcc: the attestation whose conformity credential to export.")
    String attestation;
    @Mixin
    LedgerOptions ledger;
    @Mixin
    ServiceOptions service;

    private final CliContext ctx;

    ExportCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A QR code is the service's rendering of the batch's one canonical link, not something read from the ledger, so
     * asking export for one is pointed to the command that fetches it.
     */
    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "pact, bundle, untp-dpp or untp-dcc (a QR code: carbonctl qr GTIN LOT).")
    void format(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("qr")) {
            throw new ParameterException(spec.commandLine(), "--format qr: export reads the ledger and has no QR "
                    + "code; the batch's QR code comes from the service: carbonctl qr GTIN LOT --out code.svg");
        }
        try {
            format = Format.valueOf(lower.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format: \"" + value + "\" is not an export format; "
                    + "give pact, bundle, untp-dpp or untp-dcc (a QR code: carbonctl qr)", e);
        }
    }

    @Override
    public Integer call() {
        if (format == Format.untp_dpp || format == Format.untp_dcc) {
            return untp();
        }
        if (attestation != null) {
            throw new ParameterException(spec.commandLine(), "--attestation is for --format untp-dcc only");
        }
        try (LedgerOptions connection = ledger) {
            LedgerClient client = connection.client("client", 1);
            ProofBundle bundle = ProofBundleCollector.newInstance(client).collect(BatchId.of(gtin, lot));
            if (format == Format.pact) {
                JsonObject footprint = PactExport.productFootprint(client, bundle, issuerDomain);
                write((Jcs.canonicalString(footprint)).getBytes(StandardCharsets.UTF_8));
                ctx.err().println("PACT ProductFootprint of " + bundle.root() + ": id "
                        + text(footprint, "id") + ", " + text(footprint, "pcf.declaredUnitOfMeasurement") + " "
                        + text(footprint, "pcf.pcfExcludingBiogenicUptake") + " kgCO2e per unit"
                        + (out != null ? " -> " + out : ""));
                ctx.err().flush();
                return ExitCode.OK;
            }
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

    private int untp() {
        BatchId batch = BatchId.of(gtin, lot);
        Optional<LedgerId> attestationId;
        if (format == Format.untp_dcc) {
            if (attestation == null) {
                throw new ParameterException(spec.commandLine(), "--format untp-dcc needs --attestation ID: the "
                        + "attestation whose conformity credential to export");
            }
            attestationId = Optional.of(LedgerId.parse(attestation, "--attestation"));
        } else if (attestation != null) {
            throw new ParameterException(spec.commandLine(), "--attestation is for --format untp-dcc only");
        } else {
            attestationId = Optional.empty();
        }
        UntpExport.Verified verified = UntpExport.fetch(service, batch, attestationId);
        boolean checkedAgainstLedger = ledger.connectionGiven();
        if (checkedAgainstLedger) {
            try (LedgerOptions connection = ledger) {
                LedgerClient client = connection.client("client", 1);
                ProofBundle bundle = ProofBundleCollector.newInstance(client).collect(batch);
                UntpExport.requireLedgerAgrees(verified, PactExport.facts(client, bundle,
                        "a UNTP credential"), attestationId);
            }
        }
        write(verified.jwt().getBytes(StandardCharsets.US_ASCII));
        JsonObjectReader credential = JsonObjectReader.of(verified.credential(), "credential");
        ctx.err().println((format == Format.untp_dpp ? "UNTP product passport of " : "UNTP conformity credential of ")
                + batch + (attestation != null ? " attestation " + attestation : "") + ": issued by "
                + credential.requireObject("issuer").requireString("id") + ", signature verified with its DID "
                + "document" + (checkedAgainstLedger ? ", every member as the ledger says" : " (no connection: not "
                + "compared with the ledger)") + (out != null ? " -> " + out : ""));
        ctx.err().flush();
        return ExitCode.OK;
    }

    private static String text(JsonObject o, String path) {
        JsonObjectReader r = JsonObjectReader.of(o, "");
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            if (!r.has(parts[i])) {
                return "?";
            }
            r = r.requireObject(parts[i]);
        }
        return r.object().get(parts[parts.length - 1]).map(v -> v instanceof JsonString s ? s.value() : v.toString())
                .orElse("?");
    }

    private void write(byte[] bytes) {
        if (out == null) {
            ctx.out().println(new String(bytes, StandardCharsets.UTF_8));
            ctx.out().flush();
        } else {
            CliFiles.write(ctx.resolve(out), bytes, false, force);
        }
    }
}
