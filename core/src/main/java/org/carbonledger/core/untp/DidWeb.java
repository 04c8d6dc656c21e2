package org.carbonledger.core.untp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;

/**
 * The {@code did:web} identity an organization issues credentials under (W3C did:web method): the DID names the
 * host that serves the DID document at {@code https://{host}/.well-known/did.json}, and the document lists the
 * organization's credential key as a JSON Web Key. A verifier resolves the DID of a credential's issuer, takes the
 * verification method the JWS header's {@code kid} names, and checks the signature with its key.
 *
 * <pre>{@code
 * DidWeb web = DidWeb.of("steelco.example");
 * web.did();                 // did:web:steelco.example
 * web.keyId(publicKey);      // did:web:steelco.example#<RFC 7638 thumbprint>
 * web.document(publicKey);   // what /.well-known/did.json serves
 * }</pre>
 *
 * @param host the host name, lowercase, with an optional port ({@code localhost:8443})
 */
public record DidWeb(String host) {

    private static final Pattern HOST = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");
    /** The type of the verification method; JsonWebKey2020 is what did:web resolvers and JWT VC libraries read. */
    public static final String VERIFICATION_METHOD_TYPE = "JsonWebKey2020";
    private static final List<String> CONTEXT = List.of("https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1");

    /** Validates the host. */
    public DidWeb {
        Objects.requireNonNull(host, "host");
        if (!HOST.matcher(host).matches() || host.length() > 253) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "host", host,
                    "not a lowercase host name with an optional port, e.g. steelco.example or localhost:8443");
        }
    }

    /**
     * @param host a host name with an optional port; upper case is folded
     * @return the identity
     */
    public static DidWeb of(String host) {
        return new DidWeb(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT));
    }

    /** @return {@code did:web:{host}}, the port's colon percent-encoded as the method requires */
    public String did() {
        return "did:web:" + host.replace(":", "%3A");
    }

    /** @return {@code https://{host}}: where the DID document and the credentials are served */
    public String baseUrl() {
        return "https://" + host;
    }

    /**
     * @param key the credential key
     * @return the DID URL of its verification method: the DID, {@code #}, the key's RFC 7638 thumbprint, so that a
     *     new key gets a new id and credentials signed with the old one keep naming the old one
     */
    public String keyId(DevicePublicKey key) {
        return did() + "#" + thumbprint(key);
    }

    /**
     * @param key the credential key
     * @return the DID document: the DID, and the key as the verification method for assertions (what issuing a
     *     credential is) and authentication
     */
    public JsonObject document(DevicePublicKey key) {
        String kid = keyId(key);
        return JsonObject.builder()
                .put("@context", JsonArray.of(CONTEXT.stream().map(JsonString::of).toList()))
                .put("id", did())
                .put("verificationMethod", JsonArray.of(JsonObject.builder()
                        .put("id", kid)
                        .put("type", VERIFICATION_METHOD_TYPE)
                        .put("controller", did())
                        .put("publicKeyJwk", publicJwk(key))
                        .build()))
                .put("assertionMethod", JsonArray.of(JsonString.of(kid)))
                .put("authentication", JsonArray.of(JsonString.of(kid)))
                .build();
    }

    /**
     * @param key a P-256 public key
     * @return its JWK (RFC 7517/7518): {@code kty}, {@code crv}, {@code x}, {@code y}, in the order RFC 7638 hashes
     */
    public static JsonObject publicJwk(DevicePublicKey key) {
        byte[][] xy = coordinates(key);
        return JsonObject.builder()
                .put("crv", "P-256")
                .put("kty", "EC")
                .put("x", base64Url(xy[0]))
                .put("y", base64Url(xy[1]))
                .build();
    }

    /**
     * @param jwk a JWK as {@link #publicJwk} writes it (other members ignored)
     * @return the key
     * @throws LedgerRuleException (INVALID_KEY) if it is not an EC P-256 key whose point is on the curve
     */
    public static DevicePublicKey keyOf(JsonObject jwk) {
        Objects.requireNonNull(jwk, "jwk");
        String kty = text(jwk, "kty");
        String crv = text(jwk, "crv");
        if (!"EC".equals(kty) || !"P-256".equals(crv)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, "publicKeyJwk",
                    "kty " + kty + ", crv " + crv + ": expected an EC key on P-256");
        }
        byte[] x = decode(text(jwk, "x"));
        byte[] y = decode(text(jwk, "y"));
        if (x.length != 32 || y.length != 32) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, "publicKeyJwk", "x and y must be 32 bytes each");
        }
        byte[] der = new byte[SPKI_PREFIX.length + 65];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        der[SPKI_PREFIX.length] = 0x04;
        System.arraycopy(x, 0, der, SPKI_PREFIX.length + 1, 32);
        System.arraycopy(y, 0, der, SPKI_PREFIX.length + 33, 32);
        return DevicePublicKey.fromDer(der, "publicKeyJwk");
    }

    /** The RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
    static String thumbprint(DevicePublicKey key) {
        byte[][] xy = coordinates(key);
        String members = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + base64Url(xy[0]) + "\",\"y\":\""
                + base64Url(xy[1]) + "\"}";
        return base64Url(Sha256.of(members.getBytes(StandardCharsets.UTF_8)).bytes());
    }

    /** DER SubjectPublicKeyInfo of a P-256 key up to the uncompressed point (id-ecPublicKey, prime256v1). */
    private static final byte[] SPKI_PREFIX = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, (byte) 0x86, 0x48,
        (byte) 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
        0x42, 0x00};

    /** The canonical SubjectPublicKeyInfo ends in the uncompressed point 04 || X || Y. */
    private static byte[][] coordinates(DevicePublicKey key) {
        byte[] der = Objects.requireNonNull(key, "key").der();
        int at = der.length - 64;
        return new byte[][] {Arrays.copyOfRange(der, at, at + 32), Arrays.copyOfRange(der, at + 32, der.length)};
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, "publicKeyJwk", "not base64url: " + e.getMessage());
        }
    }

    private static String text(JsonObject o, String name) {
        return o.get(name).filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).value())
                .orElseThrow(() -> LedgerRuleException.ofField(ErrorCode.INVALID_KEY, "publicKeyJwk." + name,
                        "missing or not a string"));
    }
}
