package org.carbonledger.core.crypto;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A metering device's ECDSA P-256 public key.
 *
 * <p>Only {@code id-ecPublicKey} keys on the named curve P-256 (secp256r1 / prime256v1) are accepted. The key's
 * canonical form is the DER SubjectPublicKeyInfo with the point uncompressed; {@link #toPem()} writes it and
 * {@link #fingerprint()} hashes it, so a key has one fingerprint however it was encoded when registered.
 *
 * <p>The decoded curve point is kept in this instance, and BouncyCastle caches its multiplication tables on it,
 * so reuse one instance per device when verifying many records.
 */
public final class DevicePublicKey {

    private static final String LABEL = "PUBLIC KEY";

    private final ECPublicKeyParameters parameters;
    private final byte[] canonicalDer;
    private final Hash fingerprint;

    DevicePublicKey(ECPoint point) {
        ECPoint normalized = point.normalize();
        this.parameters = new ECPublicKeyParameters(normalized, P256.DOMAIN);
        try {
            this.canonicalDer = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(P256.EC_PUBLIC_KEY_OID, P256.CURVE_OID),
                    normalized.getEncoded(false)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a P-256 public key", e);
        }
        this.fingerprint = Sha256.of(canonicalDer);
    }

    /**
     * @param pem a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo)
     * @return the key
     * @throws LedgerRuleException (INVALID_KEY) if it is not an EC P-256 public key
     */
    public static DevicePublicKey parse(String pem) {
        return parse(pem, "publicKey");
    }

    /**
     * @param pem a PEM {@code PUBLIC KEY} block (SubjectPublicKeyInfo)
     * @param field the JSON path of the input, for the error message
     * @return the key
     * @throws LedgerRuleException (INVALID_KEY) if it is not an EC P-256 public key
     */
    public static DevicePublicKey parse(String pem, String field) {
        return fromDer(Pem.decode(pem, LABEL, field), field);
    }

    /**
     * @param spki a DER SubjectPublicKeyInfo
     * @param field the JSON path of the input, for the error message
     * @return the key
     * @throws LedgerRuleException (INVALID_KEY) if it is not an EC P-256 public key
     */
    public static DevicePublicKey fromDer(byte[] spki, String field) {
        Objects.requireNonNull(spki, "spki");
        Objects.requireNonNull(field, "field");
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(P256.parseDer(spki, "public key", field));
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "not a SubjectPublicKeyInfo structure");
        }
        AlgorithmIdentifier algorithm = info.getAlgorithm();
        if (!P256.EC_PUBLIC_KEY_OID.equals(algorithm.getAlgorithm())) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "key algorithm is " + P256.describeAlgorithm(algorithm.getAlgorithm())
                            + ", expected EC (1.2.840.10045.2.1) on P-256");
        }
        ASN1Encodable params = algorithm.getParameters();
        if (!P256.CURVE_OID.equals(params)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "EC key on " + P256.describeCurve(params == null ? null : params.toASN1Primitive())
                            + ", expected P-256 (prime256v1, 1.2.840.10045.3.1.7)");
        }
        ECPoint point;
        try {
            point = P256.DOMAIN.getCurve().decodePoint(info.getPublicKeyData().getOctets());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "public key is not a point on P-256");
        }
        if (point.isInfinity() || !point.isValid()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "public key is not a valid P-256 point");
        }
        return new DevicePublicKey(point);
    }

    /** @return the canonical PEM: SubjectPublicKeyInfo, uncompressed point, 64-character lines, LF endings */
    public String toPem() {
        return Pem.encode(LABEL, canonicalDer);
    }

    /** @return a copy of the canonical DER SubjectPublicKeyInfo */
    public byte[] der() {
        return canonicalDer.clone();
    }

    /** @return SHA-256 of the canonical DER SubjectPublicKeyInfo */
    public Hash fingerprint() {
        return fingerprint;
    }

    ECPublicKeyParameters parameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DevicePublicKey other && Arrays.equals(canonicalDer, other.canonicalDer);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "DevicePublicKey[P-256, sha256:" + fingerprint.toHex() + "]";
    }
}
