package org.carbonledger.core.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.LedgerId;

/**
 * Where raw data lives and how it travels. A producer's records are kept in per-organization private data
 * collections {@code org_<MSP>}, defined with the chaincode (network/scripts/deploy-chaincode.sh): its own and those
 * of the certifiers it designated ({@link StoredDesignation}). Each collection's members are one organization, its
 * endorsement policy that organization's peer, and it is {@code memberOnlyRead}: so every record transaction is
 * endorsed by the owner's peer and by each designated certifier's peer, no one else executes it, and a peer hands a
 * collection's data (to a chaincode, or with the blocks it delivers) only to clients of that organization. Fabric's
 * implicit collections would do the first two but not the last: any member's client could ask a holder's peer for
 * the private data of its blocks.
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
    /**
     * Transient map entry of a seal: every record set of the batch as its owner's peer keeps them (a JSON array of
     * {@link StoredRecordSet}s, {@code Records:ListRecordSets}). Each endorser checks them against the hashes every
     * peer keeps, so no endorser needs to read another organization's collection, which memberOnlyRead forbids.
     */
    public static final String RECORD_SETS = "recordSets";
    /** Bytes in a transaction salt. */
    public static final int SALT_LENGTH = 32;

    private static final String COLLECTION_PREFIX = "org_";
    private static final Pattern COLLECTION_SAFE = Pattern.compile("[A-Za-z0-9_-]+");

    private PrivateData() {
    }

    /**
     * The private collection of an organization, e.g. {@code org_SteelCoMSP}. Fabric allows only letters, digits,
     * '_' and '-' in a collection name, so an MSP id with other characters has none (and cannot hold records).
     */
    public static String collectionOf(String mspId) {
        Objects.requireNonNull(mspId, "mspId");
        if (!COLLECTION_SAFE.matcher(mspId).matches()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "mspId", mspId,
                    "has characters a private data collection name cannot hold (letters, digits, '_' and '-' only)");
        }
        return COLLECTION_PREFIX + mspId;
    }

    /** The organization whose collection this is, or empty for a name that is not {@link #collectionOf} one. */
    public static Optional<String> organizationOf(String collection) {
        if (collection == null || !collection.startsWith(COLLECTION_PREFIX)
                || !COLLECTION_SAFE.matcher(collection.substring(COLLECTION_PREFIX.length())).matches()) {
            return Optional.empty();
        }
        return Optional.of(collection.substring(COLLECTION_PREFIX.length()));
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
