package org.carbonledger.bench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.junit.jupiter.api.Test;

/** The records the benchmarks and the load generator send must be ones the chaincode accepts. */
class SyntheticRecordsTest {
    private final DeviceKeyPair device = DeviceKeyPair.generate(new SecureRandom());
    private final SyntheticRecords records = new SyntheticRecords(BatchId.of("09506000134352", "COIL-7"),
            DeviceId.parse("meter-1", "deviceId"), "bench");

    @Test
    void records_alternate_activity_and_gases_and_pass_the_ledger_rules() {
        Map<String, EmissionFactor> factors = new TreeMap<>();
        SyntheticRecords.factors("bench").forEach(f -> factors.put(f.factorId(), f));
        for (int i = 0; i < 60; i++) {
            EmissionRecord signed = records.signed(i, UUID.randomUUID().toString(), device.privateKey());
            // What the chaincode receives is the JCS text; it must parse back to a record whose signature verifies.
            EmissionRecord received = EmissionRecord.parse(Jcs.canonicalize(signed.json()));
            assertThat(received.verifySignature(device.publicKey())).isTrue();
            assertThat(received.activity().isPresent()).isEqualTo(i % 2 == 0);
            assertThat(RecordCalculator.co2e(received, FactorLookup.of(factors), Gwp100Set.IPCC_AR6).total().signum())
                    .isPositive();
        }
    }

    @Test
    void activity_records_use_all_three_factors() {
        assertThat(SyntheticRecords.factors("bench")).extracting(EmissionFactor::factorId)
                .containsExactly("bench-grid", "bench-steam", "bench-diesel");
        String ids = "";
        for (int i = 0; i < 6; i += 2) {
            ids += records.unsigned(i, UUID.randomUUID().toString()).toString();
        }
        assertThat(ids).contains("bench-grid", "bench-steam", "bench-diesel");
    }
}
