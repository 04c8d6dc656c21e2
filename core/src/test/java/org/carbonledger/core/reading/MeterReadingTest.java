package org.carbonledger.core.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.EcdsaP256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeterReadingTest {

    static final JsonObject UNSIGNED = Fixtures.object("readings/meter-12-unsigned.json");
    static final DevicePrivateKey KEY = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
    static final DevicePublicKey METER_12 = DevicePublicKey.parse(Fixtures.text("keys/meter-12.pub.pem"));
    static final DevicePublicKey OTHER = DevicePublicKey.parse(Fixtures.text("keys/steelco-meter-12.pub.pem"));

    @Test
    void signed_reading_verifies_with_the_device_key_and_not_with_another() {
        MeterReading reading = MeterReading.sign(UNSIGNED, KEY);
        assertThat(reading.verifySignature(METER_12)).isTrue();
        assertThat(reading.verifySignature(OTHER)).isFalse();
        assertThat(reading.deviceId().value()).isEqualTo("meter-12");
        assertThat(reading.sequence()).isEqualTo(4711);
        assertThat(reading.quantity().unit()).isEqualTo(Unit.KWH);
        assertThat(reading.intervalId()).contains("2026-12-07T10:00Z");
    }

    @Test
    void signature_covers_the_canonical_json_without_signature_as_records_do() {
        MeterReading reading = MeterReading.sign(UNSIGNED, KEY);
        assertThat(reading.signedBytes()).isEqualTo(Jcs.canonicalize(UNSIGNED));
        assertThat(EcdsaP256.verify(METER_12, Jcs.canonicalize(UNSIGNED), reading.signature())).isTrue();
    }

    @Test
    void a_reading_parsed_from_its_payload_equals_the_signed_one() {
        MeterReading reading = MeterReading.sign(UNSIGNED, KEY);
        MeterReading again = MeterReading.parse(reading.canonicalUtf8());
        assertThat(again).isEqualTo(reading);
        assertThat(again.verifySignature(METER_12)).isTrue();
    }

    @Test
    void a_changed_amount_no_longer_verifies() {
        JsonObject signed = MeterReading.sign(UNSIGNED, KEY).json();
        JsonObject quantity = (JsonObject) signed.get("quantity").orElseThrow();
        JsonObject tampered = signed.without("quantity").with("quantity",
                quantity.without("amount").with("amount", JsonString.of("1.25")));
        assertThat(MeterReading.parse(tampered).verifySignature(METER_12)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "deviceId,  INVALID_ARGUMENT, deviceId",
        "sequence,  INVALID_ARGUMENT, sequence",
        "timestamp, INVALID_ARGUMENT, timestamp",
        "quantity,  INVALID_ARGUMENT, quantity",
        "signature, INVALID_SIGNATURE, signature",
    })
    void a_missing_member_is_refused_naming_it(String member, ErrorCode code, String field) {
        JsonObject signed = MeterReading.sign(UNSIGNED, KEY).json();
        assertThatThrownBy(() -> MeterReading.parse(signed.without(member)))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void an_unknown_member_is_refused() {
        JsonObject signed = MeterReading.sign(UNSIGNED, KEY).json().with("gps", JsonString.of("x"));
        assertThatThrownBy(() -> MeterReading.parse(signed)).isInstanceOf(LedgerRuleException.class)
                .hasMessageContaining("gps");
    }

    @Test
    void a_negative_or_fractional_sequence_is_refused() {
        assertThatThrownBy(() -> MeterReading.sign(UNSIGNED.without("sequence").with("sequence",
                new JsonNumber("-1")), KEY)).isInstanceOf(LedgerRuleException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> MeterReading.sign(UNSIGNED.without("sequence").with("sequence",
                new JsonNumber("1.5")), KEY)).isInstanceOf(LedgerRuleException.class).hasMessageContaining("sequence");
    }

    @Test
    void a_local_time_without_zone_is_refused() {
        assertThatThrownBy(() -> MeterReading.sign(UNSIGNED.without("timestamp").with("timestamp",
                JsonString.of("2026-12-07T10:15:00")), KEY))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
    }

    @Test
    void an_unknown_unit_is_refused_naming_the_field() {
        JsonObject quantity = (JsonObject) UNSIGNED.get("quantity").orElseThrow();
        JsonObject bad = UNSIGNED.without("quantity").with("quantity",
                quantity.without("unit").with("unit", JsonString.of("therm")));
        assertThatThrownBy(() -> MeterReading.sign(bad, KEY))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_UNIT);
                    assertThat(e.field()).isEqualTo("quantity.unit");
                });
    }

    @Test
    void a_non_canonical_signature_text_is_refused() {
        MeterReading reading = MeterReading.sign(UNSIGNED, KEY);
        String text = Base64.getEncoder().encodeToString(reading.signature()).replace("=", "");
        JsonObject json = reading.json().without("signature").with("signature", JsonString.of(text));
        assertThatThrownBy(() -> MeterReading.parse(json))
                .isInstanceOfSatisfying(LedgerRuleException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    void a_payload_that_is_not_json_is_refused() {
        assertThatThrownBy(() -> MeterReading.parse("kWh=12.5".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LedgerRuleException.class);
    }

    @Test
    void signing_an_already_signed_reading_is_refused() {
        JsonObject signed = MeterReading.sign(UNSIGNED, KEY).json();
        assertThatThrownBy(() -> MeterReading.sign(signed, KEY)).isInstanceOf(LedgerRuleException.class);
    }
}
