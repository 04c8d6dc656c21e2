package org.carbonledger.core.disclosure;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.EcdsaP256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StoredBatch;
import org.carbonledger.core.verify.BundledBatch;
import org.carbonledger.core.verify.ProofBundle;

/**
 * A sealed batch's records disclosed by their owner to a named party: the proof bundle that carries them and the
 * envelope the owner signed with its Fabric client identity. The file is the canonical form (UTF-8 JCS, no
 * whitespace) of
 * <pre>{@code
 * {"envelope":{ENVELOPE, see DisclosureEnvelope},"bundle":{PROOF BUNDLE, see ProofBundle}}
 * }</pre>
 * so every byte of it is covered by the signature (the envelope) or by the bundle hash the envelope holds; {@link
 * DisclosureVerifier} refuses a file that is not in that form.
 *
 * <pre>{@code
 * Disclosure d = Disclosure.sign(bundle, "SteelCoMSP", "ApplianceCoMSP", Instant.now(), certificatePem, key);
 * Files.write(path, d.toCanonicalBytes());
 * }</pre>
 *
 * @param envelope the signed envelope
 * @param bundle the proof bundle it names by hash
 */
public record Disclosure(DisclosureEnvelope envelope, ProofBundle bundle) {

    private static final List<String> MEMBERS = List.of("envelope", "bundle");

    /** Requires a signed envelope. */
    public Disclosure {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(bundle, "bundle");
        if (envelope.signature().isEmpty()) {
            throw new IllegalArgumentException("envelope: a disclosure carries a signed envelope");
        }
    }

    /**
     * Signs a disclosure of the bundle's root batch. Refuses what no verifier would accept, so a mistake is caught
     * before the file leaves the owner: a batch the signer's organization does not own, an unsealed batch, a root
     * whose records the bundle does not carry, a key that is not the certificate's.
     *
     * @param bundle a bundle of the batch, collected by its owner (so the root's records are in it)
     * @param disclosedBy the signer's MSP id
     * @param disclosedTo the recipient, an MSP id or a name
     * @param at the signing instant
     * @param certificatePem the signer's X.509 certificate (PEM)
     * @param key the certificate's private key (P-256)
     * @return the signed disclosure
     * @throws LedgerRuleException FORBIDDEN when disclosedBy does not own the batch; INVALID_STATE when it is not
     *     sealed or its records are not in the bundle; INVALID_KEY when the key is not the certificate's
     */
    public static Disclosure sign(ProofBundle bundle, String disclosedBy, String disclosedTo, Instant at,
                                  String certificatePem, DevicePrivateKey key) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(disclosedBy, "disclosedBy");
        Objects.requireNonNull(key, "key");
        BundledBatch root = bundle.batch(bundle.root()).orElseThrow();
        StoredBatch batch = root.batch();
        if (!batch.ownerMspId().equals(disclosedBy)) {
            throw LedgerRuleException.of(ErrorCode.FORBIDDEN, "batch", batch.id().toString(),
                    "is owned by " + batch.ownerMspId() + "; only its owner may disclose its records, not "
                            + disclosedBy);
        }
        if (!batch.isSealed()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.id().toString(),
                    "is not sealed; seal it before disclosing its records");
        }
        if (!root.recordsDisclosed()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_STATE, "batch", batch.id().toString(),
                    "the bundle does not carry its records (collect it as the owner)");
        }
        X509Certificate certificate = TrustStore.parseCertificates(
                Objects.requireNonNull(certificatePem, "certificatePem"), "certificate").get(0);
        DevicePublicKey certKey = DevicePublicKey.fromDer(certificate.getPublicKey().getEncoded(), "certificate");
        if (!certKey.equals(key.publicKey())) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, "key",
                    "the private key does not belong to the certificate");
        }
        DisclosureEnvelope unsigned = new DisclosureEnvelope(bundle.root(), disclosedBy, disclosedTo, at,
                bundle.sha256(), certificatePem, Optional.empty());
        return new Disclosure(unsigned.withSignature(EcdsaP256.sign(key, unsigned.signedBytes())), bundle);
    }

    /** @return {@code {"envelope","bundle"}} */
    public JsonObject toJson() {
        return JsonObject.builder().put("envelope", envelope.toJson()).put("bundle", bundle.toJson()).build();
    }

    /** @return the file's bytes: UTF-8 JCS of {@link #toJson()} */
    public byte[] toCanonicalBytes() {
        return Jcs.canonicalize(toJson());
    }

    /**
     * Reads a disclosure's syntax; {@link DisclosureVerifier} says whether it holds.
     *
     * @param json the file's JSON
     * @return the disclosure
     * @throws LedgerRuleException naming the JSON path of the first problem
     */
    public static Disclosure fromJson(JsonObject json) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), "");
        r.rejectUnknownMembers(MEMBERS);
        DisclosureEnvelope envelope = DisclosureEnvelope.fromJson(r.requireObject("envelope").object(), "envelope");
        ProofBundle bundle;
        try {
            bundle = ProofBundle.fromJson(r.requireObject("bundle").object());
        } catch (LedgerRuleException e) {
            // Name the path inside the file, not inside the bundle.
            String field = e.field().isEmpty() ? "bundle" : "bundle." + e.field();
            throw LedgerRuleException.ofField(e.code(), field, "in the bundle: " + e.getMessage());
        }
        return new Disclosure(envelope, bundle);
    }

    /**
     * @param utf8 a disclosure file
     * @return the disclosure
     * @throws LedgerRuleException if it is not JSON or not a disclosure
     */
    public static Disclosure fromBytes(byte[] utf8) {
        return fromJson(Json.parseObject(Objects.requireNonNull(utf8, "utf8"), "disclosure"));
    }
}
