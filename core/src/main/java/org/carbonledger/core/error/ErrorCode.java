package org.carbonledger.core.error;

/**
 * Stable, client-readable reasons why the ledger refused something.
 *
 * <p>These names are a public contract: the chaincode returns them in its {@code ChaincodeException} payload, the
 * HTTP service maps them to problem types and status codes, and the CLI prints them. Never rename or reuse a
 * constant; add new ones at the end.
 */
public enum ErrorCode {
    /** A field is malformed: wrong JSON type, wrong syntax, unknown or missing member, unparsable JSON. */
    INVALID_ARGUMENT,
    /** A GTIN has the wrong length, a non-digit, or a wrong GS1 check digit. */
    INVALID_GTIN,
    /** A lot (GS1 AI 10) is empty, too long, or holds a character outside GS1 character set 82. */
    INVALID_LOT,
    /** A decimal amount is malformed, negative, too precise, or zero where a positive amount is needed. */
    INVALID_AMOUNT,
    /** A unit symbol is not one of the supported units. */
    INVALID_UNIT,
    /** Two units belong to different dimensions (e.g. kg and kWh), so one cannot be converted into the other. */
    UNIT_MISMATCH,
    /** A signature is malformed (not canonical DER, not base64) or does not verify against the device key. */
    INVALID_SIGNATURE,
    /** A public or private key is not a well-formed ECDSA P-256 key. */
    INVALID_KEY,
    /** The device named by a record is not registered. */
    UNKNOWN_DEVICE,
    /** The device's key was revoked at or before the record's period end. */
    DEVICE_REVOKED,
    /** The device belongs to an organization other than the batch owner. */
    DEVICE_NOT_OWNED,
    /** A record names an emission factor that is not published on the ledger. */
    UNKNOWN_FACTOR,
    /** A record, transfer or attestation id was already used: a replay. */
    DUPLICATE_ID,
    /** The named object does not exist. */
    NOT_FOUND,
    /** An object with that key already exists (e.g. a product, batch, device or factor). */
    ALREADY_EXISTS,
    /** The batch is sealed, so its footprint is fixed and it takes no more records or inbound material. */
    BATCH_SEALED,
    /** The batch is not sealed yet, so it cannot ship material or be attested. */
    BATCH_NOT_SEALED,
    /** Shipping this quantity would bring the quantity shipped out of a batch above the batch's quantity. */
    MASS_BALANCE_EXCEEDED,
    /** The acting organization may not do this (e.g. act on another organization's batch). */
    FORBIDDEN,
    /** The acting organization lacks the ledger role (PRODUCER, CERTIFIER) this action needs. */
    ROLE_REQUIRED,
    /**
     * The producer has designated no certifier to see its raw data, so no second organization may endorse (and
     * check) its records; or the data asked for is private to its owner and the certifiers it designated.
     */
    NOT_DESIGNATED,
    /** The object is not in a state that allows this action (e.g. accepting a transfer twice). */
    INVALID_STATE,
    /** A period or validity interval ends before it starts, or an instant is malformed. */
    INVALID_PERIOD,
    /** A recomputed value (hash, footprint, Merkle root) differs from the one that was stored or provided. */
    MISMATCH
}
