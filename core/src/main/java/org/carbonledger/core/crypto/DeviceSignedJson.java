package org.carbonledger.core.crypto;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;

/**
 * How a device signs a JSON document (an emission record, a meter reading): ECDSA P-256 over the RFC 8785 canonical
 * form of the document without its {@value #MEMBER} member, which carries the base64 DER signature. One rule for
 * every signed document, so a record and a reading are signed, hashed and checked alike.
 */
public final class DeviceSignedJson {
    /** The member holding the signature. */
    public static final String MEMBER = "signature";

    private final byte[] signature;
    private final byte[] signedBytes;
    private final Hash contentHash;

    private DeviceSignedJson(byte[] signature, byte[] signedBytes, Hash contentHash) {
        this.signature = signature;
        this.signedBytes = signedBytes;
        this.contentHash = contentHash;
    }

    /**
     * Reads the signature envelope of a document whose other members the caller validates.
     *
     * @param signatureRequired whether a missing signature is refused (INVALID_SIGNATURE, field {@code signature})
     *        or allowed (a document about to be signed, a dry run)
     * @throws LedgerRuleException when the signature is present but not a canonical base64 DER ECDSA signature
     */
    public static DeviceSignedJson of(JsonObject json, boolean signatureRequired) {
        Objects.requireNonNull(json, "json");
        Optional<String> encoded = JsonObjectReader.of(json, "").optionalString(MEMBER);
        byte[] signature = null;
        if (encoded.isPresent()) {
            signature = EcdsaSignature.decodeBase64Der(encoded.get(), MEMBER);
        } else if (signatureRequired) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, MEMBER, "missing member");
        }
        return new DeviceSignedJson(signature, Jcs.canonicalize(json.without(MEMBER)), Sha256.of(Jcs.canonicalize(json)));
    }

    /**
     * The document with its signature added: signs the signed bytes of an unsigned document the caller validated.
     *
     * @param what names the document in the refusal, e.g. "record"
     * @throws LedgerRuleException (INVALID_ARGUMENT, field {@code signature}) when the document is already signed
     */
    public static JsonObject sign(JsonObject unsigned, DevicePrivateKey key, String what) {
        requireUnsigned(unsigned, what);
        Objects.requireNonNull(key, "key");
        byte[] der = EcdsaP256.sign(key, Jcs.canonicalize(unsigned));
        return unsigned.with(MEMBER, JsonString.of(Base64.getEncoder().encodeToString(der)));
    }

    /**
     * Refuses a document that already carries a signature (INVALID_ARGUMENT, field {@code signature}).
     *
     * @param what names the document in the refusal, e.g. "record"
     */
    public static void requireUnsigned(JsonObject unsigned, String what) {
        Objects.requireNonNull(unsigned, "unsigned");
        if (unsigned.has(MEMBER)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, MEMBER,
                    what + " is already signed; remove signature to sign it again");
        }
    }

    /** @return a copy of the DER signature (the document must be signed) */
    public byte[] signature() {
        return Objects.requireNonNull(signature, "the document is not signed").clone();
    }

    /** @return a copy of the signed bytes: JCS of the document without {@value #MEMBER} */
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    /** @return SHA-256 of the JCS of the whole document, signature included */
    public Hash contentHash() {
        return contentHash;
    }

    /** @return whether the signature verifies against the device's key (false for an unsigned document) */
    public boolean verifiedBy(DevicePublicKey key) {
        return signature != null && EcdsaP256.verify(key, signedBytes, signature);
    }
}
