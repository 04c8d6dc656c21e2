package org.carbonledger.core.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * An ECDSA P-256 signature (r, s), read from and written to strict DER: {@code SEQUENCE { INTEGER r, INTEGER s }}
 * with minimal lengths and minimal, non-negative integers.
 *
 * @param r the r value, in [1, n-1]
 * @param s the s value, in [1, n-1]
 */
public record EcdsaSignature(BigInteger r, BigInteger s) {

    /** Checks that r and s are in [1, n-1]. */
    public EcdsaSignature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        if (r.signum() <= 0 || r.compareTo(P256.N) >= 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, "", "signature r is outside [1, n-1]");
        }
        if (s.signum() <= 0 || s.compareTo(P256.N) >= 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, "", "signature s is outside [1, n-1]");
        }
    }

    /**
     * Parses a DER signature strictly.
     *
     * @param der the signature bytes
     * @param field the JSON path of the signature, for the error message
     * @return the signature
     * @throws LedgerRuleException (INVALID_SIGNATURE) saying what is wrong with the encoding
     */
    public static EcdsaSignature fromDer(byte[] der, String field) {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(field, "field");
        // 2 header bytes + two INTEGERs of at most 2 + 33 bytes each.
        if (der.length < 8 || der.length > 72) {
            throw invalid(field, "DER signature has " + der.length + " bytes, expected 8 to 72");
        }
        if ((der[0] & 0xff) != 0x30) {
            throw invalid(field, "DER signature does not start with a SEQUENCE");
        }
        if ((der[1] & 0xff) != der.length - 2) {
            throw invalid(field, "DER SEQUENCE length " + (der[1] & 0xff) + " does not match the "
                    + (der.length - 2) + " content bytes");
        }
        int[] pos = {2};
        BigInteger r = readInteger(der, pos, "r", field);
        BigInteger s = readInteger(der, pos, "s", field);
        if (pos[0] != der.length) {
            throw invalid(field, "DER signature has trailing bytes");
        }
        try {
            return new EcdsaSignature(r, s);
        } catch (LedgerRuleException e) {
            throw new LedgerRuleException(ErrorCode.INVALID_SIGNATURE, field, field + ": " + e.getMessage());
        }
    }

    /**
     * Reads the signature text of a signed JSON document (an emission record, a meter reading): canonical base64
     * (RFC 4648 with padding) of a strict DER signature, so one signature has exactly one text and one content hash.
     *
     * @param base64 the text
     * @param field the JSON path of the signature, for the error message
     * @return the DER bytes
     * @throws LedgerRuleException (INVALID_SIGNATURE) saying what is wrong
     */
    public static byte[] decodeBase64Der(String base64, String field) {
        Objects.requireNonNull(base64, "base64");
        Objects.requireNonNull(field, "field");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_SIGNATURE, field, base64, "not valid base64");
        }
        if (!Base64.getEncoder().encodeToString(der).equals(base64)) {
            throw LedgerRuleException.of(ErrorCode.INVALID_SIGNATURE, field, base64,
                    "not canonical base64 (RFC 4648 with padding)");
        }
        fromDer(der, field);
        return der;
    }

    private static BigInteger readInteger(byte[] der, int[] pos, String name, String field) {
        int p = pos[0];
        if (p + 2 > der.length || (der[p] & 0xff) != 0x02) {
            throw invalid(field, "DER signature " + name + " is not an INTEGER");
        }
        int len = der[p + 1] & 0xff;
        if (len == 0 || len > 33 || p + 2 + len > der.length) {
            throw invalid(field, "DER signature " + name + " has an invalid length " + len);
        }
        byte[] content = Arrays.copyOfRange(der, p + 2, p + 2 + len);
        if ((content[0] & 0x80) != 0) {
            throw invalid(field, "DER signature " + name + " is negative");
        }
        if (len > 1 && content[0] == 0 && (content[1] & 0x80) == 0) {
            throw invalid(field, "DER signature " + name + " has a superfluous leading zero byte");
        }
        pos[0] = p + 2 + len;
        return new BigInteger(1, content);
    }

    private static LedgerRuleException invalid(String field, String reason) {
        return LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, field, reason);
    }

    /** @return the strict DER encoding */
    public byte[] toDer() {
        byte[] rb = r.toByteArray(); // minimal two's complement: adds 0x00 only when the top bit is set
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(72);
        out.write(0x30);
        out.write(4 + rb.length + sb.length);
        out.write(0x02);
        out.write(rb.length);
        out.writeBytes(rb);
        out.write(0x02);
        out.write(sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }

    /** @return true when s ≤ n/2, the form {@link EcdsaP256#sign} produces */
    public boolean isLowS() {
        return s.compareTo(P256.HALF_N) <= 0;
    }

    /** @return the same signature with s replaced by n − s when s &gt; n/2 (both verify) */
    public EcdsaSignature normalizeS() {
        return isLowS() ? this : new EcdsaSignature(r, P256.N.subtract(s));
    }
}
