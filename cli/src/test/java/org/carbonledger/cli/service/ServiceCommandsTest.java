package org.carbonledger.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carbonledger.apiclient.testing.LocalHttpsServer;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * audit and db rebuild against an HTTPS server that speaks the service's admin contract (client-credentials token,
 * bearer calls, problem JSON) with a self-signed certificate, as the service does locally. The server stands in
 * for the service's HTTP surface only; what the service computes is the service's tests' business.
 */
class ServiceCommandsTest {
    static final String SECRET = "s3cret:with%chars";
    // The shapes of the service's ReadModelAudit and status JSON.
    static final String AUDIT_CLEAN = "{\"checkpointBlock\":812,\"ledgerTransactions\":811,\"ledgerKeys\":4200,"
            + "\"readModelKeys\":4200,\"consistent\":true,\"differenceCount\":0,\"differences\":[],"
            + "\"checkpointTransaction\":\"ab12\"}";
    static final String AUDIT_DIRTY = "{\"checkpointBlock\":790,\"ledgerTransactions\":789,\"ledgerKeys\":4200,"
            + "\"readModelKeys\":4199,\"consistent\":false,\"differenceCount\":3,\"differences\":["
            + "{\"kind\":\"DIFFERENT\",\"key\":\"BATCH/09506000134352/COIL-7\",\"detail\":\"the read model's value differs from the ledger's\"},"
            + "{\"kind\":\"MISSING\",\"key\":\"ID/10000000-0000-4000-8000-000000000201\",\"detail\":\"on the ledger, not in the read model\"}]}";

    @TempDir
    Path dir;

