package org.carbonledger.cli.service;

import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** carbonctl db. */
@Command(name = "db", description = "The service's read model (its database).", subcommands = DbCommand.Rebuild.class)
public final class DbCommand extends Group {

    /** db rebuild. */
    @Command(name = "rebuild", description = {"Drop the service's read model and rebuild it from the ledger, block 0 on.",
        "Calls the service's admin API over HTTPS as an OAuth client with the admin role."},
            footerHeading = "%nExamples:%n",
            footer = {"  export CARBONCTL_CLIENT_SECRET=\"$(cat /run/secrets/ops-admin)\"",
                "  carbonctl db rebuild --client-id ops-admin",
                "  carbonctl audit --client-id ops-admin    # then check it"})
    static final class Rebuild implements Callable<Integer> {
        static final String PATH = "/api/v1/admin/read-model/rebuild";

        @Mixin
        ServiceOptions service;
        @Mixin
        ServiceLogin login;
        @Mixin
        OutputOptions output;

        private final CliContext ctx;

        Rebuild(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            output.print(ctx, service.call(login.credentials(), client -> client.post(PATH)));
            return ExitCode.OK;
        }
    }
}
