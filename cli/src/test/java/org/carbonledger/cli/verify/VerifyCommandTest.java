package org.carbonledger.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.verify.Basis;
import org.carbonledger.core.verify.CheckIds;
import org.carbonledger.core.verify.Verdict;
import org.carbonledger.core.verify.VerificationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --bundle: the offline re-check of an exported proof bundle. */
class VerifyCommandTest {
    static final String AT = "2027-01-15T09:30:00Z";

    @TempDir
    Path dir;

    @BeforeEach
    void bundle() throws IOException {
        Files.copy(Cli.fixtures().resolve("verify/worked-example.bundle.json"), dir.resolve("wm.json"));
    }

    @Test
    void a_sound_bundle_passes_and_the_tree_lists_the_five_parts() {
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Verification of batch 09506000134390/WM-2611-001 at " + AT + ": PASS\n")
                .contains("├── 1. signed records and device keys: ", "│   ├── ✓ record.signature ×11",
                        "└── 5. attestations: ", "offline: transactions not checked against a peer");
    }

    @Test
    void json_output_is_the_verification_report() {
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT, "--output", "json");
        VerificationReport report = VerificationReport.fromJson(r.out().strip());
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.checks()).hasSizeGreaterThan(100);
    }

    @Test
    void a_tampered_bundle_fails_with_exit_code_1_naming_the_broken_link() throws IOException {
        Path file = dir.resolve("wm.json");
        String text = Files.readString(file);
        assertThat(text).contains("\"amount\": \"1200000\"");
        Files.writeString(file, text.replace("\"amount\": \"1200000\"", "\"amount\": \"1100000\""));
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT);
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).startsWith("Verification of batch 09506000134390/WM-2611-001 at " + AT + ": FAIL\n")
                .contains("✗ record.signature record 10000000-0000-4000-8000-000000000101",
                        "→ the record was altered after signing or was not signed by this device");
    }

    @Test
    void a_malformed_bundle_is_invalid_input_with_the_json_path() throws IOException {
        Path file = dir.resolve("wm.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"format\": \"carbonledger-proof-bundle/1\"",
                "\"format\": \"carbonledger-proof-bundle/9\""));
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("carbonctl: proof bundle wm.json is malformed: format \"carbonledger-proof-bundle/9\"");
    }

    @Test
    void an_expired_attestation_fails_the_root_at_a_later_instant() {
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", "2040-01-01T00:00:00Z");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("✗ batch.attested batch 09506000134390/WM-2611-001");
    }

    /** The worked example before CertCo attested it: the root's attestation removed. */
    private void withoutTheRootsAttestation() throws IOException {
        Path file = dir.resolve("wm.json");
        JsonObject bundle = Json.parseObject(Files.readString(file), "bundle");
        List<JsonValue> batches = new ArrayList<>();
        for (JsonValue v : ((JsonArray) bundle.get("batches").orElseThrow()).elements()) {
            JsonObject entry = (JsonObject) v;
            boolean root = Json.write(entry.get("batch").orElseThrow()).contains("\"WM-2611-001\"");
            batches.add(root ? entry.without("attestations").with("attestations", JsonArray.of(List.of())) : entry);
        }
        Files.write(file, Jcs.canonicalize(bundle.without("batches").with("batches", JsonArray.of(batches))));
    }

    @Test
    void skipping_attestations_tells_an_honest_unattested_chain_from_a_tampered_one_by_exit_code() throws IOException {
        withoutTheRootsAttestation();
        Cli.Result unattested = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT);
        Cli.Result honest = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT, "--skip-attestations");
        Path file = dir.resolve("wm.json");
        Files.writeString(file, Files.readString(file).replace("\"amount\":\"1200000\"", "\"amount\":\"1100000\""));
        Cli.Result tampered = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT, "--skip-attestations");

        assertThat(unattested.exitCode()).as(unattested.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(unattested.out()).contains("✗ batch.attested batch 09506000134390/WM-2611-001");
        assertThat(honest.exitCode()).as(honest.toString()).isEqualTo(ExitCode.OK);
        assertThat(honest.out()).contains(": PASS\n", "└── 5. attestations: 0 checks, all passed");
        assertThat(honest.err()).contains("attestation checks left out (--skip-attestations): the verdict PASS does "
                + "not say whether the batch is attested");
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(tampered.out()).contains("✗ record.signature record 10000000-0000-4000-8000-000000000101");
    }

    @Test
    void skipping_attestations_of_a_disclosure_is_a_usage_error() {
        Cli.Result r = new Cli(dir).run("verify", "--disclosure", "d.json", "--skip-attestations");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--skip-attestations is for GTIN LOT or --bundle, not --disclosure");
    }

    /** The bundle as a customer of SteelCo collects it: SteelCo's batches without their records. */
    private void withholdSteelCoRecords() throws IOException {
        Path file = dir.resolve("wm.json");
        JsonObject bundle = Json.parseObject(Files.readString(file), "bundle");
        List<JsonValue> batches = new ArrayList<>();
        for (JsonValue v : ((JsonArray) bundle.get("batches").orElseThrow()).elements()) {
            JsonObject entry = (JsonObject) v;
            boolean steel = Json.write(entry.get("batch").orElseThrow()).contains("\"SteelCoMSP\"");
            batches.add(steel ? entry.without("records").with("recordsDisclosed", JsonBoolean.FALSE) : entry);
        }
        Files.write(file, Jcs.canonicalize(bundle.without("batches").with("batches", JsonArray.of(batches))));
    }

    @Test
    void undisclosed_batches_are_listed_as_attested_and_fail_without_an_attestation() throws IOException {
        withholdSteelCoRecords();
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("records not disclosed to CertCoMSP for 2 batches: their footprint rests on "
                        + "attestations", "10 resting on attestations",
                "✓ seal.footprint batch 09506000134352/COIL-7 [attested]",
                "✗ seal.footprint batch 09506000134376/PEL-2026-09 [attested]",
                "→ not disclosed and not attested: nothing confirms the sealed footprint of batch "
                        + "09506000134376/PEL-2026-09",
                "✓ record.signature ×5");
    }

    @Test
    void json_output_gives_each_check_its_basis() throws IOException {
        withholdSteelCoRecords();
        Cli.Result r = new Cli(dir).run("verify", "--bundle", "wm.json", "--at", AT, "--output", "json");
        VerificationReport report = VerificationReport.fromJson(r.out().strip());
        assertThat(report.attestedChecks()).hasSize(10).allMatch(c -> c.basis() == Basis.ATTESTED);
        assertThat(report.checks(CheckIds.SEAL_FOOTPRINT)).filteredOn(c -> !c.attested()).hasSize(2);
        assertThat(r.out()).contains("\"basis\":\"ATTESTED\"", "\"basis\":\"RECOMPUTED\"");
    }

    @Test
    void neither_a_batch_nor_a_bundle_is_a_usage_error() {
        Cli.Result r = new Cli(dir).run("verify");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("give GTIN LOT to verify a batch on the ledger, --bundle FILE or --disclosure FILE");
    }
}
