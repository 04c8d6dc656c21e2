package org.carbonledger.core.ledger;

import java.util.Objects;

/**
 * The ledger's state keys: the object types the chaincode writes its composite keys under (one list, used by the
 * chaincode and by every reader), and the readable form readers off the chain see them in (the change events, the
 * service's read model, audits): {@code TYPE/attribute/attribute…}.
 *
 * <p>A prefix ({@link #prefix}) selects every key of a type whose leading attributes are given, e.g. one owner's
 * devices. Lots (GS1 AI 10) may contain '/', so a prefix that ends in a lot is ambiguous ("A/" also starts the keys
 * of lot "A/B"): list a batch's records or attestations by their own gtin and lot columns instead.
 */
public final class StateKeys {
    /** The consortium's member list: a simple key, not a composite one. */
    public static final String CONSORTIUM = "CONSORTIUM";
    public static final String ORGANIZATION = "ORG";
    /** An organization's ownership sequence, advanced by every creation in its name. */
    public static final String OWNERSHIP = "OWNERSHIP";
    public static final String ROLE = "ROLE";
    public static final String PROPOSAL = "PROPOSAL";
    public static final String DEVICE = "DEVICE";
    public static final String FACTOR = "FACTOR";
    public static final String DATASET = "DATASET";
    public static final String PRODUCT = "PRODUCT";
    public static final String BATCH = "BATCH";
    /** Index for listing an organization's batches: {@code BATCH_BY_OWNER/msp/gtin/lot}. */
    public static final String BATCH_BY_OWNER = "BATCH_BY_OWNER";
    /**
     * Every client-chosen id ever used: a claim naming its kind, on the public state for transfers, attestations and
     * proposals, in the owner's private collection for a record.
     */
    public static final String ID = "ID";
    /**
     * A batch's records, one private value per transaction that added records, {@code RECORDS/gtin/lot/txId},
     * holding the records themselves ({@link StoredRecordSet}), in the collection of each organization holding them.
     */
    public static final String RECORD_INDEX = "RECORDS";
    /**
     * The public trace of a transaction that added records to a batch, {@code RECORD_TX/gtin/lot/txId}: which
     * organizations hold them, nothing of what they say. A seal reads these by range, so a record transaction that
     * commits while the seal is in flight invalidates it (a private range cannot be read in a writing transaction).
     */
    public static final String RECORD_TRANSACTION = "RECORD_TX";
    /** A producer's designation of a certifier that may see its raw data: {@code DESIGNATION/producer/certifier}. */
    public static final String DESIGNATION = "DESIGNATION";
    public static final String TRANSFER = "TRANSFER";
    /** Indexes of transfers by the batch they left and by the receiving organization. */
    public static final String TRANSFER_BY_SOURCE = "TRANSFER_BY_SOURCE";
    public static final String TRANSFER_BY_RECEIVER = "TRANSFER_BY_RECEIVER";
    public static final String ATTESTATION = "ATTESTATION";

    private static final char SEPARATOR = '/';

    private StateKeys() {
    }

    /** The full key of one object. */
    public static String key(String type, String... attributes) {
        Objects.requireNonNull(type, "type");
        StringBuilder sb = new StringBuilder(type);
        for (String attribute : attributes) {
            sb.append(SEPARATOR).append(Objects.requireNonNull(attribute, "attribute"));
        }
        return sb.toString();
    }

    /** The common start of every key of {@code type} whose first attributes are {@code attributes}. */
    public static String prefix(String type, String... attributes) {
        return key(type, attributes) + SEPARATOR;
    }

    /** The first key after every key that starts with {@code prefix} (which ends with the separator). */
    public static String prefixEnd(String prefix) {
        if (prefix.isEmpty() || prefix.charAt(prefix.length() - 1) != SEPARATOR) {
            throw new IllegalArgumentException("not a prefix: " + prefix);
        }
        return prefix.substring(0, prefix.length() - 1) + (char) (SEPARATOR + 1);
    }

    /**
     * The readable form of a key as Fabric stores it: a composite key {@code \u0000TYPE\u0000a\u0000b\u0000}
     * becomes {@code TYPE/a/b}; a simple key (no leading U+0000) is returned as it is.
     */
    public static String readable(String ledgerKey) {
        Objects.requireNonNull(ledgerKey, "ledgerKey");
        if (ledgerKey.isEmpty() || ledgerKey.charAt(0) != COMPOSITE_DELIMITER) {
            return ledgerKey;
        }
        if (ledgerKey.length() < 3 || ledgerKey.charAt(ledgerKey.length() - 1) != COMPOSITE_DELIMITER) {
            throw new IllegalArgumentException("not a composite key: " + ledgerKey.replace(COMPOSITE_DELIMITER, '|'));
        }
        return ledgerKey.substring(1, ledgerKey.length() - 1).replace(COMPOSITE_DELIMITER, SEPARATOR);
    }

    private static final char COMPOSITE_DELIMITER = '\u0000';
}
