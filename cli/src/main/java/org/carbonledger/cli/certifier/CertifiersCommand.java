package org.carbonledger.cli.certifier;

import java.util.Optional;
import java.util.Set;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerCalls;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.identifier.Token;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.LedgerOperation;
import org.carbonledger.core.ledger.StoredDesignation;
import org.carbonledger.core.ledger.request.Designations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The certifiers a producer designates to see its raw emission records. Their peers hold the producer's records and
 * endorse (so re-check) each record and seal transaction; a producer with none may not submit records.
 */
@Command(name = "certifiers", description = {"Designate, revoke and list the certifiers that may see your raw "
        + "emission records.",
    "A designated certifier's peer holds your records in its private collection and endorses every record and seal "
        + "transaction of yours; until you designate one, the ledger refuses your records (NOT_DESIGNATED)."},
        subcommands = {CertifiersCommand.ListCertifiers.class, CertifiersCommand.Designate.class,
            CertifiersCommand.Revoke.class})
public final class CertifiersCommand extends Group {

    /** certifiers list. */
    @Command(name = "list", description = "List a producer's designated certifiers (default: your organization's).",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl certifiers list -c steelco",
                "  carbonctl certifiers list -c certco --producer SteelCoMSP --output json"})
    static final class ListCertifiers extends LedgerCommand {
        @Option(names = "--producer", paramLabel = "MSPID", description = "The producer (default: your organization).")
        String producer;

        ListCertifiers(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return list(client, client.connection().mspId());
        }

        /** Prints the designations of {@code --producer}, else of {@code ownMspId}. */
        int list(LedgerCalls client, String ownMspId) {
            String of = producer != null ? Token.require(producer, "--producer", 64) : ownMspId;
            output.print(ctx, designations(client, of).toJson());
            return ExitCode.OK;
        }
    }

    /** certifiers designate. */
    @Command(name = "designate", description = {"Designate a certifier to see your raw data (admin identity).",
        "It must hold the CERTIFIER role. Designating it again is a replay (exit 0)."},
            footerHeading = "%nExamples:%n", footer = {"  carbonctl certifiers designate -c steelco CertCoMSP"})
    static final class Designate extends LedgerCommand {
        @Parameters(paramLabel = "CERTIFIER_MSP", description = "The certifier's MSP id, e.g. CertCoMSP.")
        String certifier;

        Designate(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected String defaultIdentity() {
            return "admin";
        }

        @Override
        protected int run(LedgerClient client) {
            return designate(client, client.connection().mspId());
        }

        /** Designates for {@code ownMspId}; when the ledger holds the designation already, answers it as a replay. */
        int designate(LedgerCalls client, String ownMspId) {
            String msp = Token.require(certifier, "CERTIFIER_MSP", 64);
            return submitOnce(client, Set.of(ErrorCode.ALREADY_EXISTS, ErrorCode.DUPLICATE_ID, ErrorCode.INVALID_STATE),
                    () -> designation(client, ownMspId, msp), stored -> Optional.empty(), "txId",
                    LedgerOperation.DESIGNATE_CERTIFIER, msp);
        }
    }

    /** certifiers revoke. */
    @Command(name = "revoke", description = {"Revoke a certifier's designation (admin identity).",
        "Records you submit from now on no longer reach its peer; those it holds stay there. Revoking a certifier "
            + "that is not designated is refused as not found (exit 5)."},
            footerHeading = "%nExamples:%n", footer = {"  carbonctl certifiers revoke -c steelco CertCoMSP"})
    static final class Revoke extends LedgerCommand {
        @Parameters(paramLabel = "CERTIFIER_MSP", description = "The certifier's MSP id.")
        String certifier;

        Revoke(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected String defaultIdentity() {
            return "admin";
        }

        @Override
        protected int run(LedgerClient client) {
            return revoke(client);
        }

        int revoke(LedgerCalls client) {
            return submit(client, LedgerOperation.REVOKE_CERTIFIER, Token.require(certifier, "CERTIFIER_MSP", 64));
        }
    }

    static Designations designations(LedgerCalls client, String producer) {
        return Designations.fromJson(JsonObjectReader.asObject(
                client.evaluate(LedgerOperation.LIST_DESIGNATED_CERTIFIERS, producer), "designations"), "designations");
    }

    static Optional<JsonObject> designation(LedgerCalls client, String producer, String certifier) {
        return designations(client, producer).certifiers().stream()
                .filter(d -> d.certifierMspId().equals(certifier)).findFirst().map(StoredDesignation::toJson);
    }
}
