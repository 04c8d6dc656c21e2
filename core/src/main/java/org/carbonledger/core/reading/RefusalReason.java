package org.carbonledger.core.reading;

/**
 * Why a reading was refused. The names are stable: receivers count refusals per reason (a metric label) and keep them
 * for display, so never rename one; add new ones at the end.
 */
public enum RefusalReason {
    /** Not JSON, or a member missing, unknown, mistyped or malformed (the detail names the field). */
    MALFORMED,
    /** The signature does not verify against the device's registered key. */
    BAD_SIGNATURE,
    /** No device of that id is registered for the receiving organization. */
    UNKNOWN_DEVICE,
    /** The device's key was revoked at or before the reading's timestamp, or was not yet valid then. */
    DEVICE_REVOKED,
    /** The reading's timestamp is further from the receiver's clock than the allowed skew. */
    CLOCK_SKEW,
    /** The sequence number is not above the last one accepted from the device: a replay or an old reading. */
    REPLAYED_SEQUENCE,
    /** The device named in the reading is not the one its topic names. */
    TOPIC_MISMATCH
}
