package org.carbonledger.bench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceApiTest {

    @Test
    void trusts_the_self_signed_certificate_on_loopback_only() {
        assertThatCode(() -> ServiceApi.requireLoopback(URI.create("https://127.0.0.1:8443"))).doesNotThrowAnyException();
        assertThatCode(() -> ServiceApi.requireLoopback(URI.create("https://[::1]:8443"))).doesNotThrowAnyException();
        // An address literal: no name lookup needed, and it is not loopback.
        assertThatThrownBy(() -> ServiceApi.requireLoopback(URI.create("https://192.0.2.10:8443")))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> ServiceApi.requireLoopback(URI.create("http://127.0.0.1:8443")))
                .hasMessageContaining("must be https");
    }

    @Test
    void trusts_only_a_readable_pem_certificate_and_says_which_file_is_wrong(@TempDir Path dir) throws IOException {
        Path garbage = Files.writeString(dir.resolve("server.crt"), "not a certificate");
        assertThatThrownBy(() -> ServiceApi.loopback(URI.create("https://127.0.0.1:8443"), garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.toString());
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> ServiceApi.loopback(URI.create("https://127.0.0.1:8443"), missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no service certificate at " + missing);
    }

    @Test
    void the_certificate_is_the_one_make_up_writes_beside_the_clients_file() {
        assertThat(ServiceApi.certificateBeside(Path.of("/repo/service/run/steelco/demo-clients.env")))
                .isEqualTo(Path.of("/repo/service/run/steelco/tls/server.crt"));
    }
}
