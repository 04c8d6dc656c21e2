package org.carbonledger.core.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.ledger.StoredDevice;
import org.carbonledger.core.verify.ProofBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A device key may sign a record whose period ends in [validFrom, revokedFrom). */
class DeviceKeyValidityTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant REVOKED = Instant.parse("2026-06-01T00:00:00Z");

    @ParameterizedTest
    @CsvSource({
        "2025-12-31T23:59:59Z, NOT_YET_VALID",
        "2026-01-01T00:00:00Z, VALID",
        "2026-05-31T23:59:59Z, VALID",
        "2026-06-01T00:00:00Z, REVOKED",
        "2027-01-01T00:00:00Z, REVOKED"})
    void a_revoked_key_is_valid_from_its_first_instant_until_just_before_its_revocation(String end, String expected) {
        DeviceKeyValidity v = DeviceKeyValidity.forRecordEndingAt(FROM, Optional.of(REVOKED), Instant.parse(end));

        assertThat(v).isEqualTo(DeviceKeyValidity.valueOf(expected));
        assertThat(v.isValid()).isEqualTo(expected.equals("VALID"));
    }

    @Test
    void a_key_never_revoked_stays_valid() {
        assertThat(DeviceKeyValidity.forRecordEndingAt(FROM, Optional.empty(), Instant.parse("2100-01-01T00:00:00Z")))
                .isEqualTo(DeviceKeyValidity.VALID);
        assertThat(DeviceKeyValidity.forRecordEndingAt(FROM, Optional.empty(), FROM.minusNanos(1)))
                .isEqualTo(DeviceKeyValidity.NOT_YET_VALID);
    }

    @Test
    void a_stored_device_is_judged_by_its_stored_dates() {
        ProofBundle bundle = ProofBundle.fromJson(Fixtures.bytes("verify/worked-example.bundle.json"));
        StoredDevice device = bundle.devices().values().iterator().next();
        StoredDevice revoked = StoredDevice.fromJson(device.json()
                .with("revokedFrom", JsonString.of(device.validFrom().plusSeconds(60).toString()))
                .with("revokedTxId", JsonString.of(device.txId())), "device");

        assertThat(DeviceKeyValidity.forRecordEndingAt(device, device.validFrom())).isEqualTo(DeviceKeyValidity.VALID);
        assertThat(DeviceKeyValidity.forRecordEndingAt(device, device.validFrom().minusSeconds(1)))
                .isEqualTo(DeviceKeyValidity.NOT_YET_VALID);
        assertThat(DeviceKeyValidity.forRecordEndingAt(revoked, device.validFrom().plusSeconds(59)))
                .isEqualTo(DeviceKeyValidity.VALID);
        assertThat(DeviceKeyValidity.forRecordEndingAt(revoked, device.validFrom().plusSeconds(60)))
                .isEqualTo(DeviceKeyValidity.REVOKED);
    }
}
