package org.carbonledger.service.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {
    private static final List<String> NAMES = List.of("localhost", "127.0.0.1");
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    void generates_ec_p256_server_certificate_for_localhost_and_loopback() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(365), NOW);

        var certificate = generated.certificate();
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(SelfSignedCertificate.subjectAlternativeNames(certificate))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void keystore_and_password_are_owner_only_files() throws Exception {
        SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(365), NOW);

        for (String file : List.of(SelfSignedCertificate.KEYSTORE_FILE, SelfSignedCertificate.PASSWORD_FILE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(file))))
                    .isEqualTo("rw-------");
        }
        assertThat(folder.resolve(SelfSignedCertificate.CERTIFICATE_FILE)).content().startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void reuses_the_stored_certificate_on_restart() {
        SelfSignedCertificate first = SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(365), NOW);
        SelfSignedCertificate second = SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(365),
                NOW.plus(Duration.ofDays(30)));

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.password()).isEqualTo(first.password());
    }

    @Test
    void renews_a_certificate_that_is_about_to_expire() {
        SelfSignedCertificate first = SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(10), NOW);
        SelfSignedCertificate renewed = SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(10),
                NOW.plus(Duration.ofDays(9).plusHours(1)));

        assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
    }

    @Test
    void regenerates_when_the_configured_names_change() {
        SelfSignedCertificate first = SelfSignedCertificate.loadOrCreate(folder, NAMES, Duration.ofDays(365), NOW);
        SelfSignedCertificate widened = SelfSignedCertificate.loadOrCreate(folder,
                List.of("localhost", "127.0.0.1", "ledger.example.test"), Duration.ofDays(365), NOW);

        assertThat(widened.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(SelfSignedCertificate.subjectAlternativeNames(widened.certificate())).contains("ledger.example.test");
    }
}
