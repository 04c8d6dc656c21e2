package org.carbonledger.core.crypto;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * ECDSA over P-256 with SHA-256 — the device signature scheme of emission records.
 *
 * <p>Uses BouncyCastle's lightweight API on its custom P-256 field arithmetic: about ten times faster than the JDK 17
 * provider, and verification is the chaincode's per-record hot path.
 *
 * <ul>
 *   <li>{@link #sign} is deterministic (RFC 6979 nonces, HMAC-SHA-256) and always produces low-S signatures, so
 *       signing the same bytes with the same key gives the same signature on every machine.</li>
 *   <li>{@link #verify} accepts any strictly DER-encoded signature with r, s in [1, n-1], including high-S ones
 *       (as produced by the JDK and OpenSSL); it returns false rather than throwing for malformed signatures.</li>
 * </ul>
 */
public final class EcdsaP256 {

    private EcdsaP256() {
    }

    /**
     * @param key the signer's private key
     * @param message the bytes to sign (hashed with SHA-256 here)
     * @return the DER signature, low-S, deterministic
     */
    public static byte[] sign(DevicePrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key.parameters());
        BigInteger[] rs = signer.generateSignature(Sha256.of(message).bytes());
        return new EcdsaSignature(rs[0], rs[1]).normalizeS().toDer();
    }

    /**
     * @param key the device's public key
     * @param message the signed bytes
     * @param derSignature the DER signature
     * @return true only if the signature is strict DER and verifies
     */
    public static boolean verify(DevicePublicKey key, byte[] message, byte[] derSignature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(derSignature, "derSignature");
        EcdsaSignature signature;
        try {
            signature = EcdsaSignature.fromDer(derSignature, "signature");
        } catch (LedgerRuleException e) {
            return false;
        }
        return verify(key, message, signature);
    }

    /**
     * @param key the device's public key
     * @param message the signed bytes
     * @param signature the signature
     * @return true if it verifies
     */
    public static boolean verify(DevicePublicKey key, byte[] message, EcdsaSignature signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key.parameters());
        return verifier.verifySignature(Sha256.of(message).bytes(), signature.r(), signature.s());
    }

    /**
     * Like {@link #verify(DevicePublicKey, byte[], byte[])} but throws a message saying why.
     *
     * @param key the device's public key
     * @param message the signed bytes
     * @param derSignature the DER signature
     * @param field the JSON path of the signature, for the error message
     * @throws LedgerRuleException (INVALID_SIGNATURE) if it is malformed or does not verify
     */
    public static void requireValid(DevicePublicKey key, byte[] message, byte[] derSignature, String field) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        EcdsaSignature signature = EcdsaSignature.fromDer(derSignature, field);
        if (!verify(key, message, signature)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, field,
                    "signature does not verify against device key sha256:" + key.fingerprint().toHex());
        }
    }
}
