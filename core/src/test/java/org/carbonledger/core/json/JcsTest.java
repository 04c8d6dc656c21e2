package org.carbonledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcsTest {

    @Nested
    class Rfc8785Samples {

        @Test
        void sorts_members_by_utf16_code_units_as_in_rfc8785_section_3_2_3() {
            JsonValue input = Json.parse(Fixtures.bytes("jcs/rfc8785-sorting.json"));
            assertThat(Jcs.canonicalize(input)).isEqualTo(Fixtures.bytes("jcs/rfc8785-sorting.canonical.json"));
            assertThat(((JsonObject) Json.parse(Jcs.canonicalize(input))).names())
                    .containsExactly("\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33");
        }

        @Test
        void escapes_strings_as_in_rfc8785_section_3_2_2_2() {
            JsonValue input = Json.parse(Fixtures.bytes("jcs/rfc8785-strings.json"));
            assertThat(Jcs.canonicalString(input))
                    .isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
            assertThat(Jcs.canonicalize(input)).isEqualTo(Fixtures.bytes("jcs/rfc8785-strings.canonical.json"));
        }

        @Test
        void refuses_the_rfc8785_sample_numbers_naming_the_first_one() {
            JsonValue input = Json.parse(Fixtures.bytes("jcs/rfc8785-numbers.json"));
            assertThatThrownBy(() -> Jcs.canonicalize(input))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.field()).isEqualTo("numbers[0]");
                        assertThat(e.getMessage()).startsWith("numbers[0] \"333333333.33333329\": ");
                    });
        }
    }

    /** The test vectors published with RFC 8785's reference implementations, input and expected output as files. */
    @Nested
    class Rfc8785TestVectors {

        @ParameterizedTest
        @CsvSource({"arrays", "french", "unicode", "weird"})
        void canonicalizes_each_vector_to_its_published_bytes(String vector) {
            JsonValue input = Json.parse(Fixtures.bytes("jcs/" + vector + ".json"));
            assertThat(new String(Jcs.canonicalize(input), StandardCharsets.UTF_8))
                    .isEqualTo(new String(Fixtures.bytes("jcs/" + vector + ".canonical.json"), StandardCharsets.UTF_8));
        }

        @Test
        void refuses_the_structures_vector_at_its_one_fraction_which_the_ledger_would_carry_as_a_string() {
            JsonValue input = Json.parse(Fixtures.bytes("jcs/structures.json"));
            assertThatThrownBy(() -> Jcs.canonicalize(input))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.field()).isEqualTo("1.\n");
                    });
            // With that one number written as the integer it denotes, the output is the published one.
            JsonValue integral = Json.parse(new String(Fixtures.bytes("jcs/structures.json"), StandardCharsets.UTF_8)
                    .replace("56.0", "56"));
            assertThat(Jcs.canonicalize(integral)).isEqualTo(Fixtures.bytes("jcs/structures.canonical.json"));
        }
    }

    @Nested
    class Strings {

        @Test
        void escapes_every_control_character_with_lowercase_hex_except_the_short_forms() {
            StringBuilder raw = new StringBuilder();
            for (char c = 0; c < 0x20; c++) {
                raw.append(c);
            }
            assertThat(Jcs.canonicalString(JsonString.of(raw.toString()))).isEqualTo("\""
                    + "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                    + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c"
                    + "\\u001d\\u001e\\u001f\"");
        }

        @Test
        void writes_slash_delete_and_non_ascii_literally_as_utf8() {
            byte[] out = Jcs.canonicalize(JsonString.of("/\u007f\u00e9\u20ac\ud83d\ude00"));
            assertThat(out).isEqualTo("\"/\u007f\u00e9\u20ac\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void refuses_to_hold_a_lone_surrogate() {
            assertThatThrownBy(() -> JsonString.of("a\ud800"))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
            assertThatThrownBy(() -> JsonObject.builder().put("\udc00", 1L)).isInstanceOf(LedgerRuleException.class);
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @CsvSource({
            "0, 0",
            "-0, 0",
            "7, 7",
            "-42, -42",
            "9007199254740991, 9007199254740991",
            "-9007199254740991, -9007199254740991",
        })
        void writes_safe_integers_plainly(String literal, String canonical) {
            assertThat(Jcs.canonicalString(Json.parse(literal))).isEqualTo(canonical);
        }

        @ParameterizedTest
        @CsvSource({"1.0", "1.5", "1e3", "1E3", "0.0", "-0.5", "9007199254740992", "-9007199254740992",
            "123456789012345678901234567890"})
        void refuses_fractions_exponents_and_unsafe_integers_naming_the_member(String literal) {
            JsonValue doc = Json.parse("{\"outer\":{\"list\":[1," + literal + "]}}");
            assertThatThrownBy(() -> Jcs.canonicalize(doc))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.field()).isEqualTo("outer.list[1]");
                        assertThat(e.getMessage()).contains(literal);
                    });
        }
    }

    @Nested
    class Builder {

        @Test
        void builds_objects_whose_canonical_form_is_sorted_and_compact() {
            JsonObject inner = JsonObject.builder().put("z", true).putNull("a").build();
            JsonObject o = JsonObject.builder().put("b", "x").put("n", 3L).put("o", inner)
                    .put("arr", JsonArray.of(JsonString.of("q"), JsonNumber.of(-1))).build();
            assertThat(Jcs.canonicalString(o))
                    .isEqualTo("{\"arr\":[\"q\",-1],\"b\":\"x\",\"n\":3,\"o\":{\"a\":null,\"z\":true}}");
            assertThat(o.toString()).isEqualTo("{\"b\":\"x\",\"n\":3,\"o\":{\"z\":true,\"a\":null},\"arr\":[\"q\",-1]}");
        }

        @Test
        void refuses_duplicate_member_names() {
            JsonObject.Builder b = JsonObject.builder().put("a", 1L);
            assertThatThrownBy(() -> b.put("a", 2L))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.field()).isEqualTo("a");
                    });
        }

        @Test
        void copies_with_and_without_members() {
            JsonObject o = JsonObject.builder().put("a", 1L).put("b", 2L).build();
            assertThat(o.without("a").names()).containsExactly("b");
            assertThat(o.without("zz")).isSameAs(o);
            assertThat(o.with("c", JsonNull.INSTANCE).names()).containsExactly("a", "b", "c");
            assertThatThrownBy(() -> o.with("a", JsonNull.INSTANCE)).isInstanceOf(LedgerRuleException.class);
        }
    }

    @Property
    void canonicalization_is_idempotent_and_round_trips(@ForAll("json") JsonValue value) {
        byte[] once = Jcs.canonicalize(value);
        JsonValue reparsed = Json.parse(once);
        assertThat(reparsed).isEqualTo(value);
        assertThat(Jcs.canonicalize(reparsed)).isEqualTo(once);
        // Compact display output parses back to the same value too.
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Provide
    Arbitrary<JsonValue> json() {
        return value(3);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(8).filter(s -> JsonString.firstLoneSurrogate(s) < 0);
    }

    private static Arbitrary<JsonValue> value(int depth) {
        List<Arbitrary<? extends JsonValue>> choices = new ArrayList<>();
        choices.add(text().map(JsonString::of));
        choices.add(Arbitraries.longs().between(-JsonNumber.MAX_SAFE_INTEGER, JsonNumber.MAX_SAFE_INTEGER)
                .map(JsonNumber::of));
        choices.add(Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
        if (depth > 0) {
            Arbitrary<JsonValue> child = value(depth - 1);
            choices.add(child.list().ofMaxSize(4).map(JsonArray::of));
            choices.add(Arbitraries.maps(text(), child).ofMaxSize(4).map(JcsTest::object));
        }
        return Arbitraries.oneOf(choices);
    }

    private static JsonObject object(Map<String, JsonValue> members) {
        JsonObject.Builder b = JsonObject.builder();
        members.forEach(b::put);
        return b.build();
    }
}
