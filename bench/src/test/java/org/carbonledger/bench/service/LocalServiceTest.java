package org.carbonledger.bench.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServiceTest {

    @Test
    void trusts_the_self_signed_certificate_on_loopback_only() {
        assertThatCode(() -> LocalService.requireLoopback(URI.create("https://127.0.0.1:8443"))).doesNotThrowAnyException();
        assertThatCode(() -> LocalService.requireLoopback(URI.create("https://[::1]:8443"))).doesNotThrowAnyException();
        // An address literal: no name lookup needed, and it is not loopback.
        assertThatThrownBy(() -> LocalService.requireLoopback(URI.create("https://192.0.2.10:8443")))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> LocalService.requireLoopback(URI.create("http://127.0.0.1:8443")))
                .hasMessageContaining("must be https");
    }

    @Test
    void trusts_only_a_readable_pem_certificate_beside_the_clients_file_and_says_which_file_is_wrong(@TempDir Path dir)
            throws IOException {
        Path env = Files.writeString(dir.resolve("demo-clients.env"), "OPERATOR_CLIENT=o\nOPERATOR_SECRET=s\n");
        Path missing = dir.resolve("tls").resolve("server.crt");
        assertThatThrownBy(() -> LocalService.connect(URI.create("https://127.0.0.1:8443"), env, "OPERATOR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("is --client-env that file?");
        Files.createDirectories(missing.getParent());
        Files.writeString(missing, "not a certificate");
        assertThatThrownBy(() -> LocalService.connect(URI.create("https://127.0.0.1:8443"), env, "OPERATOR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PEM certificate");
    }
}
