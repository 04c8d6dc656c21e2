package org.carbonledger.core.untp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.EcdsaP256;
import org.carbonledger.core.crypto.EcdsaSignature;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * A W3C Verifiable Credential 2.0 secured as a JWT (VC-JOSE-COSE, media type {@code application/vc+jwt}): a compact
 * JWS whose payload is the credential itself and whose protected header is
 * {@code {"alg":"ES256","kid":…,"typ":"vc+jwt","cty":"vc"}}, signed with ECDSA P-256 / SHA-256 (RFC 7518 §3.4:
 * the signature is R || S, 32 bytes each).
 *
 * <pre>{@code
 * String jwt = VcJwt.sign(credential, key, web.keyId(key.publicKey()));
 * JsonObject credential = VcJwt.verify(jwt, publicKey);    // throws on any change to header, payload or signature
 * }</pre>
 *
 * <p>A JWS signs the bytes it carries, so the payload needs no canonical form: it is the credential written compactly
 * in member order, which the mappings fix, and the same credential and key give the same token (RFC 6979 nonces).
 */
public final class VcJwt {

    /** The media type of a credential secured this way. */
    public static final String MEDIA_TYPE = "application/vc+jwt";
    /** The media type of the unsecured credential. */
    public static final String CREDENTIAL_MEDIA_TYPE = "application/vc+ld+json";

    private VcJwt() {
    }

    /**
     * @param credential the unsecured credential
     * @param key the issuer's credential key
     * @param kid the DID URL of the key's verification method ({@link DidWeb#keyId})
     * @return the compact JWS
     */
    public static String sign(JsonObject credential, DevicePrivateKey key, String kid) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kid, "kid");
        JsonObject header = JsonObject.builder().put("alg", "ES256").put("kid", kid).put("typ", "vc+jwt")
                .put("cty", "vc").build();
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(credential));
        EcdsaSignature signature = EcdsaSignature.fromDer(
                EcdsaP256.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII)), "signature");
        byte[] raw = new byte[64];
        copyUnsigned(signature.r(), raw, 0);
        copyUnsigned(signature.s(), raw, 32);
        return signingInput + "." + DidWeb.base64Url(raw);
    }

    /**
     * @param jwt a compact JWS
     * @return its protected header, unverified: read the {@code kid} to find the key, then {@link #verify}
     * @throws LedgerRuleException (INVALID_SIGNATURE) if it is not a compact JWS with a JSON header
     */
    public static JsonObject header(String jwt) {
        return Json.parseObject(decode(parts(jwt)[0], "header"), "header");
    }

    /**
     * @param jwt a compact JWS
     * @param key the key the issuer's verification method lists
     * @return the credential, once the signature verifies over header and payload as sent
     * @throws LedgerRuleException (INVALID_SIGNATURE) if the header is not ES256 with typ vc+jwt, or the signature
     *     does not verify; the message says which
     */
    public static JsonObject verify(String jwt, DevicePublicKey key) {
        Objects.requireNonNull(key, "key");
        String[] parts = parts(jwt);
        JsonObjectReader header = JsonObjectReader.of(header(jwt), "header");
        if (!"ES256".equals(header.optionalString("alg").orElse(""))) {
            throw LedgerRuleException.of(ErrorCode.INVALID_SIGNATURE, "header.alg",
                    header.optionalString("alg").orElse(""), "expected ES256");
        }
        if (!"vc+jwt".equals(header.optionalString("typ").orElse(""))) {
            throw LedgerRuleException.of(ErrorCode.INVALID_SIGNATURE, "header.typ",
                    header.optionalString("typ").orElse(""), "expected vc+jwt");
        }
        byte[] raw = decode(parts[2], "signature");
        if (raw.length != 64) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, "signature",
                    raw.length + " bytes, expected 64 (R || S)");
        }
        EcdsaSignature signature = new EcdsaSignature(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)));
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!EcdsaP256.verify(key, signingInput, signature)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, "signature",
                    "does not verify with the given key over the header and payload as sent");
        }
        return Json.parseObject(decode(parts[1], "payload"), "payload");
    }

    private static String[] parts(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, "jwt",
                    "not a compact JWS (three non-empty base64url parts separated by dots)");
        }
        return parts;
    }

    private static String encode(String json) {
        return DidWeb.base64Url(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decode(String part, String what) {
        if (part.indexOf('=') >= 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, what, "base64url must be unpadded");
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, what, "not base64url: " + e.getMessage());
        }
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
        byte[] b = value.toByteArray();
        int start = b.length > 32 ? b.length - 32 : 0;
        int len = b.length - start;
        System.arraycopy(b, start, out, offset + 32 - len, len);
    }
}
