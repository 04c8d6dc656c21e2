package org.carbonledger.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.record.RecordFile;
import org.carbonledger.core.record.RecordFormat;
import org.carbonledger.core.record.RecordRow;
import org.carbonledger.core.record.SignaturePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    Cli cli() {
        return new Cli(dir);
    }

    @Test
    void generate_writes_a_p256_pair_with_a_private_key_only_the_owner_can_read() throws IOException {
        Cli.Result r = cli().run("keys", "generate", "--private", "k.pem", "--public", "p.pem");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        DevicePrivateKey key = DevicePrivateKey.parse(Files.readString(dir.resolve("k.pem")));
        DevicePublicKey pub = DevicePublicKey.parse(Files.readString(dir.resolve("p.pem")));
        assertThat(key.publicKey()).isEqualTo(pub);
        assertThat(r.out()).contains("fingerprint: sha256:" + pub.fingerprint().toHex());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.pem")))).isEqualTo("rw-------");
        Cli.Result again = cli().run("keys", "generate", "--private", "k.pem", "--public", "p.pem");
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(again.err()).contains("k.pem exists; refusing to overwrite it (use --force)");
    }

    @Test
    void an_encrypted_key_needs_its_passphrase_and_never_prints_it() throws IOException {
        Cli.Result made = cli().env("CARBONCTL_KEY_PASSPHRASE", "correct horse").run("keys", "generate", "--encrypt",
                "--private", "k.pem", "--public", "p.pem", "--output", "json");
        assertThat(made.exitCode()).as(made.toString()).isZero();
        assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        String fingerprint = DevicePublicKey.parse(Files.readString(dir.resolve("p.pem"))).fingerprint().toHex();

        Files.writeString(dir.resolve("pass.txt"), "correct horse\n");
        Cli.Result ok = cli().run("keys", "public", "k.pem", "--passphrase-file", "pass.txt");
        assertThat(ok.out()).contains("fingerprint: sha256:" + fingerprint).doesNotContain("correct horse");

        Cli.Result missing = cli().run("keys", "public", "k.pem");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.err()).contains("private key k.pem is encrypted: give its passphrase");

        Cli.Result wrong = cli().env("WRONG", "battery staple").run("keys", "public", "k.pem", "--passphrase-env", "WRONG");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(wrong.errLines()).containsExactly("carbonctl: private key k.pem: cannot decrypt it: wrong passphrase?");
        assertThat(wrong.err()).doesNotContain("battery");
    }

    @Test
    void generate_encrypt_without_a_passphrase_writes_nothing() {
        Cli.Result r = cli().run("keys", "generate", "--encrypt", "--private", "k.pem", "--public", "p.pem");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(dir.resolve("k.pem")).doesNotExist();
    }

    @Test
    void sign_produces_the_record_the_ledger_verifies() throws IOException {
        Files.copy(Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.key.pem"), dir.resolve("kiln.pem"));
        Files.copy(Cli.fixtures().resolve("example/unsigned/t1-pellets-furnace-gases.json"), dir.resolve("r.json"));
        Cli.Result r = cli().run("keys", "sign", "--key", "kiln.pem", "r.json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        EmissionRecord signed = EmissionRecord.parse(Json.parseObject(r.out().strip(), "out"));
        // Deterministic ECDSA: the same signature as the worked example's checked-in signed record.
        assertThat(signed.json()).isEqualTo(Json.parseObject(Files.readString(
                Cli.fixtures().resolve("example/t1-pellets-furnace-gases.json")), "fixture"));
        assertThat(signed.verifySignature(DevicePublicKey.parse(Files.readString(
                Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.pub.pem"))))).isTrue();
    }

    @Test
    void sign_refuses_an_invalid_record_naming_the_field() throws IOException {
        Files.copy(Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.key.pem"), dir.resolve("kiln.pem"));
        Files.writeString(dir.resolve("r.json"), Files.readString(Cli.fixtures().resolve(
                "example/unsigned/t1-pellets-furnace-gases.json")).replace("\"18000\"", "\"-1\""));
        Cli.Result r = cli().run("keys", "sign", "--key", "kiln.pem", "r.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("carbonctl: gases.CO2 \"-1\": ");
    }

    @Test
    void sign_file_signs_every_row_and_writes_a_file_that_reads_back_verified() throws IOException {
        Files.copy(Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.key.pem"), dir.resolve("kiln.pem"));
        Files.copy(Cli.fixtures().resolve("records/files/t1-pellets.csv"), dir.resolve("t1.csv"));
        Cli.Result r = cli().run("keys", "sign-file", "--key", "kiln.pem", "--out", "t1.signed.csv", "t1.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("signed 3 record(s) with key sha256:");
        assertThat(Files.readString(dir.resolve("t1.signed.csv")))
                .isEqualTo(Files.readString(Cli.fixtures().resolve("records/files/t1-pellets-signed.csv")));

        Cli.Result json = cli().run("keys", "sign-file", "--key", "kiln.pem", "--out", "t1.json", "t1.signed.csv");
        assertThat(json.out()).contains("signed 0 record(s)", "kept 3 already signed");
        RecordFile back = RecordFile.read(Files.readAllBytes(dir.resolve("t1.json")), RecordFormat.JSON,
                SignaturePolicy.REQUIRED);
        assertThat(back.problems()).isEmpty();
        assertThat(back.rows()).extracting(RecordRow::record).allMatch(JsonObject.class::isInstance).hasSize(3);
    }

    /** t1-pellets.csv with every lot {@code PEL-2026-09} replaced by the formula {@code =1+2}. */
    private void formulaLotFile() throws IOException {
        Files.copy(Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.key.pem"), dir.resolve("kiln.pem"));
        String csv = Files.readString(Cli.fixtures().resolve("records/files/t1-pellets.csv"));
        assertThat(csv).contains(",PEL-2026-09,");
        Files.writeString(dir.resolve("formula.csv"), csv.replace(",PEL-2026-09,", ",=1+2,"));
    }

    @Test
    void sign_file_for_a_spreadsheet_escapes_formula_cells_with_a_leading_quote() throws IOException {
        formulaLotFile();

        Cli.Result r = cli().run("keys", "sign-file", "--key", "kiln.pem", "--for-spreadsheet", "--out", "view.csv",
                "formula.csv");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        String written = Files.readString(dir.resolve("view.csv"));
        assertThat(written).contains(",\"'=1+2\",").doesNotContain(",=1+2,");
    }

    @Test
    void sign_file_for_import_keeps_formula_cells_as_signed_and_warns_against_opening_them() throws IOException {
        formulaLotFile();

        Cli.Result r = cli().run("keys", "sign-file", "--key", "kiln.pem", "--out", "import.csv", "formula.csv");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.errLines()).singleElement().asString().startsWith("warning: import.csv has cells starting with = + - @");
        RecordFile back = RecordFile.read(Files.readAllBytes(dir.resolve("import.csv")), RecordFormat.CSV,
                SignaturePolicy.REQUIRED);
        assertThat(back.problems()).isEmpty();
        DevicePublicKey kiln = DevicePublicKey.parse(Files.readString(
                Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.pub.pem")));
        assertThat(back.rows()).hasSize(3).allSatisfy(row -> {
            EmissionRecord record = EmissionRecord.parse(row.record());
            assertThat(record.batch().lot().value()).isEqualTo("=1+2");
            assertThat(record.verifySignature(kiln)).isTrue();
        });
    }

    @Test
    void sign_file_for_a_spreadsheet_refuses_a_json_output() throws IOException {
        formulaLotFile();

        Cli.Result r = cli().run("keys", "sign-file", "--key", "kiln.pem", "--for-spreadsheet", "--out", "view.json",
                "formula.csv");

        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("--for-spreadsheet writes CSV only");
        assertThat(dir.resolve("view.json")).doesNotExist();
    }

    @Test
    void sign_file_lists_every_bad_row_and_writes_nothing() throws IOException {
        Files.copy(Cli.fixtures().resolve("keys/steelco-pellet-kiln-1.key.pem"), dir.resolve("kiln.pem"));
        String csv = Files.readString(Cli.fixtures().resolve("records/files/t1-pellets.csv"))
                .replace(",1200000,kWh,", ",12e5,kWh,").replace("RAW_MATERIALS", "MINING");
        Files.writeString(dir.resolve("bad.csv"), csv);
        Cli.Result r = cli().run("keys", "sign-file", "--key", "kiln.pem", "--out", "out.csv", "bad.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).hasSize(3);
        assertThat(r.errLines().get(0)).startsWith("error: bad.csv line 2: amount \"12e5\": ");
        assertThat(r.errLines().get(1)).startsWith("error: bad.csv line 4: stage \"MINING\": unknown stage");
        assertThat(r.errLines().get(2)).isEqualTo("carbonctl: 2 of 3 row(s) of bad.csv are invalid (listed above); "
                + "nothing was done. Fix them, or give --skip-invalid to import the valid rows only");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void a_key_of_another_curve_is_refused() throws IOException {
        Files.copy(Cli.fixtures().resolve("keys/secp384r1.key.pem"), dir.resolve("k.pem"));
        Cli.Result r = cli().run("keys", "public", "k.pem");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("carbonctl: private key k.pem: ");
    }
}
