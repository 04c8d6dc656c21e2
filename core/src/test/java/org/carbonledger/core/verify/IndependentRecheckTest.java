package org.carbonledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.core.verify.VerifierTest.VALID;
import static org.carbonledger.core.verify.VerifierTest.attestation;
import static org.carbonledger.core.verify.VerifierTest.record;
import static org.carbonledger.core.verify.VerifierTest.transfer;
import static org.carbonledger.core.verify.WorkedExampleBundle.ATTESTATION_WASHERS;
import static org.carbonledger.core.verify.WorkedExampleBundle.PELLETS;
import static org.carbonledger.core.verify.WorkedExampleBundle.WASHERS;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fixtures/verify/recheck.py re-checks a bundle from the documents alone (Python's decimal, json and hashlib, and the
 * openssl command), sharing no code with core. On the valid bundle and on altered copies it must fail exactly the
 * checks the Java verifier fails, and rest the same checks on attestations where a batch's records were not
 * disclosed, so docs/verification.md describes what the code does. Skipped where python3 or openssl is not
 * installed.
 */
class IndependentRecheckTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void requires_python_and_openssl() {
        Assumptions.assumeTrue(runs("python3", "--version") && runs("openssl", "version"),
                "python3 and openssl are needed to run recheck.py");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs recheck.py; returns its exit code, the failed checks and the checks resting on attestations, each as
     * "id kind subject".
     */
    private record Recheck(int exit, Set<String> failed, Set<String> attested) {
    }

    private static Recheck recheck(JsonObject bundle) throws IOException, InterruptedException, URISyntaxException {
        Path file = Files.createTempFile(dir, "bundle", ".json");
        Files.write(file, Jcs.canonicalize(bundle));
        Path script = Path.of(IndependentRecheckTest.class.getResource("/fixtures/verify/recheck.py").toURI());
        Process p = new ProcessBuilder("python3", script.toString(), file.toString(), "--attested")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Set<String> failed = new TreeSet<>();
        Set<String> attested = new TreeSet<>();
        out.lines().filter(l -> !l.isBlank()).forEach(l -> {
            if (l.startsWith("attested ")) {
                attested.add(l.substring("attested ".length()));
            } else {
                failed.add(l.split(": ", 2)[0]);
            }
        });
        return new Recheck(p.exitValue(), failed, attested);
    }

    private static void agree(JsonObject bundle) throws Exception {
        VerificationReport report = VerifierTest.verify(bundle);
        Recheck independent = recheck(bundle);
        assertThat(independent.failed()).isEqualTo(new TreeSet<>(VerifierTest.failed(report)));
        assertThat(independent.attested()).isEqualTo(new TreeSet<>(report.attestedChecks().stream()
                .map(VerifierTest::name).toList()));
        assertThat(independent.exit()).isEqualTo(report.passed() ? 0 : 1);
    }

    @Test
    void passes_the_valid_bundle_like_the_verifier() throws Exception {
        agree(VALID);
    }

    @Test
    void rests_undisclosed_but_attested_batches_on_their_attestations_like_the_verifier() throws Exception {
        JsonObject bundle = VerifierTest.UndisclosedRecords.collectedByApplianceCo(true);
        assertThat(VerifierTest.verify(bundle).attestedChecks()).hasSize(10);
        agree(bundle);
    }

    @Test
    void fails_undisclosed_unattested_batches_like_the_verifier() throws Exception {
        JsonObject bundle = VerifierTest.UndisclosedRecords.collectedByApplianceCo(false);
        assertThat(VerifierTest.verify(bundle).passed()).isFalse();
        agree(bundle);
    }

    @Test
    void fails_an_undisclosed_batch_attested_under_an_older_seal_like_the_verifier() throws Exception {
        JsonObject bundle = JsonEdit.set(VerifierTest.UndisclosedRecords.collectedByApplianceCo(true),
                attestation(WorkedExampleBundle.COIL_7, WorkedExampleBundle.ATTESTATION_COIL) + ".sealHash",
                VerifierTest.PELLETS_SEAL);
        assertThat(VerifierTest.verify(bundle).passed()).isFalse();
        agree(bundle);
    }

    @Test
    void fails_a_tampered_record_like_the_verifier() throws Exception {
        agree(JsonEdit.set(VALID, record(PELLETS, 101) + ".record.activity.amount", "1100000"));
    }

    @Test
    void fails_a_tampered_allocation_like_the_verifier() throws Exception {
        JsonObject bundle = JsonEdit.set(VALID, transfer(5) + ".allocated.fossil", "30000");
        agree(JsonEdit.set(bundle, transfer(5) + ".allocated.total", "30000.945"));
    }

    @Test
    void fails_overlapping_shipments_and_a_tampered_seal_like_the_verifier() throws Exception {
        JsonObject bundle = JsonEdit.set(VALID, transfer(3) + ".sourceShippedBefore.amount", "280000");
        agree(JsonEdit.set(bundle, VerifierTest.batch(WASHERS) + ".batch.seal.footprint.total", "40000"));
    }

    @Test
    void fails_a_record_submitted_before_its_period_ended_like_the_verifier() throws Exception {
        agree(JsonEdit.set(VALID, record(PELLETS, 101) + ".submittedAt", "2026-09-30T23:44:58Z"));
    }

    @Test
    void fails_stale_and_expired_attestations_like_the_verifier() throws Exception {
        for (String member : List.of("sealHash", "validUntil")) {
            String value = member.equals("sealHash") ? VerifierTest.PELLETS_SEAL : "2027-01-01T00:00:00Z";
            agree(JsonEdit.set(VALID, attestation(WASHERS, ATTESTATION_WASHERS) + "." + member, value));
        }
    }
}
