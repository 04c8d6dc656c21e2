package org.carbonledger.core.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Test;

class ReadingsDigestTest {

    static final DevicePrivateKey KEY = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
    static final DeviceId METER = new DeviceId("meter-12");
    static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant END = Instant.parse("2026-12-07T10:15:00Z");

    static MeterReading reading(String device, long sequence, String at, String amount, String unit) {
        return MeterReading.sign(JsonObject.builder().put("deviceId", device).put("sequence", sequence)
                .put("timestamp", at)
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", unit).build()).build(), KEY);
    }

    static List<ReadingsDigest.Covered> stream(MeterReading... readings) {
        List<ReadingsDigest.Covered> out = new ArrayList<>();
        for (MeterReading r : readings) {
            out.add(ReadingsDigest.Covered.of(r));
        }
        return out;
    }

    @Test
    void the_digest_is_sha256_of_the_canonical_array_of_content_hashes_in_sequence_order() {
        MeterReading a = reading("meter-12", 7, "2026-12-07T10:05:00Z", "1.5", "kWh");
        MeterReading b = reading("meter-12", 8, "2026-12-07T10:10:00Z", "2", "kWh");

        Hash digest = ReadingsDigest.of(ReadingsDigest.covered(METER, START, END, stream(b, a)));

        String array = "[\"" + a.contentHash().toHex() + "\",\"" + b.contentHash().toHex() + "\"]";
        assertThat(digest).isEqualTo(Sha256.of(array.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readings_are_ordered_by_sequence_not_by_timestamp_or_arrival() {
        // A device clock that stepped back: sequence 2 carries the earlier timestamp.
        MeterReading first = reading("meter-12", 1, "2026-12-07T10:09:00Z", "1", "kWh");
        MeterReading second = reading("meter-12", 2, "2026-12-07T10:08:00Z", "1", "kWh");

        List<ReadingsDigest.Covered> covered = ReadingsDigest.covered(METER, START, END, stream(second, first));

        assertThat(covered).extracting(ReadingsDigest.Covered::sequence).containsExactly(1L, 2L);
        assertThat(ReadingsDigest.of(covered)).isNotEqualTo(ReadingsDigest.of(List.of(covered.get(0))));
        assertThatThrownBy(() -> ReadingsDigest.of(List.of(covered.get(1), covered.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordered by sequence");
    }

    @Test
    void the_period_includes_its_start_and_excludes_its_end_and_other_devices() {
        MeterReading atStart = reading("meter-12", 1, "2026-12-07T10:00:00Z", "1", "kWh");
        MeterReading lastNano = reading("meter-12", 2, "2026-12-07T10:14:59.999999999Z", "1", "kWh");
        MeterReading atEnd = reading("meter-12", 3, "2026-12-07T10:15:00Z", "1", "kWh");
        MeterReading before = reading("meter-12", 0, "2026-12-07T09:59:59.999Z", "1", "kWh");
        MeterReading otherDevice = reading("meter-13", 5, "2026-12-07T10:05:00Z", "1", "kWh");

        List<ReadingsDigest.Covered> covered = ReadingsDigest.covered(METER, START, END,
                stream(atEnd, lastNano, otherDevice, atStart, before));

        assertThat(covered).extracting(ReadingsDigest.Covered::sequence).containsExactly(1L, 2L);
    }

    @Test
    void a_change_of_one_byte_in_one_reading_changes_the_digest() {
        MeterReading a = reading("meter-12", 1, "2026-12-07T10:01:00Z", "1.5", "kWh");
        MeterReading b = reading("meter-12", 2, "2026-12-07T10:02:00Z", "2.5", "kWh");
        MeterReading bChanged = reading("meter-12", 2, "2026-12-07T10:02:00Z", "2.6", "kWh");

        Hash digest = ReadingsDigest.of(ReadingsDigest.covered(METER, START, END, stream(a, b)));
        Hash changed = ReadingsDigest.of(ReadingsDigest.covered(METER, START, END, stream(a, bChanged)));

        assertThat(changed).isNotEqualTo(digest);
    }

    @Test
    void no_reading_in_the_period_is_the_digest_of_an_empty_array() {
        assertThat(ReadingsDigest.of(List.of())).isEqualTo(Sha256.of("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void two_covered_readings_with_one_sequence_number_are_refused() {
        MeterReading a = reading("meter-12", 1, "2026-12-07T10:01:00Z", "1.5", "kWh");
        MeterReading again = reading("meter-12", 1, "2026-12-07T10:02:00Z", "1.5", "kWh");

        assertThatThrownBy(() -> ReadingsDigest.covered(METER, START, END, stream(a, again)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence 1");
    }

    @Test
    void the_total_converts_every_reading_to_the_records_unit_exactly() {
        List<ReadingsDigest.Covered> covered = ReadingsDigest.covered(METER, START, END, stream(
                reading("meter-12", 1, "2026-12-07T10:01:00Z", "1.5", "kWh"),
                reading("meter-12", 2, "2026-12-07T10:02:00Z", "0.002", "MWh"),
                reading("meter-12", 3, "2026-12-07T10:03:00Z", "36", "MJ")));

        Quantity total = ReadingsDigest.total(covered, Unit.KWH);

        assertThat(total.unit()).isEqualTo(Unit.KWH);
        assertThat(total.value()).isEqualByComparingTo(new BigDecimal("13.5"));
        assertThatThrownBy(() -> ReadingsDigest.total(covered, Unit.KG)).isInstanceOf(LedgerRuleException.class)
                .hasMessageContaining("cannot convert");
    }
}
