package org.carbonledger.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** The NIST P-256 curve (secp256r1, prime256v1) with BouncyCastle's fast custom field arithmetic. */
final class P256 {

    static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");
    static final ECDomainParameters DOMAIN = new ECDomainParameters(PARAMETERS);
    static final BigInteger N = DOMAIN.getN();
    static final BigInteger HALF_N = N.shiftRight(1);
    static final ASN1ObjectIdentifier CURVE_OID = X9ObjectIdentifiers.prime256v1;
    static final ASN1ObjectIdentifier EC_PUBLIC_KEY_OID = X9ObjectIdentifiers.id_ecPublicKey;

    private P256() {
    }

    /**
     * Parses DER strictly: one object, no trailing bytes, and re-encoding must reproduce the input exactly (which
     * refuses BER forms such as indefinite or non-minimal lengths).
     */
    static ASN1Primitive parseDer(byte[] der, String what, String field) {
        ASN1Primitive primitive;
        byte[] reencoded;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
            reencoded = primitive.getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports malformed input with IOException or IllegalArgumentException/IllegalStateException.
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, what + " is not valid DER");
        }
        if (!Arrays.equals(reencoded, der)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, what + " is not in canonical DER encoding");
        }
        return primitive;
    }

    static String describeCurve(ASN1Object parameters) {
        if (parameters instanceof ASN1ObjectIdentifier oid) {
            String name = ECNamedCurveTable.getName(oid);
            return name == null ? "curve " + oid.getId() : "curve " + name + " (" + oid.getId() + ")";
        }
        return parameters == null ? "no curve parameters" : "explicit curve parameters";
    }

    static String describeAlgorithm(ASN1ObjectIdentifier oid) {
        return switch (oid.getId()) {
            case "1.2.840.113549.1.1.1" -> "RSA (1.2.840.113549.1.1.1)";
            case "1.3.101.112" -> "Ed25519 (1.3.101.112)";
            case "1.3.101.113" -> "Ed448 (1.3.101.113)";
            case "1.2.840.10040.4.1" -> "DSA (1.2.840.10040.4.1)";
            default -> oid.getId();
        };
    }
}
