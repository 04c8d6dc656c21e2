package org.carbonledger.cli.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * carbonctl qr against an HTTPS server that answers the passport's QR route as the service does (anonymous, the
 * image, a Link header naming the canonical link; problem JSON for a bad request). What the code encodes is the
 * service's tests' business (ResolverControllerTest, QrCodeTest decode it back): here, that carbonctl asks for the
 * right thing and writes exactly what the service rendered.
 */
class QrCommandTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 37 37\"><title>"
            + "https://passport.example.com/01/09506000134390/10/WM-2611-001</title></svg>";

    @TempDir
    Path dir;

    private LocalHttpsServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = LocalHttpsServer.start(dir, "server.crt");
        server.route("/01/", this::resolve);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void resolve(HttpExchange x) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        requests.add(x.getRequestURI().getRawPath() + "?" + query + " accept=" + x.getRequestHeaders().getFirst("Accept")
                + " auth=" + x.getRequestHeaders().getFirst("Authorization"));
        if (query.contains("size=41")) {
            LocalHttpsServer.json(x, 400, "{\"type\":\"urn:carbonledger:problem:INVALID_ARGUMENT\",\"title\":\"Bad "
                    + "Request\",\"status\":400,\"detail\":\"size 41: pixels per module must be 1 to 40\","
                    + "\"code\":\"INVALID_ARGUMENT\",\"errors\":[{\"field\":\"size\",\"reason\":\"size 41\"}]}");
            return;
        }
        x.getResponseHeaders().add("Link", "<https://passport.example.com" + x.getRequestURI().getRawPath()
                + "?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\"");
        boolean png = query.contains("format=qr-png");
        LocalHttpsServer.send(x, 200, png ? "image/png" : "image/svg+xml",
                png ? PNG : SVG.getBytes(StandardCharsets.UTF_8));
    }

    private Cli.Result qr(String... args) {
        return qr(new Cli(dir), args);
    }

    private Cli.Result qr(Cli cli, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "qr";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--service";
        all[args.length + 2] = server.uri("localhost").toString();
        all[args.length + 3] = "--cacert";
        all[args.length + 4] = "server.crt";
        return cli.run(all);
    }

    @Test
    void the_png_is_the_services_rendering_of_the_batchs_digital_link() throws IOException {
        Cli.Result r = qr("9506000134390", "WM/2611-001", "--module-pixels", "12", "--out", "wm.png");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("wm.png"))).isEqualTo(PNG);
        // The GTIN normalized to 14 digits and the lot percent-encoded, as in the link itself; no token needed.
        assertThat(requests).containsExactly("/01/09506000134390/10/WM%2F2611-001?format=qr-png&size=12 "
                + "accept=image/png auth=null");
        assertThat(r.err()).isEqualTo("QR code of https://passport.example.com/01/09506000134390/10/WM%2F2611-001 "
                + "-> wm.png\n");
    }

    @Test
    void svg_goes_to_stdout_by_default() {
        Cli.Result r = qr("09506000134390", "WM-2611-001");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(SVG);
        assertThat(requests).containsExactly("/01/09506000134390/10/WM-2611-001?format=qr-svg accept=image/svg+xml "
                + "auth=null");
    }

    @Test
    void the_services_refusal_is_shown_and_nothing_written() {
        Cli.Result r = qr("09506000134390", "L1", "--module-pixels", "41", "--out", "q.png");

        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).containsExactly("carbonctl: the service answered 400 to "
                + "/01/09506000134390/10/L1?format=qr-png&size=41: size 41: pixels per module must be 1 to 40");
        assertThat(Files.exists(dir.resolve("q.png"))).isFalse();
    }

    @Test
    void bad_input_is_refused_naming_the_part_before_asking_the_service() throws IOException {
        Cli.Result lot = qr("09506000134390", "WM~1", "--out", "x.svg");
        assertThat(lot.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(lot.errLines()).singleElement().asString().startsWith("carbonctl: lot \"WM~1\": ");
        assertThat(qr("09506000134391", "L1").err()).contains("gtin \"09506000134391\"");
        assertThat(qr("09506000134390", "L1", "--format", "png").err()).contains("a PNG needs --out FILE");
        assertThat(qr("09506000134390", "L1", "--module-pixels", "4", "--out", "q.svg").err())
                .contains("--module-pixels is for a PNG only");
        assertThat(Files.exists(dir.resolve("q.svg"))).isFalse();
        assertThat(requests).isEmpty();
    }

    @Test
    void an_existing_file_is_kept_without_force() throws IOException {
        Files.writeString(dir.resolve("wm.svg"), "mine");
        Cli.Result kept = qr("09506000134390", "WM-2611-001", "--out", "wm.svg");
        assertThat(kept.exitCode()).isNotZero();
        assertThat(Files.readString(dir.resolve("wm.svg"))).isEqualTo("mine");
        assertThat(qr("09506000134390", "WM-2611-001", "--out", "wm.svg", "--force").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("wm.svg"))).isEqualTo(SVG);
    }

    @Test
    void a_code_on_the_canonical_resolver_base_is_written() throws IOException {
        Cli.Result r = qr("09506000134390", "WM-2611-001", "--resolver-base-url", "https://passport.example.com/",
                "--out", "wm.svg");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("wm.svg"))).isEqualTo(SVG);
        Cli.Result fromEnv = qr(new Cli(dir).env("CARBONLEDGER_PASSPORT_RESOLVER_BASE_URL",
                "https://passport.example.com"), "09506000134390", "WM-2611-001");
        assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isZero();
    }

    @Test
    void a_code_on_another_base_than_the_canonical_one_is_refused_and_nothing_written() {
        Cli.Result r = qr("09506000134390", "WM-2611-001", "--resolver-base-url", "https://localhost:8443",
                "--out", "wm.svg");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.errLines()).singleElement().asString().contains("https://passport.example.com/01/09506000134390/"
                + "10/WM-2611-001, not of the canonical https://localhost:8443/01/09506000134390/10/WM-2611-001");
        assertThat(Files.exists(dir.resolve("wm.svg"))).isFalse();
        Cli.Result env = qr(new Cli(dir).env("CARBONLEDGER_PASSPORT_RESOLVER_BASE_URL", "https://other.example"),
                "09506000134390", "WM-2611-001");
        assertThat(env.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(env.out()).isEmpty();
        Cli.Result bad = qr("09506000134390", "WM-2611-001", "--resolver-base-url", "ftp://x");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bad.err()).contains("--resolver-base-url");
    }
}
