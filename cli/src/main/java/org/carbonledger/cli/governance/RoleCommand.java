package org.carbonledger.cli.governance;

import java.util.UUID;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.LedgerCommand;
import org.carbonledger.client.ledger.LedgerClient;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.LedgerOperation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Role proposals: granting PRODUCER or CERTIFIER needs the admins of a majority of members. */
@Command(name = "role", description = {"Propose, approve and withdraw role grants and revocations (admin identity).",
    "A role (PRODUCER, CERTIFIER) changes when the admins of a majority of member organizations approved; "
        + "proposing counts as the proposer's approval."},
        subcommands = {RoleCommand.Propose.class, RoleCommand.Approve.class, RoleCommand.Withdraw.class,
            RoleCommand.Show.class, RoleCommand.Proposals.class})
public final class RoleCommand extends Group {

    /** Governance is an admin matter: these commands default to the admin identity. */
    abstract static class AdminCommand extends LedgerCommand {
        AdminCommand(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected String defaultIdentity() {
            return "admin";
        }
    }

    /** GRANT or REVOKE. */
    static final class Action {
        @Option(names = "--grant", required = true, description = "Propose to grant the role.")
        boolean grant;
        @Option(names = "--revoke", required = true, description = "Propose to revoke the role.")
        boolean revoke;
    }

    /** role propose. */
    @Command(name = "propose", description = "Propose to grant or revoke a role of an organization.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl role propose -c steelco --grant CertCoMSP CERTIFIER",
                "  carbonctl role approve -c applianceco <proposalId>"})
    static final class Propose extends AdminCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Action action;
        @Parameters(index = "0", paramLabel = "MSPID", description = "The organization, e.g. CertCoMSP.")
        String mspId;
        @Parameters(index = "1", paramLabel = "ROLE", description = "PRODUCER or CERTIFIER.")
        String role;
        @Option(names = "--id", paramLabel = "UUID", description = "The proposal id (default: a new random UUID).")
        String id;

        Propose(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            String proposalId = id != null ? LedgerId.parse(id, "--id").value() : UUID.randomUUID().toString();
            JsonObject proposal = JsonObject.builder().put("proposalId", proposalId)
                    .put("action", action.grant ? "GRANT" : "REVOKE").put("mspId", mspId).put("role", role).build();
            return createOnce(client, proposal, () -> find(client, LedgerOperation.GET_PROPOSAL, proposalId),
                    LedgerOperation.PROPOSE_ROLE);
        }
    }

    /** role approve. */
    @Command(name = "approve", description = "Approve an open proposal as your organization.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl role approve -c applianceco 6f1c…"})
    static final class Approve extends AdminCommand {
        @Parameters(paramLabel = "PROPOSAL", description = "The proposal id.")
        String id;

        Approve(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return submit(client, LedgerOperation.APPROVE_PROPOSAL, id);
        }
    }

    /** role withdraw. */
    @Command(name = "withdraw", description = "Withdraw an open proposal your organization made.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl role withdraw -c steelco 6f1c…"})
    static final class Withdraw extends AdminCommand {
        @Parameters(paramLabel = "PROPOSAL", description = "The proposal id.")
        String id;

        Withdraw(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return submit(client, LedgerOperation.WITHDRAW_PROPOSAL, id);
        }
    }

    /** role show. */
    @Command(name = "show", description = "Show a proposal and its approvals.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl role show -c steelco 6f1c…"})
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "PROPOSAL", description = "The proposal id.")
        String id;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.GET_PROPOSAL, id);
        }
    }

    /** role proposals. */
    @Command(name = "proposals", description = "List every proposal, open and closed.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl role proposals -c steelco --output json"})
    static final class Proposals extends AdminCommand {
        Proposals(CliContext ctx) {
            super(ctx);
        }

        @Override
        protected int run(LedgerClient client) {
            return query(client, LedgerOperation.LIST_PROPOSALS);
        }
    }
}
