package org.carbonledger.core.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReadingsDigestTest {

    static final DevicePrivateKey KEY = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));

    static MeterReading reading(String device, long sequence, String amount) {
        return MeterReading.sign(JsonObject.builder().put("deviceId", device).put("sequence", sequence)
                .put("timestamp", Instant.parse("2026-12-07T10:00:00Z").plusSeconds(sequence).toString())
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", "kWh").build()).build(), KEY);
    }

    @Test
    void is_sha256_of_the_canonical_json_array_of_the_content_hashes_in_sequence_order() {
        MeterReading one = reading("meter-12", 1, "1.5");
        MeterReading two = reading("meter-12", 2, "2.5");
        String expectedJson = "[\"" + one.contentHash().toHex() + "\",\"" + two.contentHash().toHex() + "\"]";
        Hash expected = Sha256.of(expectedJson.getBytes(StandardCharsets.UTF_8));
        assertThat(ReadingsDigest.ofReadings(List.of(two, one))).isEqualTo(expected);
        assertThat(ReadingsDigest.of(List.of(one.contentHash(), two.contentHash()))).isEqualTo(expected);
    }

    @Test
    void changes_when_a_reading_is_left_out_or_changed() {
        MeterReading one = reading("meter-12", 1, "1.5");
        MeterReading two = reading("meter-12", 2, "2.5");
        Hash both = ReadingsDigest.ofReadings(List.of(one, two));
        assertThat(ReadingsDigest.ofReadings(List.of(one))).isNotEqualTo(both);
        assertThat(ReadingsDigest.ofReadings(List.of(one, reading("meter-12", 2, "2.6")))).isNotEqualTo(both);
    }

    @Test
    void an_empty_interval_is_the_digest_of_an_empty_array() {
        assertThat(ReadingsDigest.of(List.of())).isEqualTo(Sha256.of("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refuses_readings_of_two_devices_or_a_repeated_sequence() {
        assertThatThrownBy(() -> ReadingsDigest.ofReadings(List.of(reading("meter-12", 1, "1"),
                reading("meter-13", 2, "1")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadingsDigest.ofReadings(List.of(reading("meter-12", 1, "1"),
                reading("meter-12", 1, "2")))).isInstanceOf(IllegalArgumentException.class);
    }
}
