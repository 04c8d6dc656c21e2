package org.carbonledger.cli.disclose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.disclosure.Disclosure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * carbonctl disclose --bundle (signing offline with the connection file's client identity) and carbonctl verify
 * --disclosure. The worked example's root batch belongs to ApplianceCoMSP; fixtures/disclosure holds a test CA and a
 * client identity it issued (owner-*), and another CA with an identity of the same name (other-*).
 */
class DiscloseCommandTest {
    static final String AT = "2027-01-15T09:30:00Z";
    static final String GTIN = "09506000134390";
    static final String LOT = "WM-2611-001";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Path fixtures = Cli.fixtures();
        Files.copy(fixtures.resolve("verify/worked-example.bundle.json"), dir.resolve("wm.json"));
        for (String f : new String[] {"owner-ca.cert", "owner-user.cert", "owner-user.key", "other-ca.cert",
                "other-user.cert", "other-user.key"}) {
            Files.copy(fixtures.resolve("disclosure/" + f + ".pem"), dir.resolve(f + ".pem"));
        }
        connection("appliance.json", "ApplianceCoMSP", "owner-user");
        connection("steel.json", "SteelCoMSP", "other-user");
    }

    private void connection(String file, String msp, String identity) throws IOException {
        Files.writeString(dir.resolve(file), """
                {"channel":"carbon","chaincode":"carbonledger","organization":{"mspId":"%1$s"},
                 "peers":[{"name":"peer0","mspId":"%1$s","endpoint":"127.0.0.1:1","tlsCaCertificate":"tls.pem"}],
                 "identities":{"client":{"certificate":"%2$s.cert.pem","privateKey":"%2$s.key.pem"}}}
                """.formatted(msp, identity));
    }

    private Cli.Result disclose(String connection) {
        return new Cli(dir).run("disclose", "-c", connection, GTIN, LOT, "--to", "Retailer Ltd", "--bundle",
                "wm.json", "-o", "wm.disclosure.json");
    }

    @Test
    void the_owner_discloses_and_the_recipient_verifies_offline() throws IOException {
        Cli.Result signed = disclose("appliance.json");
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(signed.err()).startsWith("disclosure of " + GTIN + "/" + LOT + " to Retailer Ltd written to "
                + "wm.disclosure.json");
        Path file = dir.resolve("wm.disclosure.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Disclosure d = Disclosure.fromBytes(Files.readAllBytes(file));
        assertThat(d.envelope().disclosedBy()).isEqualTo("ApplianceCoMSP");
        assertThat(d.envelope().disclosedTo()).isEqualTo("Retailer Ltd");

        Cli.Result r = new Cli(dir).run("verify", "--disclosure", "wm.disclosure.json", "--ca",
                "ApplianceCoMSP=owner-ca.cert.pem", "--at", AT, "--all");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Disclosure of batch " + GTIN + "/" + LOT + " by ApplianceCoMSP to Retailer "
                + "Ltd, signed at ").contains("Verification of batch " + GTIN + "/" + LOT + " at " + AT + ": PASS",
                "✓ disclosure.signature", "✓ disclosure.certificate", "✓ disclosure.bundle-hash");
    }

    @Test
    void another_organization_may_not_disclose_the_batch() {
        Cli.Result r = disclose("steel.json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.err()).contains("is owned by ApplianceCoMSP; only its owner may disclose its records");
        assertThat(dir.resolve("wm.disclosure.json")).doesNotExist();
    }

    @Test
    void a_one_byte_change_fails_verification() throws IOException {
        assertThat(disclose("appliance.json").exitCode()).isZero();
        Path file = dir.resolve("wm.disclosure.json");
        String text = Files.readString(file);
        int at = text.indexOf("\"amount\":\"", text.indexOf("\"activity\":{")) + "\"amount\":\"".length();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[at] = (byte) (bytes[at] == '9' ? '8' : bytes[at] + 1);
        Files.write(file, bytes);

        Cli.Result r = new Cli(dir).run("verify", "--disclosure", "wm.disclosure.json", "--ca",
                "ApplianceCoMSP=owner-ca.cert.pem", "--at", AT);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains(": FAIL", "✗ disclosure.bundle-hash");
    }

    @Test
    void a_signer_whose_certificate_the_named_ca_did_not_issue_fails() {
        assertThat(disclose("appliance.json").exitCode()).isZero();

        Cli.Result r = new Cli(dir).run("verify", "--disclosure", "wm.disclosure.json", "--ca",
                "ApplianceCoMSP=other-ca.cert.pem", "--at", AT);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("✗ disclosure.certificate");
    }

    @Test
    void ca_without_a_disclosure_is_a_usage_error() {
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--ca", "ApplianceCoMSP=owner-ca.cert.pem");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
