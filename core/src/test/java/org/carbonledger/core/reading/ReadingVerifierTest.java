package org.carbonledger.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.identifier.DeviceId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReadingVerifierTest {

    static final DevicePrivateKey KEY = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
    static final DevicePublicKey METER_12 = DevicePublicKey.parse(Fixtures.text("keys/meter-12.pub.pem"));
    static final DevicePrivateKey OTHER_KEY = DevicePrivateKey.parse(Fixtures.text("keys/steelco-meter-12.key.pem"));
    static final DeviceId DEVICE = new DeviceId("meter-12");
    static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");

    final Map<DeviceId, Long> last = new HashMap<>();
    Optional<Instant> revokedFrom = Optional.empty();

    ReadingVerifier verifier() {
        ReadingDevices devices = id -> id.equals(DEVICE)
                ? Optional.of(new ReadingDevices.DeviceKey(METER_12, REGISTERED, revokedFrom))
                : Optional.empty();
        return ReadingVerifier.newInstance(devices,
                id -> last.containsKey(id) ? OptionalLong.of(last.get(id)) : OptionalLong.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5), Duration.ofHours(1));
    }

    static JsonObject unsigned(String device, long sequence, Instant at, String amount) {
        return JsonObject.builder().put("deviceId", device).put("sequence", sequence)
                .put("timestamp", at.toString())
                .put("quantity", JsonObject.builder().put("amount", amount).put("unit", "kWh").build())
                .build();
    }

    static byte[] signed(long sequence, Instant at) {
        return MeterReading.sign(unsigned("meter-12", sequence, at, "12.5"), KEY).canonicalUtf8();
    }

    static RefusalReason reason(ReadingVerdict verdict) {
        assertThat(verdict).isInstanceOf(ReadingVerdict.Refused.class);
        return ((ReadingVerdict.Refused) verdict).reason();
    }

    @Test
    void accepts_a_good_reading() {
        ReadingVerdict verdict = verifier().verify(Optional.of(DEVICE), signed(1, NOW));
        assertThat(verdict).isInstanceOfSatisfying(ReadingVerdict.Accepted.class,
                a -> assertThat(a.reading().sequence()).isEqualTo(1));
    }

    @Test
    void refuses_a_tampered_reading_as_bad_signature() {
        JsonObject json = MeterReading.sign(unsigned("meter-12", 1, NOW, "12.5"), KEY).json();
        JsonObject tampered = json.without("sequence").with("sequence", new JsonNumber("2"));
        assertThat(reason(verifier().verify(Optional.of(DEVICE), Jcs.canonicalize(tampered))))
                .isEqualTo(RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void refuses_a_reading_signed_by_another_key_as_bad_signature() {
        byte[] payload = MeterReading.sign(unsigned("meter-12", 1, NOW, "12.5"), OTHER_KEY).canonicalUtf8();
        assertThat(reason(verifier().verify(Optional.of(DEVICE), payload))).isEqualTo(RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void refuses_an_unknown_device() {
        byte[] payload = MeterReading.sign(unsigned("meter-99", 1, NOW, "1"), KEY).canonicalUtf8();
        ReadingVerdict verdict = verifier().verify(Optional.of(new DeviceId("meter-99")), payload);
        assertThat(reason(verdict)).isEqualTo(RefusalReason.UNKNOWN_DEVICE);
        assertThat(((ReadingVerdict.Refused) verdict).deviceId()).contains(new DeviceId("meter-99"));
    }

    @Test
    void refuses_a_reading_taken_after_the_device_was_revoked() {
        revokedFrom = Optional.of(NOW.minusSeconds(60));
        assertThat(reason(verifier().verify(Optional.of(DEVICE), signed(1, NOW))))
                .isEqualTo(RefusalReason.DEVICE_REVOKED);
    }

    @Test
    void accepts_a_reading_taken_before_the_device_was_revoked() {
        revokedFrom = Optional.of(NOW);
        assertThat(verifier().verify(Optional.of(DEVICE), signed(1, NOW.minusSeconds(1))))
                .isInstanceOf(ReadingVerdict.Accepted.class);
    }

    @Test
    void refuses_a_clock_too_far_ahead_or_a_reading_too_old() {
        assertThat(reason(verifier().verify(Optional.of(DEVICE), signed(1, NOW.plus(Duration.ofMinutes(6))))))
                .isEqualTo(RefusalReason.CLOCK_SKEW);
        assertThat(reason(verifier().verify(Optional.of(DEVICE), signed(1, NOW.minus(Duration.ofMinutes(61))))))
                .isEqualTo(RefusalReason.CLOCK_SKEW);
        assertThat(verifier().verify(Optional.of(DEVICE), signed(1, NOW.plus(Duration.ofMinutes(5)))))
                .isInstanceOf(ReadingVerdict.Accepted.class);
    }

    @Test
    void refuses_a_repeated_or_older_sequence_number() {
        last.put(DEVICE, 7L);
        assertThat(reason(verifier().verify(Optional.of(DEVICE), signed(7, NOW))))
                .isEqualTo(RefusalReason.REPLAYED_SEQUENCE);
        assertThat(reason(verifier().verify(Optional.of(DEVICE), signed(3, NOW))))
                .isEqualTo(RefusalReason.REPLAYED_SEQUENCE);
        assertThat(verifier().verify(Optional.of(DEVICE), signed(8, NOW))).isInstanceOf(ReadingVerdict.Accepted.class);
    }

    @Test
    void content_steps_alone_do_not_look_at_the_sequence_and_the_sequence_step_refuses_a_replay() {
        last.put(DEVICE, 7L);
        ReadingVerdict content = verifier().verifyContent(Optional.of(DEVICE), signed(7, NOW));
        assertThat(content).isInstanceOf(ReadingVerdict.Accepted.class);
        MeterReading reading = ((ReadingVerdict.Accepted) content).reading();
        assertThat(reason(verifier().checkSequence(reading, OptionalLong.of(7)))).isEqualTo(RefusalReason.REPLAYED_SEQUENCE);
        assertThat(verifier().checkSequence(reading, OptionalLong.of(6))).isInstanceOf(ReadingVerdict.Accepted.class);
        assertThat(verifier().checkSequence(reading, OptionalLong.empty())).isInstanceOf(ReadingVerdict.Accepted.class);
        assertThat(reason(verifier().verifyContent(Optional.of(DEVICE), signed(8, NOW.plus(Duration.ofHours(1))))))
                .isEqualTo(RefusalReason.CLOCK_SKEW);
    }

    @Test
    void refuses_a_reading_published_on_another_devices_topic() {
        assertThat(reason(verifier().verify(Optional.of(new DeviceId("meter-13")), signed(1, NOW))))
                .isEqualTo(RefusalReason.TOPIC_MISMATCH);
    }

    @Test
    void refuses_a_malformed_body_naming_the_field() {
        JsonObject noUnit = unsigned("meter-12", 1, NOW, "12.5").with("signature", JsonString.of("AAAA"));
        ReadingVerdict verdict = verifier().verify(Optional.of(DEVICE), Jcs.canonicalize(noUnit));
        assertThat(reason(verdict)).isEqualTo(RefusalReason.MALFORMED);
        assertThat(((ReadingVerdict.Refused) verdict).detail()).contains("signature");
        assertThat(reason(verifier().verify(Optional.of(DEVICE), "{".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(RefusalReason.MALFORMED);
    }

    @Property(tries = 50)
    void any_signed_reading_in_the_window_is_accepted(@ForAll @LongRange(min = 0, max = 1L << 40) long sequence,
                                                       @ForAll @IntRange(min = -3600, max = 300) int offsetSeconds,
                                                       @ForAll("amounts") String amount) {
        byte[] payload = MeterReading.sign(unsigned("meter-12", sequence, NOW.plusSeconds(offsetSeconds), amount),
                KEY).canonicalUtf8();
        assertThat(verifier().verify(Optional.of(DEVICE), payload)).isInstanceOf(ReadingVerdict.Accepted.class);
    }

    @Property(tries = 50)
    void changing_any_byte_of_a_signed_reading_never_yields_an_accepted_different_reading(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 255) int delta) {
        byte[] original = signed(5, NOW);
        byte[] mutated = original.clone();
        int i = position % mutated.length;
        mutated[i] = (byte) (mutated[i] + delta);
        ReadingVerdict verdict = verifier().verify(Optional.of(DEVICE), mutated);
        if (verdict instanceof ReadingVerdict.Accepted accepted) {
            // Only an encoding-level change that leaves the signed content intact may pass (none is known).
            assertThat(accepted.reading()).isEqualTo(MeterReading.parse(original));
        }
    }

    @Provide
    Arbitrary<String> amounts() {
        return Arbitraries.integers().between(0, 1_000_000).map(n -> n / 100 + "." + String.format("%02d", n % 100));
    }
}
