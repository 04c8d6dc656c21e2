package org.carbonledger.service.plant.interval;

/**
 * Why the service refused an interval record before submitting it. Kept with the readings' refusals (table
 * {@code plant_reading_refusal}, metric {@code carbonledger_plant_readings_refused_total{reason}}); the names are
 * stable, never rename one.
 */
public enum IntervalRefusalReason {
    /** Not a record in the ledger's format, not of the activity form, or without {@code evidenceSha256}. */
    INTERVAL_MALFORMED,
    /** The topic is not {@code carbonledger/<MSP id>/<deviceId>/records} of the record's device. */
    INTERVAL_TOPIC_MISMATCH,
    /** The organization has no device of that id on the ledger. */
    INTERVAL_UNKNOWN_DEVICE,
    /** The device's key was not valid at the record's period end. */
    INTERVAL_DEVICE_REVOKED,
    /** The signature does not verify against the device's registered key. */
    INTERVAL_BAD_SIGNATURE,
    /** The record id is already queued with other content. */
    INTERVAL_DUPLICATE_ID,
    /** {@code evidenceSha256} is not the readings digest of the stored readings of the period. */
    INTERVAL_DIGEST_MISMATCH,
    /** The activity amount is not the sum of the stored readings of the period, in the record's unit. */
    INTERVAL_AMOUNT_MISMATCH
}
