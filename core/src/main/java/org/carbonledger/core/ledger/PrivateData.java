package org.carbonledger.core.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;

/**
 * Where raw data lives and how it travels. A producer's records are kept in Fabric's implicit per-organization
 * collections: its own and those of the certifiers it designated ({@link StoredDesignation}). Fabric checks a write
 * to {@code _implicit_org_<MSP>} against that organization's endorsement policy (its peer), so every record
 * transaction is endorsed by the owner's peer and by each designated certifier's peer, and no one else executes it.
 *
 * <p>Private inputs travel in the proposal's transient map, never in its arguments (which every member's peer stores
 * in the block): {@link #RECORDS} the records, {@link #SALT} 32 random bytes chosen by the client for the
 * transaction, from which each record's salt is derived ({@link #recordSalt}).
 */
public final class PrivateData {
    /** Transient map entry: the records of a SubmitRecords transaction (a JSON object or array). */
    public static final String RECORDS = "records";
    /** Transient map entry: the transaction's secret salt, 32 bytes (base64 when shown as text). */
    public static final String SALT = "salt";
    /** Bytes in a transaction salt. */
    public static final int SALT_LENGTH = 32;

    private static final String IMPLICIT_PREFIX = "_implicit_org_";

    private PrivateData() {
    }

    /** The implicit collection of an organization, e.g. {@code _implicit_org_SteelCoMSP}. */
    public static String collectionOf(String mspId) {
        return IMPLICIT_PREFIX + Objects.requireNonNull(mspId, "mspId");
    }

    /** Checks a transaction salt from the transient map: present and exactly {@value #SALT_LENGTH} bytes. */
    public static byte[] requireSalt(byte[] salt) {
        if (salt == null || salt.length != SALT_LENGTH) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "transient." + SALT,
                    salt == null ? "(absent)" : salt.length + " bytes",
                    "must be " + SALT_LENGTH + " random bytes chosen by the client for this transaction");
        }
        return salt.clone();
    }

    /**
     * A record's salt: SHA-256(transaction salt ‖ record id), hex. Identical on every endorser (they all receive the
     * same transient map); disclosing one record and its salt reveals nothing of the transaction salt or of the
     * other records' salts.
     */
    public static String recordSalt(byte[] transactionSalt, LedgerId recordId) {
        return Sha256.ofConcatenation(requireSalt(transactionSalt),
                recordId.value().getBytes(StandardCharsets.UTF_8)).toHex();
    }

    /** A new random transaction salt, for clients. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_LENGTH];
        new java.security.SecureRandom().nextBytes(salt);
        return salt;
    }

    /** The SHA-256 Fabric keeps of a private value, which every member can read with GetPrivateDataHash. */
    public static Hash valueHash(byte[] value) {
        return Sha256.of(value);
    }
}
