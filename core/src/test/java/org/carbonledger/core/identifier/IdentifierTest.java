package org.carbonledger.core.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierTest {

    static void assertRefused(Runnable r, ErrorCode code, String field, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(LedgerRuleException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Nested
    class Gtins {

        @ParameterizedTest
        @CsvSource({
            "96385074, 00000096385074",
            "012345678905, 00012345678905",
            "4006381333931, 04006381333931",
            "9506000134352, 09506000134352",
            "09506000134352, 09506000134352",
        })
        void normalizes_gtin_8_12_13_14_to_14_digits(String input, String gtin14) {
            assertThat(Gtin.parse(input).value()).isEqualTo(gtin14);
        }

        @Test
        void rejects_gtin_with_wrong_check_digit() {
            assertRefused(() -> Gtin.parse("09506000134353", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \"09506000134353\": check digit is 3, expected 2");
        }

        @Test
        void rejects_gtin_with_wrong_length() {
            assertRefused(() -> Gtin.parse("950600013435", "items[0].gtin"), ErrorCode.INVALID_GTIN, "items[0].gtin",
                    "items[0].gtin \"950600013435\": check digit is 5, expected 9");
            assertRefused(() -> Gtin.parse("1234567", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \"1234567\": must have 8, 12, 13 or 14 digits, found 7 characters");
            assertRefused(() -> Gtin.parse("", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \"\": must have 8, 12, 13 or 14 digits, found 0 characters");
        }

        @Test
        void rejects_gtin_with_non_digits() {
            assertRefused(() -> Gtin.parse("0950600013435X", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \"0950600013435X\": character \"X\" at position 14 is not a digit");
            assertRefused(() -> Gtin.parse(" 9506000134352", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \" 9506000134352\": character \" \" at position 1 is not a digit");
            assertRefused(() -> Gtin.parse("٠9506000134352", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \"٠9506000134352\": character \"٠\" at position 1 is not a digit");
        }

        @Test
        void rejects_all_zeros() {
            assertRefused(() -> Gtin.parse("00000000", "gtin"), ErrorCode.INVALID_GTIN, "gtin",
                    "gtin \"00000000\": all zeros is not a GTIN");
        }

        @Test
        void record_constructor_accepts_only_the_normalized_form() {
            assertThatThrownBy(() -> new Gtin("9506000134352")).isInstanceOf(LedgerRuleException.class);
        }
    }

    @Property
    void gtin_normalization_pads_to_14_and_is_idempotent(@ForAll("gtinBodies") String body) {
        String gtin = body + Gtin.checkDigit(body);
        Gtin parsed = Gtin.parse(gtin);
        assertThat(parsed.value()).hasSize(14).endsWith(gtin);
        assertThat(Gtin.parse(parsed.value())).isEqualTo(parsed);
        // Every single-digit change of the check digit is detected.
        int wrong = (Gtin.checkDigit(body) + 1 + (body.hashCode() & 7)) % 10;
        assertThatThrownBy(() -> Gtin.parse(body + wrong))
                .isInstanceOfSatisfying(LedgerRuleException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_GTIN));
    }

    @Provide
    Arbitrary<String> gtinBodies() {
        return Arbitraries.of(7, 11, 12, 13)
                .flatMap(n -> Arbitraries.strings().numeric().ofLength(n))
                .filter(s -> !s.chars().allMatch(c -> c == '0'));
    }

    @Nested
    class Lots {

        @Test
        void accepts_every_character_of_set_82() {
            String all = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
            assertThat(all).hasSize(82);
            for (int i = 0; i < all.length(); i += 20) {
                String chunk = all.substring(i, Math.min(all.length(), i + 20));
                assertThat(Lot.parse(chunk).value()).isEqualTo(chunk);
            }
        }

        @Test
        void rejects_characters_outside_set_82_naming_character_and_position() {
            assertRefused(() -> Lot.parse("COIL 7", "lot"), ErrorCode.INVALID_LOT, "lot",
                    "lot \"COIL 7\": character \" \" at position 5 is not in GS1 character set 82");
            assertRefused(() -> Lot.parse("A#1", "lot"), ErrorCode.INVALID_LOT, "lot",
                    "lot \"A#1\": character \"#\" at position 2 is not in GS1 character set 82");
            assertRefused(() -> Lot.parse("Ä", "lot"), ErrorCode.INVALID_LOT, "lot",
                    "lot \"Ä\": character \"Ä\" at position 1 is not in GS1 character set 82");
            for (String bad : new String[] {"~", "$", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "#"}) {
                assertThatThrownBy(() -> Lot.parse(bad)).isInstanceOf(LedgerRuleException.class);
            }
        }

        @Test
        void rejects_empty_and_over_long_lots() {
            assertRefused(() -> Lot.parse("", "lot"), ErrorCode.INVALID_LOT, "lot",
                    "lot \"\": must have 1 to 20 characters, found 0");
            assertRefused(() -> Lot.parse("A".repeat(21), "lot"), ErrorCode.INVALID_LOT, "lot",
                    "lot \"AAAAAAAAAAAAAAAAAAAAA\": must have 1 to 20 characters, found 21");
        }
    }

    @Nested
    class Batches {

        @Test
        void builds_the_digital_link_path_percent_encoding_reserved_characters() {
            assertThat(BatchId.of("9506000134352", "COIL-7").digitalLinkPath())
                    .isEqualTo("/01/09506000134352/10/COIL-7");
            assertThat(BatchId.of("9506000134352", "A/B%c_d.e!\"&'()").digitalLinkPath())
                    .isEqualTo("/01/09506000134352/10/A%2FB%25c_d.e%21%22%26%27%28%29");
            assertThat(BatchId.of("9506000134352", "*+,:;<=>?-9z").digitalLinkPath())
                    .isEqualTo("/01/09506000134352/10/%2A%2B%2C%3A%3B%3C%3D%3E%3F-9z");
        }

        @Test
        void round_trips_the_key_even_when_the_lot_contains_a_slash() {
            BatchId id = BatchId.of("9506000134352", "A/B");
            assertThat(id.key()).isEqualTo("09506000134352/A/B");
            assertThat(BatchId.parseKey(id.key())).isEqualTo(id);
            assertThat(id.elementString()).isEqualTo("(01)09506000134352(10)A/B");
            assertThatThrownBy(() -> BatchId.parseKey("9506000134352/A")).isInstanceOf(LedgerRuleException.class);
        }

        @Test
        void orders_by_gtin_then_lot() {
            assertThat(BatchId.of("9506000134352", "B")).isLessThan(BatchId.of("9506000134376", "A"));
            assertThat(BatchId.of("9506000134352", "A")).isLessThan(BatchId.of("9506000134352", "B"));
        }
    }

    @Nested
    class Ids {

        @Test
        void accepts_canonical_lowercase_uuids() {
            assertThat(LedgerId.parse("0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59", "recordId").value())
                    .isEqualTo("0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59");
        }

        @ParameterizedTest
        @CsvSource({
            "0B9F6C1E-2D4A-4C3B-9A7E-5F1D2C3B4A59",
            "{0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59}",
            "urn:uuid:0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59",
            "0b9f6c1e2d4a4c3b9a7e5f1d2c3b4a59",
            "0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a5",
            "0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a5g",
            "0b9f6c1e-2d4a-4c3b-9a7e_5f1d2c3b4a59",
        })
        void rejects_other_uuid_spellings(String text) {
            assertThatThrownBy(() -> LedgerId.parse(text, "transferId"))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.field()).isEqualTo("transferId");
                        assertThat(e.getMessage()).startsWith("transferId \"" + text + "\": must be a UUID");
                    });
        }

        @Test
        void validates_device_ids() {
            assertThat(DeviceId.parse("meter-12", "deviceId").value()).isEqualTo("meter-12");
            assertRefused(() -> DeviceId.parse("-meter", "deviceId"), ErrorCode.INVALID_ARGUMENT, "deviceId",
                    "deviceId \"-meter\": character \"-\" at position 1 must be a letter or digit");
            assertRefused(() -> DeviceId.parse("meter 12", "deviceId"), ErrorCode.INVALID_ARGUMENT, "deviceId",
                    "deviceId \"meter 12\": character \" \" at position 6 is not one of A-Z a-z 0-9 . _ -");
            assertThatThrownBy(() -> DeviceId.parse("m".repeat(65), "deviceId"))
                    .hasMessageEndingWith("must have 1 to 64 characters, found 65");
        }
    }
}
