package org.carbonledger.core.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonNull;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Amount;
import org.carbonledger.core.quantity.Quantity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmissionRecordTest {

    static final JsonObject ACTIVITY = Fixtures.object("records/meter-12-activity.json");
    static final JsonObject GASES = Fixtures.object("records/meter-12-gases.json");
    static final DevicePublicKey METER_12 = DevicePublicKey.parse(Fixtures.text("keys/meter-12.pub.pem"));
    static final DevicePublicKey OTHER = DevicePublicKey.parse(Fixtures.text("keys/steelco-meter-12.pub.pem"));

    /** Replaces (or adds) a member at a dotted path of a checked-in fixture. */
    static JsonObject mutate(JsonObject record, String path, JsonValue value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return record.without(path).with(path, value);
        }
        String head = path.substring(0, dot);
        JsonObject inner = (JsonObject) record.get(head).orElseThrow();
        return record.without(head).with(head, mutate(inner, path.substring(dot + 1), value));
    }

    static JsonObject remove(JsonObject record, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return record.without(path);
        }
        String head = path.substring(0, dot);
        JsonObject inner = (JsonObject) record.get(head).orElseThrow();
        return record.without(head).with(head, remove(inner, path.substring(dot + 1)));
    }

    static void assertRefused(JsonObject record, ErrorCode code, String field, String message) {
        assertThatThrownBy(() -> EmissionRecord.parse(record))
                .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Nested
    class Parses {

        @Test
        void reads_every_field_of_an_activity_record() {
            EmissionRecord r = EmissionRecord.parse(ACTIVITY);
            assertThat(r.recordId().value()).isEqualTo("0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59");
            assertThat(r.batch()).isEqualTo(BatchId.of("09506000134352", "COIL-7"));
            assertThat(r.deviceId().value()).isEqualTo("meter-12");
            assertThat(r.periodStart()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
            assertThat(r.periodEnd()).isEqualTo(Instant.parse("2026-10-31T23:59:59Z"));
            assertThat(r.scope()).isEqualTo(Scope.SCOPE_2);
            assertThat(r.stage()).isEqualTo(Stage.PRODUCTION);
            assertThat(r.activity()).contains(new Activity("cn-grid-2022", Quantity.parse("30000", "kWh", "a")));
            assertThat(r.gases()).isEmpty();
            assertThat(r.evidenceSha256()).contains(Sha256.of("meter-12 October 2026 export"));
            assertThat(r.json()).isEqualTo(ACTIVITY);
        }

        @Test
        void reads_a_gas_record_and_normalizes_a_13_digit_gtin() {
            EmissionRecord r = EmissionRecord.parse(GASES);
            assertThat(r.activity()).isEmpty();
            assertThat(r.gases()).containsExactly(
                    Map.entry(Gas.CO2, Amount.parse("50000", "x")),
                    Map.entry(Gas.CO2_BIOGENIC, Amount.parse("100.5", "x")),
                    Map.entry(Gas.CH4_FOSSIL, Amount.parse("10", "x")),
                    Map.entry(Gas.CH4_NON_FOSSIL, Amount.parse("2", "x")),
                    Map.entry(Gas.N2O, Amount.parse("1", "x")));
            assertThat(r.batch().gtin().value()).isEqualTo("09506000134352");
            assertThat(r.evidenceSha256()).isEmpty();
        }

        @Test
        void signs_the_jcs_of_the_record_as_received_without_its_signature() {
            EmissionRecord r = EmissionRecord.parse(GASES);
            assertThat(r.signedBytes()).isEqualTo(Jcs.canonicalize(GASES.without("signature")));
            assertThat(new String(r.signedBytes(), StandardCharsets.UTF_8))
                    .startsWith("{\"deviceId\":\"meter-12\",\"gases\":{\"CH4_FOSSIL\":\"10\",")
                    .contains("\"gtin\":\"9506000134352\"");
            assertThat(r.contentHash()).isEqualTo(Sha256.of(Jcs.canonicalize(GASES)));
        }

        @Test
        void reproduces_the_checked_in_signature_because_signing_is_deterministic() {
            DevicePrivateKey key = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
            EmissionRecord signed = EmissionRecord.sign(Fixtures.object("records/unsigned/meter-12-activity.json"), key);
            assertThat(signed.json()).isEqualTo(ACTIVITY);
            assertThat(signed.contentHash()).isEqualTo(EmissionRecord.parse(ACTIVITY).contentHash());
        }

        @Test
        void refuses_to_sign_a_record_twice() {
            DevicePrivateKey key = DevicePrivateKey.parse(Fixtures.text("keys/meter-12.key.pem"));
            assertThatThrownBy(() -> EmissionRecord.sign(ACTIVITY, key))
                    .hasMessage("signature: record is already signed; remove signature to sign it again");
        }
    }

    @Nested
    class Signature {

        @Test
        void verifies_against_the_device_key() {
            assertThat(EmissionRecord.parse(ACTIVITY).verifySignature(METER_12)).isTrue();
            EmissionRecord.parse(GASES).requireValidSignature(METER_12);
        }

        @Test
        void rejects_a_record_signed_by_another_device() {
            assertThat(EmissionRecord.parse(ACTIVITY).verifySignature(OTHER)).isFalse();
            assertThatThrownBy(() -> EmissionRecord.parse(ACTIVITY).requireValidSignature(OTHER))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
                        assertThat(e.field()).isEqualTo("signature");
                    });
        }

        @ParameterizedTest
        @CsvSource({
            "activity.amount, 30001",
            "activity.unit, MWh",
            "activity.factorId, cn-grid-2023",
            "lot, COIL-8",
            "periodEnd, 2026-10-31T23:59:58Z",
            "stage, TRANSPORT",
            "deviceId, meter-13",
        })
        void rejects_a_record_altered_after_signing(String path, String value) {
            EmissionRecord tampered = EmissionRecord.parse(mutate(ACTIVITY, path, JsonString.of(value)));
            assertThat(tampered.verifySignature(METER_12)).isFalse();
        }

        @Test
        void rejects_an_altered_scope() {
            assertThat(EmissionRecord.parse(mutate(ACTIVITY, "scope", JsonNumber.of(1))).verifySignature(METER_12))
                    .isFalse();
        }

        @Test
        void ignores_member_order_and_whitespace_because_jcs_is_signed() {
            JsonObject reordered = remove(ACTIVITY, "recordId")
                    .with("recordId", JsonString.of("0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59"));
            assertThat(reordered.names()).endsWith("recordId");
            assertThat(EmissionRecord.parse(reordered).verifySignature(METER_12)).isTrue();
            assertThat(EmissionRecord.parse(Fixtures.bytes("records/meter-12-activity.json")).verifySignature(METER_12))
                    .isTrue();
        }

        @Test
        void rejects_malformed_signature_encodings() {
            String sig = ((JsonString) ACTIVITY.get("signature").orElseThrow()).value();
            assertRefused(mutate(ACTIVITY, "signature", JsonString.of("not base64!")), ErrorCode.INVALID_SIGNATURE,
                    "signature", "signature \"not base64!\": not valid base64");
            String unpadded = sig.replace("=", "");
            assertRefused(mutate(ACTIVITY, "signature", JsonString.of(unpadded)), ErrorCode.INVALID_SIGNATURE,
                    "signature", "signature " + LedgerRuleException.quote(unpadded)
                            + ": not canonical base64 (RFC 4648 with padding)");
            byte[] der = Base64.getDecoder().decode(sig);
            String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(der, der.length - 1));
            assertThatThrownBy(() -> EmissionRecord.parse(mutate(ACTIVITY, "signature", JsonString.of(truncated))))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
                        assertThat(e.getMessage()).startsWith("signature: DER");
                    });
            assertRefused(remove(ACTIVITY, "signature"), ErrorCode.INVALID_SIGNATURE, "signature",
                    "signature: missing member");
        }
    }

    @Nested
    class Refuses {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "recordId          | INVALID_ARGUMENT | recordId: missing member",
            "gtin              | INVALID_ARGUMENT | gtin: missing member",
            "lot               | INVALID_ARGUMENT | lot: missing member",
            "deviceId          | INVALID_ARGUMENT | deviceId: missing member",
            "periodStart       | INVALID_ARGUMENT | periodStart: missing member",
            "periodEnd         | INVALID_ARGUMENT | periodEnd: missing member",
            "scope             | INVALID_ARGUMENT | scope: missing member",
            "stage             | INVALID_ARGUMENT | stage: missing member",
            "activity.factorId | INVALID_ARGUMENT | activity.factorId: missing member",
            "activity.amount   | INVALID_ARGUMENT | activity.amount: missing member",
            "activity.unit     | INVALID_ARGUMENT | activity.unit: missing member",
        })
        void rejects_a_record_missing_a_member_naming_its_path(String path, ErrorCode code, String message) {
            assertRefused(remove(ACTIVITY, path), code, path, message);
        }

        @Test
        void rejects_unknown_members_naming_their_path() {
            assertRefused(ACTIVITY.with("comment", JsonString.of("x")), ErrorCode.INVALID_ARGUMENT, "comment",
                    "comment: unknown member (allowed: recordId, gtin, lot, deviceId, periodStart, periodEnd, scope,"
                            + " stage, activity, gases, evidenceSha256, signature)");
            assertRefused(mutate(ACTIVITY, "activity.note", JsonString.of("x")), ErrorCode.INVALID_ARGUMENT,
                    "activity.note", "activity.note: unknown member (allowed: factorId, amount, unit)");
        }

        @Test
        void rejects_wrong_json_types_naming_their_path() {
            assertRefused(mutate(ACTIVITY, "activity.amount", JsonNumber.of(30000)), ErrorCode.INVALID_ARGUMENT,
                    "activity.amount", "activity.amount: expected a JSON string, found number");
            assertRefused(mutate(ACTIVITY, "scope", JsonString.of("2")), ErrorCode.INVALID_ARGUMENT, "scope",
                    "scope: expected a JSON number, found string");
            assertRefused(mutate(ACTIVITY, "scope", new JsonNumber("2.0")), ErrorCode.INVALID_ARGUMENT, "scope",
                    "scope \"2.0\": must be an integer without fraction or exponent");
            assertRefused(mutate(ACTIVITY, "activity", JsonString.of("x")), ErrorCode.INVALID_ARGUMENT, "activity",
                    "activity: expected a JSON object, found string");
            assertRefused(mutate(ACTIVITY, "evidenceSha256", JsonNull.INSTANCE),
                    ErrorCode.INVALID_ARGUMENT, "evidenceSha256", "evidenceSha256: expected a JSON string, found null");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "recordId        | 0B9F6C1E-2D4A-4C3B-9A7E-5F1D2C3B4A59 | INVALID_ARGUMENT",
            "gtin            | 09506000134353                       | INVALID_GTIN",
            "lot             | COIL 7                               | INVALID_LOT",
            "deviceId        | meter/12                             | INVALID_ARGUMENT",
            "periodStart     | 2026-10-01                           | INVALID_PERIOD",
            "periodStart     | 2026-10-01T00:00:00+02:00            | INVALID_PERIOD",
            "periodStart     | 2026-02-30T00:00:00Z                 | INVALID_PERIOD",
            "stage           | USE                                  | INVALID_ARGUMENT",
            "activity.amount | -1                                   | INVALID_AMOUNT",
            "activity.amount | 1e4                                  | INVALID_AMOUNT",
            "activity.unit   | kwh                                  | INVALID_UNIT",
            "activity.factorId | cn grid                            | INVALID_ARGUMENT",
            "evidenceSha256  | ABC                                  | INVALID_ARGUMENT",
        })
        void rejects_malformed_values_naming_their_path(String path, String value, ErrorCode code) {
            assertThatThrownBy(() -> EmissionRecord.parse(mutate(ACTIVITY, path, JsonString.of(value))))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(code);
                        assertThat(e.field()).isEqualTo(path);
                        assertThat(e.getMessage()).startsWith(path + " \"" + value + "\": ");
                    });
        }

        @Test
        void rejects_a_period_that_ends_before_it_starts() {
            assertRefused(mutate(ACTIVITY, "periodEnd", JsonString.of("2026-09-30T23:59:59Z")),
                    ErrorCode.INVALID_PERIOD, "periodEnd",
                    "periodEnd \"2026-09-30T23:59:59Z\": ends before periodStart 2026-10-01T00:00:00Z");
        }

        @Test
        void rejects_a_scope_other_than_1_2_3() {
            assertRefused(mutate(ACTIVITY, "scope", JsonNumber.of(4)), ErrorCode.INVALID_ARGUMENT, "scope",
                    "scope \"4\": must be between 1 and 3");
        }

        @Test
        void requires_exactly_one_of_activity_and_gases() {
            assertRefused(ACTIVITY.with("gases", GASES.get("gases").orElseThrow()), ErrorCode.INVALID_ARGUMENT,
                    "gases", "gases: give either activity or gases, not both");
            assertRefused(remove(ACTIVITY, "activity"), ErrorCode.INVALID_ARGUMENT, "activity",
                    "activity: missing member: give either activity {factorId, amount, unit} or gases {GAS: kg}");
        }

        @Test
        void rejects_unknown_and_empty_gas_lists() {
            assertRefused(mutate(GASES, "gases.SF6", JsonString.of("1")), ErrorCode.INVALID_ARGUMENT, "gases.SF6",
                    "gases.SF6 \"SF6\": unknown gas; use one of CO2, CO2_BIOGENIC, CH4_FOSSIL, CH4_NON_FOSSIL, N2O");
            assertRefused(mutate(GASES, "gases", JsonObject.empty()), ErrorCode.INVALID_ARGUMENT, "gases",
                    "gases: must list at least one gas");
            assertRefused(mutate(GASES, "gases.N2O", JsonString.of("0.0000000001")), ErrorCode.INVALID_AMOUNT,
                    "gases.N2O", "gases.N2O \"0.0000000001\": has 10 fraction digits, at most 9 allowed");
        }
    }

    @Nested
    class PeriodEnd {
        private final EmissionRecord record = EmissionRecord.parse(ACTIVITY);

        @Test
        void a_period_ending_within_the_allowance_after_the_transaction_is_accepted() {
            record.requireEndedBy(Instant.parse("2026-10-31T23:44:59Z"));
            EmissionRecord.requireEndedBy(remove(ACTIVITY, "signature"), Instant.parse("2026-10-31T23:44:59Z"));
        }

        @Test
        void a_period_ending_past_the_allowance_is_refused_naming_the_latest_accepted_instant() {
            assertThatThrownBy(() -> record.requireEndedBy(Instant.parse("2026-10-31T23:44:58Z")))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERIOD);
                        assertThat(e.field()).isEqualTo("periodEnd");
                        assertThat(e.getMessage()).isEqualTo("periodEnd \"2026-10-31T23:59:59Z\": ends after the latest "
                                + "accepted instant 2026-10-31T23:59:58Z (the transaction's time 2026-10-31T23:44:58Z "
                                + "plus 15 minutes); submit a record once its period is over");
                    });
        }

        @Test
        void an_unsigned_row_ending_in_the_year_9999_is_refused_the_same_way() {
            JsonObject farFuture = mutate(remove(ACTIVITY, "signature"), "periodEnd", JsonString.of("9999-12-31T23:59:59Z"));

            assertThatThrownBy(() -> EmissionRecord.requireEndedBy(farFuture, Instant.parse("2026-12-07T00:00:00Z")))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PERIOD);
                        assertThat(e.getMessage()).startsWith("periodEnd \"9999-12-31T23:59:59Z\": ends after the latest "
                                + "accepted instant 2026-12-07T00:15:00Z");
                    });
        }

        @Test
        void the_allowance_is_fifteen_minutes() {
            assertThat(EmissionRecord.PERIOD_END_ALLOWANCE).hasMinutes(15);
        }
    }
}
