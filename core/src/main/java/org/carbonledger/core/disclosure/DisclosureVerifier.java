package org.carbonledger.core.disclosure;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.EcdsaP256;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.Check;
import org.carbonledger.core.verify.CheckCategory;
import org.carbonledger.core.verify.Subject;
import org.carbonledger.core.verify.VerificationReport;
import org.carbonledger.core.verify.Verifier;

/**
 * Verifies a {@link Disclosure} offline: the bundle exactly as {@link Verifier} does (records' signatures, CO2e,
 * Merkle root against the sealed root, seal hash, …), then the envelope:
 * <ul>
 *   <li>{@code disclosure.canonical}: the file is the canonical form, so no byte of it escapes the checks below;</li>
 *   <li>{@code disclosure.bundle-hash}: the bundle's SHA-256 equals the signed {@code bundleSha256};</li>
 *   <li>{@code disclosure.batch}: the signed batch is the bundle's root;</li>
 *   <li>{@code disclosure.certificate}: the signer's certificate was issued by a CA of {@code disclosedBy} in the
 *       trust store and was valid at {@code disclosedAt};</li>
 *   <li>{@code disclosure.signature}: the signature verifies against the certificate's key;</li>
 *   <li>{@code disclosure.owner}: {@code disclosedBy} owns the batch; {@code disclosure.sealed}: it is sealed;
 *       {@code disclosure.records}: the bundle carries its records.</li>
 * </ul>
 * The envelope checks are in category 1 (signed data) and appended to the bundle's report, so one verdict covers
 * both. A file that is not a disclosure at all (not JSON, unknown members) is refused with an exception naming the
 * JSON path.
 *
 * <pre>{@code
 * DisclosureVerifier v = DisclosureVerifier.newInstance(trust);
 * VerificationReport report = v.verify(Files.readAllBytes(file), Instant.now());
 * }</pre>
 */
public final class DisclosureVerifier {

    /** Check ids of the envelope checks. */
    public static final String CANONICAL = "disclosure.canonical";
    /** See the class description. */
    public static final String BUNDLE_HASH = "disclosure.bundle-hash";
    /** See the class description. */
    public static final String BATCH = "disclosure.batch";
    /** See the class description. */
    public static final String CERTIFICATE = "disclosure.certificate";
    /** See the class description. */
    public static final String SIGNATURE = "disclosure.signature";
    /** See the class description. */
    public static final String OWNER = "disclosure.owner";
    /** See the class description. */
    public static final String SEALED = "disclosure.sealed";
    /** See the class description. */
    public static final String RECORDS = "disclosure.records";

    private static final CheckCategory CATEGORY = CheckCategory.RECORDS;

    private final TrustStore trust;
    private final Verifier verifier;

    private DisclosureVerifier(TrustStore trust, Verifier verifier) {
        this.trust = trust;
        this.verifier = verifier;
    }

    /**
     * @param trust the CA certificates of the organizations whose disclosures may be accepted
     * @return a verifier that checks the bundle with {@link Verifier#newInstance()}
     */
    public static DisclosureVerifier newInstance(TrustStore trust) {
        return newInstance(trust, Verifier.newInstance());
    }

    /**
     * @param trust the CA certificates of the organizations whose disclosures may be accepted
     * @param verifier the bundle verifier
     * @return the disclosure verifier; thread-safe
     */
    public static DisclosureVerifier newInstance(TrustStore trust, Verifier verifier) {
        return new DisclosureVerifier(Objects.requireNonNull(trust, "trust"), Objects.requireNonNull(verifier,
                "verifier"));
    }

    /**
     * @param file the disclosure file's bytes
     * @param at the instant attestations must be valid at
     * @return the bundle's report with the envelope checks appended
     * @throws LedgerRuleException if the file is not a disclosure (not JSON, unknown or missing members)
     */
    public VerificationReport verify(byte[] file, Instant at) {
        Objects.requireNonNull(file, "file");
        Disclosure disclosure = Disclosure.fromBytes(file);
        byte[] canonical = disclosure.toCanonicalBytes();
        List<Check> checks = new ArrayList<>();
        Subject root = Subject.batch(disclosure.bundle().root());
        int diff = Arrays.mismatch(file, canonical);
        checks.add(Check.required(CANONICAL, CATEGORY, root, diff < 0,
                diff < 0 ? "file is its canonical form (" + file.length + " bytes)"
                        : "file differs from its canonical form at byte " + diff + " (file " + file.length
                        + " bytes, canonical " + canonical.length + ")",
                "a disclosure file is written in canonical JSON so that every byte is covered by the signature "
                        + "or the bundle hash"));
        checks.addAll(envelope(disclosure));
        return verifier.verify(disclosure.bundle(), Objects.requireNonNull(at, "at")).withChecks(checks);
    }

