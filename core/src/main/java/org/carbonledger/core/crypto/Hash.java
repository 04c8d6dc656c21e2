package org.carbonledger.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A SHA-256 digest: exactly 32 bytes, written as 64 lowercase hex digits.
 *
 * @param bytes the digest (copied on the way in and out, so a {@code Hash} is immutable)
 */
public record Hash(byte[] bytes) implements Comparable<Hash> {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    /** Validates the length and takes a private copy. */
    public Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "",
                    "a SHA-256 hash has 32 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses 64 lowercase hex digits. Uppercase is refused so every hash has exactly one text form.
     *
     * @param hex the text
     * @param field the JSON path, for the error message
     * @return the hash
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the field
     */
    public static Hash ofHex(String hex, String field) {
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(field, "field");
        if (hex.length() != 2 * LENGTH) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, hex,
                    "a SHA-256 hash is 64 lowercase hex digits, found " + hex.length() + " characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, hex,
                        "character " + LedgerRuleException.quote(String.valueOf(c)) + " at position " + (i + 1)
                                + " is not a lowercase hex digit");
            }
        }
        return new Hash(HEX.parseHex(hex));
    }

    /**
     * @param hex 64 lowercase hex digits
     * @return the hash
     */
    public static Hash ofHex(String hex) {
        return ofHex(hex, "hash");
    }

    /** @return a copy of the 32 digest bytes */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the 64 lowercase hex digits */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Orders hashes by their unsigned bytes, which is the order of their hex text. */
    @Override
    public int compareTo(Hash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
