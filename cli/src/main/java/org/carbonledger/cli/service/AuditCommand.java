package org.carbonledger.cli.service;

import java.util.Map;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.OutputOptions;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** carbonctl audit. */
@Command(name = "audit", description = {"Compare the service's read model (its database) with the ledger and list "
        + "every difference.",
    "Calls the service's admin API over HTTPS as an OAuth client with the admin role. Exit code 1 when the read "
        + "model differs from the ledger; `carbonctl db rebuild` rebuilds it from the ledger."},
        footerHeading = "%nExamples:%n",
        footer = {"  export CARBONCTL_CLIENT_SECRET=\"$(cat /run/secrets/ops-admin)\"",
            "  carbonctl audit --client-id ops-admin",
            "  carbonctl audit --service https://ledger.example:8443 --cacert ca.pem --client-id ops-admin \\",
            "      --client-secret-file /run/secrets/ops-admin --output json"})
public final class AuditCommand implements Callable<Integer> {
    static final String PATH = "/api/v1/admin/read-model/audit";

    @Mixin
    ServiceOptions service;
    @Mixin
    ServiceLogin login;
    @Mixin
    OutputOptions output;

    private final CliContext ctx;

    AuditCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        JsonObject audit = service.call(login.credentials(), client -> client.get(PATH));
        JsonObjectReader r = JsonObjectReader.of(audit, "audit");
        JsonArray differences = r.requireArray("differences");
        long count = r.has("differenceCount") ? r.requireInteger("differenceCount", 0, Long.MAX_VALUE)
                : differences.size();
        boolean consistent = r.has("consistent") ? r.requireBoolean("consistent") : count == 0;
        if (output.json()) {
            output.print(ctx, audit);
        } else {
            ctx.out().println("read model audited against the ledger up to block " + member(audit, "checkpointBlock")
                    + (audit.has("ledgerTransactions") ? " (" + member(audit, "ledgerTransactions")
                            + " transactions replayed, " + member(audit, "ledgerKeys") + " ledger keys, "
                            + member(audit, "readModelKeys") + " read-model keys)" : ""));
            if (consistent) {
                ctx.out().println("no differences: the read model is the ledger's");
            } else {
                ctx.out().println(count + " difference(s)" + (count > differences.size() ? ", the first "
                        + differences.size() + " listed" : "") + ":");
                for (JsonValue v : differences.elements()) {
                    JsonObject d = JsonObjectReader.asObject(v, "differences[]");
                    StringBuilder line = new StringBuilder(String.format("  %-11s %s", member(d, "kind"),
                            member(d, "key")));
                    for (Map.Entry<String, JsonValue> m : d.members().entrySet()) {
                        if (!m.getKey().equals("kind") && !m.getKey().equals("key")) {
                            line.append(m.getKey().equals("detail") ? "  " : "  " + m.getKey() + "=")
                                    .append(text(m.getValue()));
                        }
                    }
                    ctx.out().println(line);
                }
                ctx.out().println("rebuild it from the ledger: carbonctl db rebuild");
            }
            ctx.out().flush();
        }
        return consistent ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static String member(JsonObject o, String name) {
        return o.get(name).map(AuditCommand::text).orElse("?");
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.value() : Json.write(v);
    }
}
