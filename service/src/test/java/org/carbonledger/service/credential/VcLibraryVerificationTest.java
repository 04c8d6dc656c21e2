package org.carbonledger.service.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.untp.VcJwt;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served product passport credential verified by a maintained VC library that none of this project's code is
 * in: npm {@code @transmute/verifiable-credentials} 0.3.3 (an implementation of VC Data Model 2.0 and VC-JOSE-COSE),
 * run through node by {@code src/test/node/verify-vc-jwt.cjs}, the key resolved from the DID document the service
 * serves. {@code network/scripts/test-tools.sh} installs the library into the cache; without node or the library the
 * test is skipped.
 */
@MicronautTest(transactional = false)
class VcLibraryVerificationTest {
    static final Path SCRIPT = Path.of("src", "test", "node", "verify-vc-jwt.cjs");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ChangeApplier applier;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        WorkedExampleReadModel.apply(applier);
    }

    static Path moduleDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("carbonledger").resolve("untp").resolve("node");
    }

    String get(String uri, String accept) {
        return client.toBlocking().exchange(HttpRequest.GET(uri).header(HttpHeaders.ACCEPT, accept),
                Argument.of(String.class), Argument.of(String.class)).body();
    }

    record Run(int exit, String out) {
    }

    Run verify(String jwt, String didDocument) throws IOException, InterruptedException {
        Path jwtFile = Files.writeString(dir.resolve("credential.jwt"), jwt, StandardCharsets.US_ASCII);
        Path didFile = Files.writeString(dir.resolve("did.json"), didDocument, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(List.of("node", SCRIPT.toAbsolutePath().toString(), moduleDir().toString(),
                jwtFile.toString(), didFile.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void the_served_passport_verifies_with_a_maintained_vc_library_and_fails_after_a_one_byte_change()
            throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(moduleDir().resolve(Path.of("node_modules", "@transmute",
                "verifiable-credentials", "package.json"))), "run network/scripts/test-tools.sh to install the VC "
                + "library");
        Assumptions.assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is needed");
        String jwt = get(CredentialControllerTest.COIL_DPP, VcJwt.MEDIA_TYPE);
        String document = get("/.well-known/did.json", "application/json");

        Run ok = verify(jwt, document);
        assertThat(ok.exit()).as(ok.out()).isZero();
        JsonObjectReader credential = JsonObjectReader.of(Json.parseObject(ok.out().trim(), "verified"), "");
        assertThat(credential.requireString("id")).endsWith(CredentialControllerTest.COIL_DPP);
        assertThat(credential.requireObject("credentialSubject").requireString("batchNumber")).isEqualTo("COIL-7");

        String[] parts = jwt.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[payload.length / 2] ^= 0x01;
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "."
                + parts[2];
        Run refused = verify(tampered, document);
        assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
        assertThat(refused.out()).startsWith("NOT VERIFIED");
    }
}
