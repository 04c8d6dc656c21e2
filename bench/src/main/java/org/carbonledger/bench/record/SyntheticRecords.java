package org.carbonledger.bench.record;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Objects;

import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.quantity.Unit;

/**
 * Emission records of realistic shape for one batch and one device, shared by the micro-benchmarks and the load
 * generator so both measure the same records. Even indices are activity records, odd indices gas records:
 *
 * <ul>
 *   <li>activity records cycle through three factors of {@link #factors}: grid electricity in kWh (no conversion),
 *       process steam per kWh recorded in GJ (the one rounding division, GJ → kWh) and diesel per litre recorded in
 *       m3 (exact conversion);</li>
 *   <li>gas records list CO2, CH4_FOSSIL and N2O, the usual stack-measurement triple.</li>
 * </ul>
 * Every record carries an evidence hash, as plant gateways send one. Amounts vary with the index so no two records
 * are alike, and stay within the 18.9-digit amount rule.
 */
public final class SyntheticRecords {
    private static final String PERIOD_START = "2026-10-01T00:00:00Z";
    private static final String PERIOD_END = "2026-10-31T23:59:59Z";

    private final BatchId batch;
    private final DeviceId deviceId;
    private final List<String> factorIds;

    /**
     * @param batch the batch every record is for
     * @param deviceId the device that signs them
     * @param factorPrefix the prefix of the three factor ids of {@link #factors(String)}
     */
    public SyntheticRecords(BatchId batch, DeviceId deviceId, String factorPrefix) {
        this.batch = Objects.requireNonNull(batch, "batch");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(factorPrefix, "factorPrefix");
        this.factorIds = factors(factorPrefix).stream().map(EmissionFactor::factorId).toList();
    }

    /**
     * The small factor dataset the activity records pin.
     *
     * @param prefix prefix of the factor ids (a run-unique one on a shared ledger: factor ids are never reused)
     * @return grid electricity (kWh), process steam (kWh) and diesel (L)
     */
    public static List<EmissionFactor> factors(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String dataset = prefix + "-bench";
        String citation = "Carbon Ledger benchmark dataset (synthetic values, not for reporting)";
        String licence = "CC0-1.0";
        return List.of(
                new EmissionFactor(prefix + "-grid", dataset, "1", Unit.KWH, new java.math.BigDecimal("0.4215"), citation, licence),
                new EmissionFactor(prefix + "-steam", dataset, "1", Unit.KWH, new java.math.BigDecimal("0.2016"), citation, licence),
                new EmissionFactor(prefix + "-diesel", dataset, "1", Unit.L, new java.math.BigDecimal("2.68787"), citation, licence));
    }

    /**
     * @param index which record (even: activity, odd: gases)
     * @param recordId its id, a lowercase UUID
     * @return the unsigned record
     */
    public JsonObject unsigned(int index, String recordId) {
        JsonObject.Builder b = JsonObject.builder()
                .put("recordId", recordId)
                .put("gtin", batch.gtin().value())
                .put("lot", batch.lot().value())
                .put("deviceId", deviceId.value())
                .put("periodStart", PERIOD_START)
                .put("periodEnd", PERIOD_END);
        long v = 1_000 + (index * 7_919L) % 900_000;
        String fraction = Integer.toString(1 + index % 997);
        if (index % 2 == 0) {
            int factor = (index / 2) % 3;
            String unit = switch (factor) {
                case 0 -> "kWh";
                case 1 -> "GJ";
                default -> "m3";
            };
            b.put("scope", factor == 0 ? 2L : 1L)
                    .put("stage", "PRODUCTION")
                    .put("activity", JsonObject.builder()
                            .put("factorId", factorIds.get(factor))
                            .put("amount", v + "." + fraction)
                            .put("unit", unit)
                            .build());
        } else {
            b.put("scope", 1L)
                    .put("stage", "PRODUCTION")
                    .put("gases", JsonObject.builder()
                            .put("CO2", v + "." + fraction)
                            .put("CH4_FOSSIL", (v % 500) + "." + fraction)
                            .put("N2O", (v % 37) + ".0" + fraction)
                            .build());
        }
        return b.put("evidenceSha256", Sha256.of(("evidence " + recordId).getBytes(UTF_8)).toHex()).build();
    }

    /**
     * @param index which record (even: activity, odd: gases)
     * @param recordId its id, a lowercase UUID
     * @param key the device's private key
     * @return the signed record (deterministic ECDSA: the same inputs give the same bytes)
     */
    public EmissionRecord signed(int index, String recordId, DevicePrivateKey key) {
        return EmissionRecord.sign(unsigned(index, recordId), key);
    }
}
