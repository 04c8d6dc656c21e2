package org.carbonledger.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * audit and db rebuild against SteelCo's real service (started by `make up`, https://localhost:8443, self-signed
 * certificate, demo OAuth clients). The rebuild is only tried with a client that may not run it: rebuilding the
 * shared service's read model would disturb everyone else's tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAdminIT {
    static final String URL = "https://localhost:8443";

    private Path run;
    private Map<String, String> clients;
    private Cli cli;

    @BeforeAll
    void service() throws IOException {
        run = Network.dir().getParent().getParent().resolve("service/run/steelco");
        Path env = run.resolve("demo-clients.env");
        if (!Files.isRegularFile(env)) {
            throw new IllegalStateException(env + " does not exist: start the services with `make up`");
        }
        clients = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                clients.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        cli = Network.cli(Files.createTempDirectory("carbonctl-service-it"));
    }

    private Cli.Result run(String secret, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--service";
        all[args.length + 1] = URL;
        all[args.length + 2] = "--cacert";
        all[args.length + 3] = run.resolve("tls/server.crt").toString();
        return cli.env("CARBONCTL_CLIENT_SECRET", secret).run(all);
    }

    @Test
    void the_audit_of_the_real_read_model_answers_with_an_exit_code_that_matches_its_verdict() {
        Cli.Result r = run(clients.get("ADMIN_SECRET"), "audit", "--client-id", clients.get("ADMIN_CLIENT"),
                "--timeout", "900", "--output", "json");
        assertThat(r.exitCode()).as(r.toString()).isIn(ExitCode.OK, ExitCode.CHECK_FAILED);
        JsonObjectReader audit = JsonObjectReader.of(Json.parseObject(r.out().strip(), "audit"), "");
        assertThat(audit.requireBoolean("consistent")).isEqualTo(r.exitCode() == ExitCode.OK);
        assertThat(audit.requireInteger("checkpointBlock", 0, Long.MAX_VALUE)).isPositive();
        assertThat(audit.requireArray("differences").size()).isLessThanOrEqualTo(
                (int) audit.requireInteger("differenceCount", 0, Long.MAX_VALUE));
        assertThat(r.out() + r.err()).doesNotContain(clients.get("ADMIN_SECRET"));
    }

    @Test
    void a_rebuild_by_a_client_without_the_admin_role_is_refused_with_the_services_reason() {
        Cli.Result r = run(clients.get("OPERATOR_SECRET"), "db", "rebuild", "--client-id",
                clients.get("OPERATOR_CLIENT"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.errLines()).singleElement().asString().startsWith("carbonctl: the service answered 403 to "
                + "/api/v1/admin/read-model/rebuild: ").endsWith("(the client " + clients.get("OPERATOR_CLIENT")
                + " needs the admin role)");
    }

    @Test
    void wrong_client_credentials_are_refused() {
        Cli.Result r = run("not-the-secret", "audit", "--client-id", clients.get("ADMIN_CLIENT"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.err()).startsWith("carbonctl: the service refused the client credentials of "
                + clients.get("ADMIN_CLIENT"));
    }
}