    private LocalHttpsServer server;
    private String auditBody = AUDIT_CLEAN;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = LocalHttpsServer.start(dir, "server.crt");
        server.route("/oauth/token", this::token);
        server.route("/api/v1/admin/read-model/audit", x -> admin(x, "GET", auditBody));
        server.route("/api/v1/admin/read-model/rebuild", x -> admin(x, "POST",
                "{\"checkpointBlock\":-1,\"ledgerHeight\":812,\"lagBlocks\":813,\"running\":true}"));
        url = server.uri("localhost").toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void token(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(("ops-admin:"
                + java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        requests.add("POST /oauth/token " + body);
        if (!"POST".equals(x.getRequestMethod()) || !expected.equals(auth) || !body.equals("grant_type=client_credentials")) {
            send(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}");
            return;
        }
        send(x, 200, "{\"access_token\":\"tok-admin\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void admin(HttpExchange x, String method, String body) throws IOException {
        requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                + x.getRequestHeaders().getFirst("Authorization"));
        if (!method.equals(x.getRequestMethod())) {
            send(x, 405, "{\"title\":\"Method Not Allowed\",\"status\":405}");
        } else if (!"Bearer tok-admin".equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 403, "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"needs the admin role\"}");
        } else {
            send(x, method.equals("POST") ? 202 : 200, body);
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private Cli cli() {
        return new Cli(dir).env("CARBONCTL_CLIENT_SECRET", SECRET);
    }

    @Test
    void audit_with_no_differences_exits_0() {
        Cli.Result r = cli().run("audit", "--service", url, "--cacert", "server.crt", "--client-id", "ops-admin");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("read model audited against the ledger up to block 812 (811 transactions "
                + "replayed, 4200 ledger keys, 4200 read-model keys)\nno differences: the read model is the ledger's\n");
        assertThat(requests).containsExactly("POST /oauth/token grant_type=client_credentials",
                "GET /api/v1/admin/read-model/audit Bearer tok-admin");
    }

    @Test
    void audit_lists_every_difference_and_exits_1() {
        auditBody = AUDIT_DIRTY;
        Cli.Result r = cli().run("audit", "--service", url, "--cacert", "server.crt", "--client-id", "ops-admin");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out().lines()).containsExactly(
                "read model audited against the ledger up to block 790 (789 transactions replayed, 4200 ledger keys, "
                        + "4199 read-model keys)",
                "3 difference(s), the first 2 listed:",
                "  DIFFERENT   BATCH/09506000134352/COIL-7  the read model's value differs from the ledger's",
                "  MISSING     ID/10000000-0000-4000-8000-000000000201  on the ledger, not "
                        + "in the read model",
                "rebuild it from the ledger: carbonctl db rebuild");
        Cli.Result json = cli().run("audit", "--service", url, "--cacert", "server.crt", "--client-id", "ops-admin",
                "-o", "json");
        assertThat(json.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(json.out()).contains("\"checkpointBlock\":790");
    }

    @Test
    void db_rebuild_posts_and_prints_the_answer() {
        Cli.Result r = cli().run("db", "rebuild", "--service", url, "--cacert", "server.crt", "--client-id", "ops-admin",
                "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"checkpointBlock\":-1,\"lagBlocks\":813,\"ledgerHeight\":812,"
                + "\"running\":true}");
        assertThat(requests).contains("POST /api/v1/admin/read-model/rebuild Bearer tok-admin");
    }

    @Test
    void a_wrong_secret_is_refused_and_never_printed() {
        Cli.Result r = new Cli(dir).env("CARBONCTL_CLIENT_SECRET", "guess").run("audit", "--service", url, "--cacert",
                "server.crt", "--client-id", "ops-admin");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.errLines()).containsExactly("carbonctl: the service refused the client credentials of ops-admin "
                + "(unknown client or wrong secret): check --client-id and the secret");
        assertThat(r.out() + r.err()).doesNotContain("guess");
        assertThat(cli().run("audit", "--service", url, "--cacert", "server.crt", "--client-id", "ops-admin")
                .err()).doesNotContain(SECRET);
    }

    @Test
    void the_secret_can_come_from_a_file_and_nothing_from_the_command_line() throws IOException {
        Files.writeString(dir.resolve("secret"), SECRET + "\n");
        Cli.Result r = new Cli(dir).run("audit", "--service", url, "--cacert", "server.crt", "--client-id",
                "ops-admin", "--client-secret-file", "secret");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Cli.Result none = new Cli(dir).run("audit", "--service", url, "--client-id", "ops-admin");
        assertThat(none.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(none.err()).contains("no client secret: set $CARBONCTL_CLIENT_SECRET or give --client-secret-file");
    }

    @Test
    void an_untrusted_certificate_is_refused_with_the_way_to_trust_it() {
        Cli.Result r = cli().run("audit", "--service", url, "--client-id", "ops-admin");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("give the service's certificate with --cacert");
        assertThat(cli().run("audit", "--service", url, "--insecure", "--client-id", "ops-admin").exitCode()).isZero();
    }

    @Test
    void on_this_machine_the_local_services_own_certificates_are_trusted_by_default() throws IOException {
        Path home = dir.resolve("checkout");
        Files.createDirectories(home.resolve("service/run/steelco/tls"));
        Files.copy(dir.resolve("server.crt"), home.resolve("service/run/steelco/tls/server.crt"));
        Cli.Result r = cli().home(home).run("audit", "--service", url, "--client-id", "ops-admin");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void a_slow_service_is_unavailable_after_the_timeout() {
        server.unroute("/api/v1/admin/read-model/audit");
        server.route("/api/v1/admin/read-model/audit", x -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(x, 200, AUDIT_CLEAN);
        });
        Cli.Result r = cli().run("audit", "--service", url, "--cacert", "server.crt", "--client-id", "ops-admin",
                "--timeout", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(r.errLines()).containsExactly("carbonctl: the service at " + url + " did not answer within 1 s "
                + "(--timeout)");
    }

    @Test
    void insecure_is_only_for_localhost() {
        Cli.Result r = cli().run("audit", "--service", "https://ledger.example.com:8443", "--insecure",
                "--client-id", "ops-admin");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("--insecure is only allowed for a service on localhost");
        assertThat(cli().run("audit", "--service", "http://localhost:8443", "--client-id", "x").err())
                .contains("the service is reached over https only");
    }

    @Test
    void a_client_without_the_admin_role_is_told_so() {
        server.unroute("/oauth/token");
        server.route("/oauth/token", x -> send(x, 200, "{\"access_token\":\"tok-ro\"}"));
        Cli.Result r = cli().run("db", "rebuild", "--service", url, "--cacert", "server.crt", "--client-id", "viewer");
        assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.errLines()).containsExactly("carbonctl: the service answered 403 to "
                + "/api/v1/admin/read-model/rebuild: needs the admin role (the client viewer needs the admin role)");
    }

    @Test
    void a_service_that_is_not_running_is_unavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = cli().run("audit", "--service", "https://127.0.0.1:" + port, "--insecure", "--client-id", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(r.errLines()).containsExactly("carbonctl: cannot reach the service at https://127.0.0.1:" + port
                + ": connection refused (is it running?)");
    }
}
