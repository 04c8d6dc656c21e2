package org.carbonledger.core.verify;

import java.util.List;

/**
 * The ids of the offline checks, grouped by {@link CheckCategory}. They are a public contract (the CLI, the service
 * and auditors' scripts match on them): never rename one. {@code docs/verification.md} says what each proves.
 * For a batch whose records were not disclosed to the collector, the seal checks that need them (footprint,
 * breakdown, per unit, Merkle root, counts) are made with {@link Basis#ATTESTED} instead: they pass only on an
 * attestation that counts.
 */
public final class CheckIds {

    // 1. Signed records and device keys

    /** A device's stored PEM parses as a P-256 key whose fingerprint is the stored {@code keyFingerprint}. */
    public static final String DEVICE_FINGERPRINT = "device.fingerprint";
    /** The stored record state (id, batch, device, stage, scope, owner) agrees with the signed record and its batch. */
    public static final String RECORD_CONSISTENT = "record.consistent";
    /** The record's signature verifies against the key of the device it names. */
    public static final String RECORD_SIGNATURE = "record.signature";
    /** The signing device is registered by the owner of the record's batch. */
    public static final String RECORD_DEVICE_OWNER = "record.device-owner";
    /** The device key was valid for the record: validFrom ≤ periodEnd &lt; revokedFrom. */
    public static final String RECORD_DEVICE_VALIDITY = "record.device-validity";
    /**
     * The record's period had ended when it was submitted: periodEnd ≤ the stored {@code submittedAt} (the
     * transaction's timestamp) plus {@code EmissionRecord.PERIOD_END_ALLOWANCE}.
     */
    public static final String RECORD_PERIOD_ENDED = "record.period-ended";
    /** SHA-256 of the JCS of the signed record equals the stored {@code contentHash}. */
    public static final String RECORD_CONTENT_HASH = "record.content-hash";
    /** The CO2e recomputed from the signed record and the bundled factors equals the stored {@code co2e}. */
    public static final String RECORD_CO2E = "record.co2e";

    // 2. Transactions (offline part)

    /** A transaction a state names is listed in the bundle's transactions. */
    public static final String TRANSACTION_LISTED = "transaction.listed";
    /** The bundle claims the transaction is VALID (the peer's validation code at collection time). */
    public static final String TRANSACTION_CLAIMED_VALID = "transaction.claimed-valid";
    /** Reserved for the online check: a peer reports the transaction committed and VALID in the claimed block. */
    public static final String TRANSACTION_COMMITTED = "transaction.committed";

    // 3. Footprint, seal and allocations

    /** The batch is SEALED and stores its seal, seal hash, seal time and seal transaction. */
    public static final String BATCH_SEALED = "batch.sealed";
    /** The seal's format, batch, quantity and GWP set are the batch's. */
    public static final String SEAL_HEADER = "seal.header";
    /** The footprint recomputed from the batch's records and inbound transfers equals the sealed one. */
    public static final String SEAL_FOOTPRINT = "seal.footprint";
    /** The recomputed breakdown by (stage, scope) equals the sealed one. */
    public static final String SEAL_BREAKDOWN = "seal.breakdown";
    /** The recomputed per-unit footprint equals the sealed one. */
    public static final String SEAL_PER_UNIT = "seal.per-unit";
    /** The Merkle root recomputed over the records and inbound transfers equals the sealed one. */
    public static final String SEAL_MERKLE_ROOT = "seal.merkle-root";
    /** The numbers of records and inbound transfers equal the sealed counts. */
    public static final String SEAL_COUNTS = "seal.counts";
    /** SHA-256 of the JCS of the stored seal equals the stored {@code sealHash}. */
    public static final String SEAL_HASH = "seal.hash";
    /** A transfer counted by a batch is in the bundle, RECEIVED or RETURNED into exactly that batch. */
    public static final String TRANSFER_RECEIVED_INTO = "transfer.received-into";
    /** The allocated CO2e equals Allocation.allocate(source footprint, source quantity, shipped before, quantity). */
    public static final String TRANSFER_ALLOCATION = "transfer.allocation";
    /** The transfer's {@code sourceSealHash} is the source batch's seal hash. */
    public static final String TRANSFER_SOURCE_SEAL_HASH = "transfer.source-seal-hash";

    // 4. Mass balance

    /** The batch's shipments, ordered by sourceShippedBefore, start at zero and follow each other without gap or overlap. */
    public static final String MASS_BALANCE_CONTIGUOUS = "mass-balance.contiguous";
    /** The shipments end at the batch's stored shipped total. */
    public static final String MASS_BALANCE_SHIPPED_TOTAL = "mass-balance.shipped-total";
    /** Nothing ships beyond the batch's quantity. */
    public static final String MASS_BALANCE_WITHIN_QUANTITY = "mass-balance.within-quantity";

    // 5. Attestations

    /** The attestation's verdict is VERIFIED (informational). */
    public static final String ATTESTATION_VERDICT = "attestation.verdict";
    /** The attesting organization holds CERTIFIER according to the bundle (informational). */
    public static final String ATTESTATION_CERTIFIER = "attestation.certifier";
    /** The attestation covers its batch's current seal hash (informational). */
    public static final String ATTESTATION_SEAL = "attestation.seal";
    /** The verification instant is within validFrom (inclusive) and validUntil (exclusive) (informational). */
    public static final String ATTESTATION_VALIDITY = "attestation.validity";
    /** At least one attestation counts: required for the root batch, reported for upstream batches. */
    public static final String BATCH_ATTESTED = "batch.attested";

    /** Every offline check id, in report order. */
    public static final List<String> OFFLINE = List.of(DEVICE_FINGERPRINT, RECORD_CONSISTENT, RECORD_SIGNATURE,
            RECORD_DEVICE_OWNER, RECORD_DEVICE_VALIDITY, RECORD_PERIOD_ENDED, RECORD_CONTENT_HASH, RECORD_CO2E,
            TRANSACTION_LISTED, TRANSACTION_CLAIMED_VALID, BATCH_SEALED, SEAL_HEADER, SEAL_FOOTPRINT, SEAL_BREAKDOWN,
            SEAL_PER_UNIT, SEAL_MERKLE_ROOT, SEAL_COUNTS, SEAL_HASH, TRANSFER_RECEIVED_INTO, TRANSFER_ALLOCATION,
            TRANSFER_SOURCE_SEAL_HASH, MASS_BALANCE_CONTIGUOUS, MASS_BALANCE_SHIPPED_TOTAL,
            MASS_BALANCE_WITHIN_QUANTITY, ATTESTATION_VERDICT, ATTESTATION_CERTIFIER, ATTESTATION_SEAL,
            ATTESTATION_VALIDITY, BATCH_ATTESTED);

    private CheckIds() {
    }
}
