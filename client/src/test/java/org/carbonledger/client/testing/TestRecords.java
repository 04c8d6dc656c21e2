package org.carbonledger.client.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.JsonObject;

/** Signed emission records of one device and one batch, with ids that say their number. */
public final class TestRecords {
    public static final BatchId BATCH = BatchId.of("9506000134352", "COIL-7");
    public static final String DEVICE = "meter-12";

    private final DeviceKeyPair device = DeviceKeyPair.generate(new SecureRandom());

    public DeviceKeyPair device() {
        return device;
    }

    /** @return the record id with this number */
    public static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** @return the unsigned record with this number, its CO2 amount {@code co2} kilograms */
    public static JsonObject unsigned(int n, String co2) {
        return JsonObject.builder()
                .put("recordId", id(n))
                .put("gtin", BATCH.gtin().value())
                .put("lot", BATCH.lot().value())
                .put("deviceId", DEVICE)
                .put("periodStart", "2026-10-01T00:00:00Z")
                .put("periodEnd", "2026-10-31T23:59:59Z")
                .put("scope", 1L)
                .put("stage", "PRODUCTION")
                .put("gases", JsonObject.builder().put("CO2", co2).build())
                .build();
    }

    /** @return the record with this number, signed by {@link #device()} */
    public EmissionRecord signed(int n, String co2) {
        return EmissionRecord.sign(unsigned(n, co2), device.privateKey());
    }

    /** @return records numbered {@code from} to {@code to - 1} */
    public List<EmissionRecord> signed(int from, int to) {
        List<EmissionRecord> list = new ArrayList<>();
        for (int n = from; n < to; n++) {
            list.add(signed(n, "100." + n));
        }
        return list;
    }
}
