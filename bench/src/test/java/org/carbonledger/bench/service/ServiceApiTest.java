package org.carbonledger.bench.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

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
}
