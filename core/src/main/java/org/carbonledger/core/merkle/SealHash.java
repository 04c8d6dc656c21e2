package org.carbonledger.core.merkle;

import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.Jcs;

/**
 * The hash that identifies a seal: SHA-256 of the JCS (UTF-8) of {@link Seal#toJson()}. Attestations and
 * downstream transfers bind to it.
 *
 * @param value the hash
 */
public record SealHash(Hash value) {

    /** Null-checks the hash. */
    public SealHash {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param seal a seal
     * @return its hash
     */
    public static SealHash of(Seal seal) {
        return new SealHash(Sha256.of(Jcs.canonicalize(seal.toJson())));
    }

    /**
     * @param hex 64 lowercase hex digits
     * @param field the JSON path, for the error message
     * @return the seal hash
     */
    public static SealHash ofHex(String hex, String field) {
        return new SealHash(Hash.ofHex(hex, field));
    }

    /** @return the 64 lowercase hex digits */
    public String toHex() {
        return value.toHex();
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
