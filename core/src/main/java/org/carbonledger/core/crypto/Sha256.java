package org.carbonledger.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** SHA-256, the product's one hash function. */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * @param data bytes to hash
     * @return SHA-256(data)
     */
    public static Hash of(byte[] data) {
        Objects.requireNonNull(data, "data");
        return new Hash(digest().digest(data));
    }

    /**
     * @param text text to hash, encoded as UTF-8
     * @return SHA-256(UTF-8(text))
     */
    public static Hash of(String text) {
        return of(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param parts byte arrays hashed as if concatenated
     * @return SHA-256(parts[0] || parts[1] || ...)
     */
    public static Hash ofConcatenation(byte[]... parts) {
        MessageDigest md = digest();
        for (byte[] part : parts) {
            md.update(Objects.requireNonNull(part, "part"));
        }
        return new Hash(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest javadoc).
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
