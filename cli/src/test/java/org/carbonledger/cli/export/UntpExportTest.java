package org.carbonledger.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.apiclient.testing.LocalHttpsServer;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.untp.DidWeb;
import org.carbonledger.core.untp.VcJwt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * carbonctl export --format untp-dpp / untp-dcc against an HTTPS server that answers as the issuing service does:
 * the signed credential at its route and the did:web document at /.well-known/did.json. What is written is the
 * signed credential, and only once it verifies with the key the DID document lists.
 */
class UntpExportTest {
    static final String DPP_PATH = "/api/v1/batches/09506000134390/WM-2611-001/credentials/untp-dpp";
    static final String ATTESTATION = "40000000-0000-4000-8000-000000000002";
    static final String DCC_PATH = "/api/v1/batches/09506000134390/WM-2611-001/attestations/" + ATTESTATION
            + "/credentials/untp-dcc";

    @TempDir
    Path dir;

    private LocalHttpsServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final DeviceKeyPair key = DeviceKeyPair.generate(new SecureRandom());
    private final DeviceKeyPair otherKey = DeviceKeyPair.generate(new SecureRandom());
    private DidWeb web;
    /** What the fake service answers at the credential routes. */
    private volatile String served;
    private volatile DeviceKeyPair listedKey;

    @BeforeEach
    void start() throws Exception {
        server = LocalHttpsServer.start(dir, "server.crt");
        web = DidWeb.of("localhost:" + server.uri("localhost").getPort());
        listedKey = key;
        served = sign(credential("https://id.gs1.org/01/09506000134390/10/WM-2611-001"));
        server.route("/api/v1/batches/", this::credentialRoute);
        server.route("/.well-known/did.json", x -> LocalHttpsServer.json(x, 200,
                Json.write(web.document(listedKey.publicKey()))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void credentialRoute(HttpExchange x) throws IOException {
        requests.add(x.getRequestURI().getRawPath() + " accept=" + x.getRequestHeaders().getFirst("Accept"));
        LocalHttpsServer.send(x, 200, VcJwt.MEDIA_TYPE, served.getBytes(StandardCharsets.US_ASCII));
    }

    JsonObject credential(String subjectId) {
        return JsonObject.builder()
                .put("type", org.carbonledger.core.json.JsonArray.of(
                        org.carbonledger.core.json.JsonString.of("VerifiableCredential")))
                .put("issuer", JsonObject.builder().put("id", web.did()).put("name", "ApplianceCo").build())
                .put("credentialSubject", JsonObject.builder().put("id", subjectId).build())
                .build();
    }

    String sign(JsonObject credential) {
        return VcJwt.sign(credential, key.privateKey(), web.keyId(key.publicKey()));
    }

    private Cli.Result export(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "export";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--service";
        all[args.length + 2] = server.uri("localhost").toString();
        all[args.length + 3] = "--cacert";
        all[args.length + 4] = "server.crt";
        return new Cli(dir).run(all);
    }

    @Test
    void the_product_passport_is_written_as_the_service_signed_it_once_it_verifies() throws IOException {
        Cli.Result r = export("09506000134390", "WM-2611-001", "--format", "untp-dpp", "--out", "wm.dpp.jwt");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(dir.resolve("wm.dpp.jwt"))).isEqualTo(served);
        assertThat(requests).containsExactly(DPP_PATH + " accept=application/vc+jwt");
        assertThat(r.err()).contains("issued by " + web.did() + ", signature verified with its DID document")
                .contains("not compared with the ledger");
    }

    @Test
    void a_credential_changed_by_one_byte_is_refused_and_nothing_written() throws IOException {
        String[] parts = served.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[payload.length / 2] ^= 0x01;
        served = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];

        Cli.Result r = export("09506000134390", "WM-2611-001", "--format", "untp-dpp", "--out", "wm.dpp.jwt");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains("does not verify");
        assertThat(Files.exists(dir.resolve("wm.dpp.jwt"))).isFalse();
    }

    @Test
    void a_credential_whose_key_the_did_document_does_not_list_is_refused() {
        listedKey = otherKey;

        Cli.Result r = export("09506000134390", "WM-2611-001", "--format", "untp-dpp");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains("is not a verification method of the service's DID document");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void a_credential_about_another_batch_is_refused() {
        served = sign(credential("https://id.gs1.org/01/09506000134390/10/OTHER"));

        Cli.Result r = export("09506000134390", "WM-2611-001", "--format", "untp-dpp");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.err()).contains("is about https://id.gs1.org/01/09506000134390/10/OTHER");
    }

    @Test
    void the_conformity_credential_needs_its_attestation_and_comes_from_its_route() {
        Cli.Result without = export("09506000134390", "WM-2611-001", "--format", "untp-dcc");
        assertThat(without.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(without.err()).contains("--format untp-dcc needs --attestation ID");
        assertThat(requests).isEmpty();

        served = sign(credential("urn:uuid:" + ATTESTATION));
        Cli.Result r = export("09506000134390", "WM-2611-001", "--format", "UNTP-DCC", "--attestation", ATTESTATION);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().trim()).isEqualTo(served);
        assertThat(requests).containsExactly(DCC_PATH + " accept=application/vc+jwt");
    }
}