    /**
     * The envelope checks alone (all but {@code disclosure.canonical}, which needs the file's bytes).
     *
     * @param disclosure a disclosure
     * @return the checks, in the order of the class description
     */
    public List<Check> envelope(Disclosure disclosure) {
        Objects.requireNonNull(disclosure, "disclosure");
        DisclosureEnvelope env = disclosure.envelope();
        Subject root = Subject.batch(disclosure.bundle().root());
        Subject signer = Subject.organization(env.disclosedBy());
        List<Check> checks = new ArrayList<>();
        Hash calculated = disclosure.bundle().sha256();
        checks.add(Check.required(BUNDLE_HASH, CATEGORY, root, calculated.equals(env.bundleSha256()),
                "calculated " + calculated.toHex() + " vs signed " + env.bundleSha256().toHex(),
                "the disclosed bundle is the one the owner signed"));
        checks.add(Check.required(BATCH, CATEGORY, root, env.batch().equals(disclosure.bundle().root()),
                "signed " + env.batch() + " vs bundle root " + disclosure.bundle().root(),
                "the signature discloses this batch"));

        X509Certificate certificate = null;
        String certProblem;
        try {
            certificate = TrustStore.parseCertificates(env.certificatePem(), "envelope.signer.certificatePem")
                    .get(0);
            certProblem = issuedBy(certificate, env.disclosedBy(), env.disclosedAt());
        } catch (LedgerRuleException e) {
            certProblem = e.getMessage();
        }
        checks.add(Check.required(CERTIFICATE, CATEGORY, signer, certProblem == null,
                certProblem == null ? "certificate " + certificate.getSubjectX500Principal().getName()
                        + " issued by " + certificate.getIssuerX500Principal().getName() + ", a CA of "
                        + env.disclosedBy() + ", valid at " + env.disclosedAt() : certProblem,
                "the signer is an identity of the disclosing organization"));

        String sigProblem = null;
        if (certificate == null) {
            sigProblem = "no readable certificate to verify the signature against";
        } else {
            try {
                DevicePublicKey key = DevicePublicKey.fromDer(certificate.getPublicKey().getEncoded(),
                        "envelope.signer.certificatePem");
                if (!EcdsaP256.verify(key, env.signedBytes(), env.signature().orElseThrow())) {
                    sigProblem = "signature does not verify against the certificate's key sha256:"
                            + key.fingerprint().toHex();
                }
            } catch (LedgerRuleException e) {
                sigProblem = e.getMessage();
            }
        }
        checks.add(Check.required(SIGNATURE, CATEGORY, signer, sigProblem == null,
                sigProblem == null ? "signature verifies against the certificate's key" : sigProblem,
                "the envelope is as the signer signed it"));

        BundledBatch bundled = disclosure.bundle().batch(disclosure.bundle().root()).orElseThrow();
        StoredBatch batch = bundled.batch();
        checks.add(Check.required(OWNER, CATEGORY, root, batch.ownerMspId().equals(env.disclosedBy()),
                "disclosed by " + env.disclosedBy() + " vs batch owner " + batch.ownerMspId(),
                "only the owner discloses its batch's records"));
        checks.add(Check.required(SEALED, CATEGORY, root, batch.isSealed(),
                "batch status " + batch.status(), "a disclosure proves records against a seal"));
        checks.add(Check.required(RECORDS, CATEGORY, root, bundled.recordsDisclosed(),
                bundled.recordsDisclosed() ? bundled.records().size() + " record(s) in the bundle"
                        : "the bundle holds recordsDisclosed false for the disclosed batch",
                "the disclosed batch's records are in the bundle"));
        return List.copyOf(checks);
    }

    /** @return null when the certificate was issued by one of the MSP's CAs and valid at the instant; else why not */
    private String issuedBy(X509Certificate certificate, String mspId, Instant at) {
        List<X509Certificate> cas = trust.caCertificates(mspId);
        if (cas.isEmpty()) {
            return "the trust store holds no CA certificate of " + mspId + " (it knows " + trust.mspIds() + ")";
        }
        try {
            certificate.checkValidity(Date.from(at));
        } catch (GeneralSecurityException e) {
            return "certificate not valid at " + at + " (valid " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ")";
        }
        for (X509Certificate ca : cas) {
            if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(ca.getPublicKey());
                return null;
            } catch (GeneralSecurityException e) {
                return "certificate names " + ca.getSubjectX500Principal().getName() + " of " + mspId
                        + " as issuer but that CA's signature on it does not verify";
            }
        }
        return "certificate issued by " + certificate.getIssuerX500Principal().getName() + ", which is not a CA of "
                + mspId;
    }
}
