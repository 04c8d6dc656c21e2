package org.carbonledger.core.disclosure;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.ledger.StateReader;

/**
 * What the disclosing organization signs: which batch, by whom, to whom, when, and the hash of the proof bundle that
 * carries the records.
 * <pre>{@code
 * {"format":"carbonledger-disclosure/1","batch":{"gtin","lot"},"disclosedBy":"SteelCoMSP",
 *  "disclosedTo":"ApplianceCoMSP","disclosedAt":"2027-01-20T10:00:00Z","bundleSha256":"<64 hex>",
 *  "signer":{"certificatePem":"-----BEGIN CERTIFICATE-----…"},"signature":"<base64 DER ECDSA>"}
 * }</pre>
 * The signature is ECDSA P-256 / SHA-256 over {@link #signedBytes()}: the JCS of the envelope without
 * {@code signature}.
 *
 * @param batch the disclosed batch, the bundle's root
 * @param disclosedBy the MSP id of the disclosing organization, the batch's owner
 * @param disclosedTo the party the records are disclosed to: an MSP id or a name, free text
 * @param disclosedAt when the disclosure was signed
 * @param bundleSha256 SHA-256 of the bundle's canonical form
 * @param certificatePem the signer's X.509 certificate, issued by the disclosing organization's CA
 * @param signature the DER signature; absent only while the envelope is being signed
 */
public record DisclosureEnvelope(BatchId batch, String disclosedBy, String disclosedTo, Instant disclosedAt,
                                 Hash bundleSha256, String certificatePem, Optional<byte[]> signature) {

    /** The format id of a disclosure. */
    public static final String FORMAT = "carbonledger-disclosure/1";

    private static final int MAX_PARTY = 300;

    /** Validates the names and copies the signature. */
    public DisclosureEnvelope {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(disclosedBy, "disclosedBy");
        requireParty(Objects.requireNonNull(disclosedTo, "disclosedTo"), "disclosedTo");
        Objects.requireNonNull(disclosedAt, "disclosedAt");
        Objects.requireNonNull(bundleSha256, "bundleSha256");
        Objects.requireNonNull(certificatePem, "certificatePem");
        signature = Objects.requireNonNull(signature, "signature").map(byte[]::clone);
    }

    /**
     * @param sig the DER signature
     * @return this envelope, signed
     */
    public DisclosureEnvelope withSignature(byte[] sig) {
        return new DisclosureEnvelope(batch, disclosedBy, disclosedTo, disclosedAt, bundleSha256, certificatePem,
                Optional.of(Objects.requireNonNull(sig, "sig")));
    }

    /** @return the envelope without its signature, as JSON */
    public JsonObject unsignedJson() {
        return JsonObject.builder()
                .put("format", FORMAT)
                .put("batch", JsonObject.builder().put("gtin", batch.gtin().value()).put("lot", batch.lot().value())
                        .build())
                .put("disclosedBy", disclosedBy)
                .put("disclosedTo", disclosedTo)
                .put("disclosedAt", disclosedAt.toString())
                .put("bundleSha256", bundleSha256.toHex())
                .put("signer", JsonObject.builder().put("certificatePem", certificatePem).build())
                .build();
    }

    /** @return the bytes the signature covers: UTF-8 JCS of {@link #unsignedJson()} */
    public byte[] signedBytes() {
        return Jcs.canonicalize(unsignedJson());
    }

    /**
     * @return the envelope as JSON, with its signature
     * @throws IllegalStateException if it is not signed yet
     */
    public JsonObject toJson() {
        byte[] sig = signature.orElseThrow(() -> new IllegalStateException("the envelope is not signed yet"));
        JsonObject.Builder b = JsonObject.builder();
        JsonObject unsigned = unsignedJson();
        for (String name : unsigned.names()) {
            b.put(name, unsigned.get(name).orElseThrow());
        }
        return b.put("signature", Base64.getEncoder().encodeToString(sig)).build();
    }

    /**
     * @param json an envelope as {@link #toJson()} writes it
     * @param path its JSON path, for error messages
     * @return the envelope; strict: unknown, missing or malformed members are refused naming their path
     */
    public static DisclosureEnvelope fromJson(JsonObject json, String path) {
        JsonObjectReader r = JsonObjectReader.of(Objects.requireNonNull(json, "json"), path);
        r.rejectUnknownMembers(List.of("format", "batch", "disclosedBy", "disclosedTo", "disclosedAt",
                "bundleSha256", "signer", "signature"));
        String format = r.requireString("format");
        if (!format.equals(FORMAT)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, r.path("format"), format,
                    "unsupported disclosure format; this verifier reads " + FORMAT);
        }
        BatchId batch = StateReader.batchRef(r, "batch");
        JsonObjectReader signer = r.requireObject("signer");
        signer.rejectUnknownMembers(List.of("certificatePem"));
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(r.requireString("signature"));
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, r.path("signature"), "not base64");
        }
        return new DisclosureEnvelope(batch, StateReader.mspId(r, "disclosedBy"),
                requireParty(r.requireString("disclosedTo"), r.path("disclosedTo")),
                StateReader.instant(r, "disclosedAt"),
                Hash.ofHex(r.requireString("bundleSha256"), r.path("bundleSha256")),
                signer.requireString("certificatePem"), Optional.of(sig));
    }

    private static String requireParty(String party, String path) {
        if (party.isBlank() || party.length() > MAX_PARTY || party.chars().anyMatch(Character::isISOControl)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, party,
                    "names the recipient in 1 to " + MAX_PARTY + " characters without control characters");
        }
        return party;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisclosureEnvelope other && unsignedJson().equals(other.unsignedJson())
                && signature.isPresent() == other.signature.isPresent()
                && (signature.isEmpty() || java.util.Arrays.equals(signature.get(), other.signature.get()));
    }

    @Override
    public int hashCode() {
        return unsignedJson().hashCode();
    }

    @Override
    public String toString() {
        return "DisclosureEnvelope[batch=" + batch + ", disclosedBy=" + disclosedBy + ", disclosedTo=" + disclosedTo
                + ", disclosedAt=" + disclosedAt + ", bundleSha256=" + bundleSha256 + "]";
    }
}
