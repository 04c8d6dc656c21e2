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
    OutputOptions output;

    private final CliContext ctx;

    AuditCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        JsonObject audit = ServiceClient.of(service).get(PATH);
        JsonObjectReader r = JsonObjectReader.of(audit, "audit");
        JsonArray differences = r.requireArray("differences");
        if (output.json()) {
            output.print(ctx, audit);
        } else {
            ctx.out().println("read model checked against the ledger at block " + member(audit, "ledgerBlock")
                    + " (read model checkpoint: block " + member(audit, "checkpointBlock") + ")");
            if (differences.size() == 0) {
                ctx.out().println("no differences: the read model is the ledger's");
            } else {
                ctx.out().println(differences.size() + " difference(s):");
                for (JsonValue v : differences.elements()) {
                    JsonObject d = JsonObjectReader.asObject(v, "differences[]");
                    StringBuilder line = new StringBuilder(String.format("  %-9s %s", member(d, "kind"), member(d, "key")));
                    for (Map.Entry<String, JsonValue> m : d.members().entrySet()) {
                        if (!m.getKey().equals("kind") && !m.getKey().equals("key")) {
                            line.append("  ").append(m.getKey()).append('=').append(text(m.getValue()));
                        }
                    }
                    ctx.out().println(line);
                }
            }
            ctx.out().flush();
        }
        return differences.size() == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static String member(JsonObject o, String name) {
        return o.get(name).map(AuditCommand::text).orElse("?");
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.value() : Json.write(v);
    }
}
