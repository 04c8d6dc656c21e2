package org.carbonledger.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.EcdsaP256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.ProofBundle;
import org.carbonledger.core.verify.VerificationReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disclosures of the worked example's washing machines (owned by ApplianceCoMSP). The fixtures in
 * fixtures/disclosure are test-only: owner-ca issued owner-user (ApplianceCo's client identity here); other-ca, a CA
 * of no member, issued other-user with the same subject name, as a forger would.
 */
class DisclosureTest {

    static final String OWNER = "ApplianceCoMSP";
    static final String OTHER = "SteelCoMSP";
    static final Instant AT = Instant.parse("2027-01-20T10:00:00Z");
    static final Instant VERIFY_AT = Instant.parse("2027-01-15T09:30:00Z");

    static ProofBundle bundle() {
        return ProofBundle.fromJson(Fixtures.bytes("verify/worked-example.bundle.json"));
    }

    static String pem(String name) {
        return Fixtures.text("disclosure/" + name + ".pem");
    }

    static DevicePrivateKey key(String name) {
        return DevicePrivateKey.parse(pem(name));
    }

    static TrustStore trust() {
        return TrustStore.builder().add(OWNER, pem("owner-ca.cert")).add(OTHER, pem("other-ca.cert")).build();
    }

    static Disclosure good() {
        return Disclosure.sign(bundle(), OWNER, "Retailer Ltd", AT, pem("owner-user.cert"), key("owner-user.key"));
    }

    static VerificationReport verify(byte[] file) {
        return DisclosureVerifier.newInstance(trust()).verify(file, VERIFY_AT);
    }

    static List<String> failedIds(VerificationReport report) {
        return report.verdictFailures().stream().map(Check::id).distinct().toList();
    }

    /** Signs an envelope as given, bypassing the signer's own refusals, as a forger would. */
    static byte[] forged(DisclosureEnvelope unsigned, String keyName) {
        DisclosureEnvelope signed = unsigned.withSignature(EcdsaP256.sign(key(keyName), unsigned.signedBytes()));
        return new Disclosure(signed, bundle()).toCanonicalBytes();
    }

    static DisclosureEnvelope unsigned(String disclosedBy, String certificate) {
        ProofBundle b = bundle();
        return new DisclosureEnvelope(b.root(), disclosedBy, "Retailer Ltd", AT, b.sha256(), pem(certificate),
                Optional.empty());
    }

    @Nested
    class Verify {

        @Test
        void accepts_a_disclosure_signed_by_the_owner_with_every_check_recomputed() {
            VerificationReport report = verify(good().toCanonicalBytes());

            assertThat(report.verdictFailures()).isEmpty();
            assertThat(report.passed()).isTrue();
            assertThat(report.checks().stream().map(Check::id).filter(id -> id.startsWith("disclosure.")).toList())
                    .containsExactly(DisclosureVerifier.CANONICAL, DisclosureVerifier.BUNDLE_HASH,
                            DisclosureVerifier.BATCH, DisclosureVerifier.CERTIFICATE, DisclosureVerifier.SIGNATURE,
                            DisclosureVerifier.OWNER, DisclosureVerifier.SEALED, DisclosureVerifier.RECORDS);
            assertThat(report.attestedChecks()).isEmpty();
        }

        @Test
        void survives_writing_and_reading_the_file() {
            Disclosure d = good();

            Disclosure read = Disclosure.fromBytes(d.toCanonicalBytes());

            assertThat(read).isEqualTo(d);
            assertThat(read.envelope().signedBytes()).isEqualTo(d.envelope().signedBytes());
        }

        @Test
        void fails_when_one_digit_of_a_record_amount_changes() {
            String file = new String(good().toCanonicalBytes(), StandardCharsets.UTF_8);
            int at = file.indexOf("\"amount\":\"", file.indexOf("\"activity\":{")) + "\"amount\":\"".length();
            char digit = file.charAt(at);
            String tampered = file.substring(0, at) + (digit == '9' ? '8' : (char) (digit + 1))
                    + file.substring(at + 1);

            VerificationReport report = verify(tampered.getBytes(StandardCharsets.UTF_8));

            assertThat(failedIds(report)).contains(DisclosureVerifier.BUNDLE_HASH, "record.signature");
            assertThat(report.checks(DisclosureVerifier.BUNDLE_HASH).get(0).evidence()).startsWith("calculated ");
        }

        @Test
        void fails_or_refuses_a_change_of_any_single_byte() {
            byte[] file = good().toCanonicalBytes();
            List<Integer> accepted = new ArrayList<>();
            for (int i = 0; i < file.length; i += 53) {
                byte[] copy = file.clone();
                copy[i] = (byte) (copy[i] == 'a' ? 'b' : copy[i] == '"' ? '\'' : copy[i] ^ 0x01);
                try {
                    if (verify(copy).passed()) {
                        accepted.add(i);
                    }
                } catch (LedgerRuleException e) {
                    // refused as malformed: also a failure
                }
            }
            assertThat(accepted).as("byte positions whose change went unnoticed").isEmpty();
        }

        @Test
        void fails_when_a_signed_envelope_field_changes() {
            JsonObject json = good().toJson();
            JsonObject env = (JsonObject) json.get("envelope").orElseThrow();
            JsonObject tamperedEnv = with(env, "disclosedTo", "Someone Else");
            byte[] file = Jcs.canonicalize(with(json, "envelope", tamperedEnv));

            VerificationReport report = verify(file);

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.SIGNATURE);
            assertThat(report.checks(DisclosureVerifier.SIGNATURE).get(0).evidence())
                    .startsWith("signature does not verify against the certificate's key");
        }

        @Test
        void fails_when_the_file_is_not_in_canonical_form() {
            byte[] pretty = Json.write(good().toJson()).concat(" ").getBytes(StandardCharsets.UTF_8);

            VerificationReport report = verify(pretty);

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.CANONICAL);
        }

        @Test
        void fails_when_the_signer_is_not_the_batch_owner() {
            // SteelCo's genuine identity (its CA is trusted) discloses ApplianceCo's batch.
            TrustStore trust = TrustStore.builder().add(OWNER, pem("owner-ca.cert"))
                    .add(OTHER, pem("other-ca.cert")).build();
            byte[] file = forged(unsigned(OTHER, "other-user.cert"), "other-user.key");

            VerificationReport report = DisclosureVerifier.newInstance(trust).verify(file, VERIFY_AT);

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.OWNER);
            assertThat(report.checks(DisclosureVerifier.OWNER).get(0).evidence())
                    .isEqualTo("disclosed by SteelCoMSP vs batch owner ApplianceCoMSP");
        }

        @Test
        void fails_when_the_certificate_belongs_to_another_organization_than_the_one_named() {
            // Signed with SteelCo's identity while claiming to be ApplianceCo.
            byte[] file = forged(unsigned(OWNER, "other-user.cert"), "other-user.key");

            VerificationReport report = verify(file);

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.CERTIFICATE);
            assertThat(report.checks(DisclosureVerifier.CERTIFICATE).get(0).evidence())
                    .isEqualTo("certificate issued by CN=ca.otherco.test,O=otherco.test, which is not a CA of "
                            + OWNER);
        }

        @Test
        void fails_when_the_certificate_comes_from_no_ca_the_verifier_trusts() {
            TrustStore onlyOwner = TrustStore.builder().add(OWNER, pem("owner-ca.cert")).build();
            byte[] file = forged(unsigned(OWNER, "other-user.cert"), "other-user.key");

            VerificationReport report = DisclosureVerifier.newInstance(onlyOwner).verify(file, VERIFY_AT);

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.CERTIFICATE);
        }

        @Test
        void fails_when_the_trust_store_does_not_know_the_disclosing_organization() {
            TrustStore none = TrustStore.builder().add(OTHER, pem("other-ca.cert")).build();

            VerificationReport report = DisclosureVerifier.newInstance(none)
                    .verify(good().toCanonicalBytes(), VERIFY_AT);

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.CERTIFICATE);
            assertThat(report.checks(DisclosureVerifier.CERTIFICATE).get(0).evidence())
                    .isEqualTo("the trust store holds no CA certificate of ApplianceCoMSP (it knows [SteelCoMSP])");
        }

        @Test
        void fails_when_the_certificate_was_not_valid_at_the_disclosure_instant() {
            DisclosureEnvelope early = new DisclosureEnvelope(bundle().root(), OWNER, "Retailer Ltd",
                    Instant.parse("2020-01-01T00:00:00Z"), bundle().sha256(), pem("owner-user.cert"),
                    Optional.empty());

            VerificationReport report = verify(forged(early, "owner-user.key"));

            assertThat(failedIds(report)).containsExactly(DisclosureVerifier.CERTIFICATE);
            assertThat(report.checks(DisclosureVerifier.CERTIFICATE).get(0).evidence())
                    .startsWith("certificate not valid at 2020-01-01T00:00:00Z");
        }

        @Test
        void refuses_a_file_that_is_not_a_disclosure_naming_the_member() {
            JsonObject json = with(good().toJson(), "extra", "x");

            assertThatThrownBy(() -> verify(Jcs.canonicalize(json)))
                    .isInstanceOf(LedgerRuleException.class).hasMessageContaining("extra");
        }

        @Test
        void refuses_a_malformed_bundle_naming_its_path_in_the_file() {
            JsonObject json = good().toJson();
            JsonObject bundle = with((JsonObject) json.get("bundle").orElseThrow(), "format", "x");

            assertThatThrownBy(() -> verify(Jcs.canonicalize(with(json, "bundle", bundle))))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.field()).isEqualTo("bundle.format"))
                    .hasMessageContaining("unsupported bundle format");
        }
    }

    /**
     * fixtures/verify/recheck.py checks disclosures from docs/verification.md alone (openssl for the signature and
     * the certificate); it must fail exactly the checks the Java verifier fails. Skipped without python3 and openssl.
     */
    @Nested
    class IndependentRecheck {

        @TempDir
        Path dir;

        @Test
        void passes_a_good_disclosure_like_the_verifier() throws Exception {
            agree(good().toCanonicalBytes(), trust());
        }

        @Test
        void fails_a_changed_record_like_the_verifier() throws Exception {
            String file = new String(good().toCanonicalBytes(), StandardCharsets.UTF_8);
            int at = file.indexOf("\"amount\":\"", file.indexOf("\"activity\":{")) + "\"amount\":\"".length();
            String tampered = file.substring(0, at) + (file.charAt(at) == '9' ? '8' : (char) (file.charAt(at) + 1))
                    + file.substring(at + 1);
            agree(tampered.getBytes(StandardCharsets.UTF_8), trust());
        }

        @Test
        void fails_a_changed_envelope_like_the_verifier() throws Exception {
            JsonObject json = good().toJson();
            JsonObject env = with((JsonObject) json.get("envelope").orElseThrow(), "disclosedTo", "Someone Else");
            agree(Jcs.canonicalize(with(json, "envelope", env)), trust());
        }

        @Test
        void fails_a_foreign_certificate_and_a_non_owner_like_the_verifier() throws Exception {
            agree(forged(unsigned(OWNER, "other-user.cert"), "other-user.key"), trust());
            agree(forged(unsigned(OTHER, "other-user.cert"), "other-user.key"), trust());
        }

        private void agree(byte[] file, TrustStore trust) throws Exception {
            Assumptions.assumeTrue(runs("python3", "--version") && runs("openssl", "version"),
                    "python3 and openssl are needed to run recheck.py");
            VerificationReport report = DisclosureVerifier.newInstance(trust).verify(file, VERIFY_AT);
            Path path = Files.write(dir.resolve("d.json"), file);
            for (String name : List.of("owner-ca.cert", "other-ca.cert")) {
                Files.writeString(dir.resolve(name + ".pem"), pem(name));
            }
            Path script = Path.of(DisclosureTest.class.getResource("/fixtures/verify/recheck.py").toURI());
            Process p = new ProcessBuilder("python3", script.toString(), path.toString(), "--at",
                    VERIFY_AT.toString(), "--ca", OWNER + "=" + dir.resolve("owner-ca.cert.pem"),
                    "--ca", OTHER + "=" + dir.resolve("other-ca.cert.pem")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Set<String> failed = new TreeSet<>();
            out.lines().filter(l -> !l.isBlank()).forEach(l -> failed.add(l.split(": ", 2)[0]));
            assertThat(failed).as(out).isEqualTo(new TreeSet<>(report.failures().stream()
                    .map(c -> c.id() + " " + c.subject()).toList()));
            assertThat(p.exitValue()).isEqualTo(report.passed() ? 0 : 1);
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
    }

    @Nested
    class Sign {

        @Test
        void refuses_to_disclose_a_batch_of_another_organization() {
            assertThatThrownBy(() -> Disclosure.sign(bundle(), OTHER, "x", AT, pem("other-user.cert"),
                    key("other-user.key")))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                    .hasMessageContaining("is owned by ApplianceCoMSP");
        }

        @Test
        void refuses_a_key_that_is_not_the_certificates() {
            assertThatThrownBy(() -> Disclosure.sign(bundle(), OWNER, "x", AT, pem("owner-user.cert"),
                    key("other-user.key")))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_KEY))
                    .hasMessageContaining("does not belong to the certificate");
        }
    }

    static JsonObject with(JsonObject o, String name, Object value) {
        JsonObject.Builder b = JsonObject.builder();
        for (String n : o.names()) {
            if (!n.equals(name)) {
                b.put(n, o.get(n).orElseThrow());
            }
        }
        if (value instanceof String s) {
            b.put(name, s);
        } else {
            b.put(name, (org.carbonledger.core.json.JsonValue) value);
        }
        return b.build();
    }
}
