package org.carbonledger.core.accounting;

import java.util.Objects;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.identifier.LedgerId;

/**
 * What one accepted record contributes to its batch: the part of the record that the footprint and the seal's
 * Merkle commitment need, small enough for the chaincode to store next to the record.
 *
 * @param recordId the record id
 * @param contentHash SHA-256 of the JCS of the signed record ({@link EmissionRecord#contentHash()})
 * @param stage its life-cycle stage
 * @param scope its scope
 * @param co2e its CO2e as computed by {@link RecordCalculator}
 */
public record RecordContribution(LedgerId recordId, Hash contentHash, Stage stage, Scope scope, Co2e co2e) {

    /** Null-checks every part. */
    public RecordContribution {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(co2e, "co2e");
    }

    /**
     * @param record a validated record
     * @param co2e its computed CO2e
     * @return its contribution
     */
    public static RecordContribution of(EmissionRecord record, Co2e co2e) {
        return new RecordContribution(record.recordId(), record.contentHash(), record.stage(), record.scope(), co2e);
    }
}
