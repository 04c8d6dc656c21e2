package org.carbonledger.cli.governance;

import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Member organizations. */
@Command(name = "org", description = "Member organizations of the consortium and their roles.",
        subcommands = {OrgCommand.ListOrgs.class, OrgCommand.Show.class, OrgCommand.Register.class})
public final class OrgCommand extends Group {

    /** org list. */
    @Command(name = "list", description = "List the member organizations with their roles.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl org list -c certco",
                "  carbonctl org list -c certco --output json | jq -r '.items[].mspId'"})
    static final class ListOrgs extends LedgerCommand {
        ListOrgs(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.LIST_ORGANIZATIONS);
        }
    }

    /** org show. */
    @Command(name = "show", description = "Show one member organization: profile and roles.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl org show -c steelco CertCoMSP"})
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "MSPID", description = "The organization's MSP id, e.g. SteelCoMSP.")
        String mspId;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_ORGANIZATION, mspId);
        }
    }

    /** org register. */
    @Command(name = "register", description = {"Set your organization's public profile (admin identity).",
        "--public lets consumers see the organization's name on footprints."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl org register -c steelco --display-name 'Steel Co' --public --website https://steel.example"})
    static final class Register extends LedgerCommand {
        @Option(names = "--display-name", required = true, paramLabel = "NAME", description = "Name shown to people.")
        String displayName;
        @Option(names = "--public", description = "Consumers may see the name on footprints.")
        boolean isPublic;
        @Option(names = "--website", paramLabel = "URL", description = "An https URL.")
        String website;

        Register(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected String defaultIdentity() {
            return "admin";
        }

        @Override
        protected int run(LedgerClient client) {
            JsonObject.Builder b = JsonObject.builder().put("displayName", displayName).put("public", isPublic);
            if (website != null) {
                b.put("website", website);
            }
            return submit(client, LedgerOperation.REGISTER_ORGANIZATION, Jcs.canonicalString(b.build()));
        }
    }
}
