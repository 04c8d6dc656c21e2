package org.carbonledger.core.record;

/** Whether the rows of a record file must already carry a device signature. */
public enum SignaturePolicy {
    /** Every row must be signed (an upload to the service, which cannot sign for a device). */
    REQUIRED,
    /** Rows may be unsigned (the CLI signs them with a device key); a signature that is present is checked. */
    OPTIONAL
}
