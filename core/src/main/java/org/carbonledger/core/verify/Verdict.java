package org.carbonledger.core.verify;

/** The outcome of a verification. */
public enum Verdict {
    /** Every required check passed. */
    PASS,
    /** At least one required check failed. */
    FAIL
}
