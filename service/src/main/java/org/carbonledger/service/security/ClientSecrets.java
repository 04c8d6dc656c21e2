package org.carbonledger.service.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashing and checking client secrets with BCrypt (BouncyCastle). The hash string carries algorithm, cost and salt,
 * so the cost can be raised later without invalidating stored hashes.
 */
public final class ClientSecrets {
    /**
     * 2^10 rounds (~60 ms here): client secrets are long random strings, so the cost guards leaked hashes of the odd
     * weak secret while keeping a burst of token requests from monopolizing the two cores.
     */
    static final int COST = 10;
    /** BCrypt reads at most 72 bytes; longer secrets would be silently truncated, so they are refused. */
    static final int MAX_SECRET_BYTES = 72;
    /** Seeded secrets must be at least this long. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the client is unknown, so response time does not reveal which ids exist. */
    private static final String DUMMY_HASH = hash("not-a-real-secret-0123456789");

    private ClientSecrets() {
    }

    /**
     * @param secret the plain secret
     * @return its BCrypt hash ({@code $2y$10$...})
     */
    public static String hash(String secret) {
        byte[] bytes = checkedBytes(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", bytes, salt, COST);
    }

    /**
     * @param secret a presented secret
     * @param hash a stored hash, or {@code null} when the client is unknown (the check still takes as long)
     * @return whether the secret matches
     */
    public static boolean matches(String secret, String hash) {
        Objects.requireNonNull(secret, "secret");
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_SECRET_BYTES) {
            OpenBSDBCrypt.checkPassword(DUMMY_HASH, "x".getBytes(StandardCharsets.UTF_8));
            return false;
        }
        if (hash == null) {
            OpenBSDBCrypt.checkPassword(DUMMY_HASH, bytes);
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, bytes);
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    private static byte[] checkedBytes(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("a client secret must be 1 to " + MAX_SECRET_BYTES + " bytes");
        }
        return bytes;
    }
}
