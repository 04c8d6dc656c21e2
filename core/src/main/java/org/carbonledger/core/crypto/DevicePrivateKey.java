package org.carbonledger.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A metering device's ECDSA P-256 private key, for the CLI and tests that sign records on a device's behalf.
 *
 * <p>Reads unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} writes) and SEC1
 * ({@code -----BEGIN EC PRIVATE KEY-----}, what {@code openssl ecparam -genkey} writes); writes PKCS#8. Its
 * {@link #toString()} never reveals the secret.
 */
public final class DevicePrivateKey {

    private static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final String SEC1_LABEL = "EC PRIVATE KEY";

    private final ECPrivateKeyParameters parameters;
    private final DevicePublicKey publicKey;

    DevicePrivateKey(BigInteger d, String field) {
        if (d.signum() <= 0 || d.compareTo(P256.N) >= 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "private scalar is outside [1, n-1] of P-256");
        }
        this.parameters = new ECPrivateKeyParameters(d, P256.DOMAIN);
        this.publicKey = new DevicePublicKey(new FixedPointCombMultiplier().multiply(P256.DOMAIN.getG(), d));
    }

    /**
     * @param pem a PEM {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC1) block, unencrypted
     * @return the key
     * @throws LedgerRuleException (INVALID_KEY) if it is not an unencrypted EC P-256 private key
     */
    public static DevicePrivateKey parse(String pem) {
        return parse(pem, "privateKey");
    }

    /**
     * @param pem a PEM {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC1) block, unencrypted
     * @param field the name of the input, for the error message
     * @return the key
     * @throws LedgerRuleException (INVALID_KEY) if it is not an unencrypted EC P-256 private key
     */
    public static DevicePrivateKey parse(String pem, String field) {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(field, "field");
        if (pem.strip().startsWith("-----BEGIN " + SEC1_LABEL + "-----")) {
            return fromSec1(Pem.decode(pem, SEC1_LABEL, field), field);
        }
        if (pem.strip().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "encrypted private keys are not supported; decrypt it first (openssl pkcs8 -nocrypt)");
        }
        return fromPkcs8(Pem.decode(pem, PKCS8_LABEL, field), field);
    }

    /**
     * @param der a DER PKCS#8 PrivateKeyInfo
     * @param field the name of the input, for the error message
     * @return the key
     */
    public static DevicePrivateKey fromPkcs8(byte[] der, String field) {
        PrivateKeyInfo info;
        ECPrivateKey ec;
        try {
            info = PrivateKeyInfo.getInstance(P256.parseDer(der, "private key", field));
            AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
            if (!P256.EC_PUBLIC_KEY_OID.equals(algorithm.getAlgorithm())) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                        "key algorithm is " + P256.describeAlgorithm(algorithm.getAlgorithm())
                                + ", expected EC on P-256");
            }
            ASN1Encodable params = algorithm.getParameters();
            if (!P256.CURVE_OID.equals(params)) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                        "EC key on " + P256.describeCurve(params == null ? null : params.toASN1Primitive())
                                + ", expected P-256");
            }
            ec = ECPrivateKey.getInstance(info.parsePrivateKey());
        } catch (IOException | IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "not a PKCS#8 EC private key");
        }
        return fromEcPrivateKey(ec, false, field);
    }

    private static DevicePrivateKey fromSec1(byte[] der, String field) {
        ECPrivateKey ec;
        try {
            ec = ECPrivateKey.getInstance(P256.parseDer(der, "private key", field));
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "not a SEC1 EC private key");
        }
        return fromEcPrivateKey(ec, true, field);
    }

    private static DevicePrivateKey fromEcPrivateKey(ECPrivateKey ec, boolean curveRequired, String field) {
        ASN1Object params = ec.getParametersObject();
        if (params == null ? curveRequired : !P256.CURVE_OID.equals(params)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "EC key on " + P256.describeCurve(params) + ", expected P-256");
        }
        DevicePrivateKey key = new DevicePrivateKey(ec.getKey(), field);
        ASN1BitString embedded = ec.getPublicKey();
        if (embedded != null) {
            // A key file whose embedded public key disagrees with its scalar is corrupt; signing with it would
            // produce signatures that fail against the key the device registered.
            ECPoint point;
            try {
                point = P256.DOMAIN.getCurve().decodePoint(embedded.getOctets());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                        "embedded public key is not a point on P-256");
            }
            if (!point.normalize().equals(key.publicKey.parameters().getQ())) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                        "embedded public key does not match the private scalar");
            }
        }
        return key;
    }

    /** @return the matching public key (d·G) */
    public DevicePublicKey publicKey() {
        return publicKey;
    }

    /** @return the PKCS#8 PEM ({@code PRIVATE KEY}), with the public key embedded as OpenSSL writes it */
    public String toPem() {
        try {
            ECPrivateKey ec = new ECPrivateKey(256, parameters.getD(),
                    new DERBitString(publicKey.parameters().getQ().getEncoded(false)), null);
            byte[] der = new PrivateKeyInfo(new AlgorithmIdentifier(P256.EC_PUBLIC_KEY_OID, P256.CURVE_OID), ec)
                    .getEncoded(ASN1Encoding.DER);
            String pem = Pem.encode(PKCS8_LABEL, der);
            Arrays.fill(der, (byte) 0);
            return pem;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a P-256 private key", e);
        }
    }

    ECPrivateKeyParameters parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "DevicePrivateKey[P-256, public sha256:" + publicKey.fingerprint().toHex() + "]";
    }
}
