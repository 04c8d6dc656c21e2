package org.carbonledger.core.ledger;

import java.util.Objects;

/**
 * The ledger's state keys, for readers off the chain (the service's read model, audits): Fabric composite keys
 * {@code U+0000 type U+0000 attribute U+0000 …}, with the object types the chaincode writes.
 *
 * <p>A prefix ({@link #prefix}) selects every key of a type whose leading attributes are given, which is how the
 * read model lists, say, one batch's records.
 */
public final class StateKeys {
    public static final String ORGANIZATION = "ORG";
    public static final String ROLE = "ROLE";
    public static final String PROPOSAL = "PROPOSAL";
    public static final String DEVICE = "DEVICE";
    public static final String FACTOR = "FACTOR";
    public static final String DATASET = "DATASET";
    public static final String PRODUCT = "PRODUCT";
    public static final String BATCH = "BATCH";
    public static final String RECORD = "RECORD";
    public static final String TRANSFER = "TRANSFER";
    public static final String ATTESTATION = "ATTESTATION";

    private static final char SEPARATOR = '\u0000';

    private StateKeys() {
    }

    /** The full key of one object. */
    public static String key(String type, String... attributes) {
        return prefix(type, attributes);
    }

    /** The common start of every key of {@code type} whose first attributes are {@code attributes}. */
    public static String prefix(String type, String... attributes) {
        Objects.requireNonNull(type, "type");
        StringBuilder sb = new StringBuilder().append(SEPARATOR).append(type).append(SEPARATOR);
        for (String attribute : attributes) {
            sb.append(Objects.requireNonNull(attribute, "attribute")).append(SEPARATOR);
        }
        return sb.toString();
    }
}
