package org.carbonledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {

    private static LedgerRuleException refusal(String text) {
        try {
            Json.parse(text, "doc");
        } catch (LedgerRuleException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(e.field()).isEqualTo("doc");
            return e;
        }
        throw new AssertionError("accepted " + text);
    }

    @Nested
    class Accepts {

        @Test
        void parses_every_value_type_into_an_immutable_tree() {
            JsonValue v = Json.parse(" {\"s\":\"a\\u00e9\\n\",\"n\":-0,\"f\":1.5e-3,\"t\":true,\"F\":false,"
                    + "\"z\":null,\"a\":[1,[],{}]} ");
            JsonObject o = (JsonObject) v;
            assertThat(o.names()).containsExactly("s", "n", "f", "t", "F", "z", "a");
            assertThat(o.get("s")).contains(new JsonString("aé\n"));
            assertThat(o.get("n")).contains(new JsonNumber("-0"));
            assertThat(o.get("f")).contains(new JsonNumber("1.5e-3"));
            assertThat(o.get("t")).contains(JsonBoolean.TRUE);
            assertThat(o.get("F")).contains(JsonBoolean.FALSE);
            assertThat(o.get("z")).contains(JsonNull.INSTANCE);
            assertThat(o.get("a")).contains(JsonArray.of(new JsonNumber("1"), JsonArray.of(), JsonObject.empty()));
            assertThat(o.get("missing")).isEmpty();
        }

        @Test
        void keeps_parsed_member_order_for_display_but_compares_objects_by_content() {
            JsonObject a = (JsonObject) Json.parse("{\"b\":1,\"a\":2}");
            JsonObject b = (JsonObject) Json.parse("{\"a\":2,\"b\":1}");
            assertThat(a.names()).containsExactly("b", "a");
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a.toString()).isEqualTo("{\"b\":1,\"a\":2}");
        }

        @Test
        void accepts_surrogate_pairs_escaped_and_raw() {
            assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo(new JsonString("😀"));
            assertThat(Json.parse("\"😀\"")).isEqualTo(new JsonString("😀"));
        }

        @Test
        void accepts_nesting_of_exactly_64_levels() {
            String text = "[".repeat(64) + "]".repeat(64);
            assertThat(Json.parse(text)).isInstanceOf(JsonArray.class);
        }

        @Test
        void parses_utf8_bytes() {
            assertThat(Json.parse("{\"€\":\"ö\"}".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(JsonObject.builder().put("€", "ö").build());
        }
    }

    @Nested
    class Refuses {

        @Test
        void rejects_duplicate_member_names_at_the_second_occurrence() {
            assertThat(refusal("{\"a\":1,\"a\":2}").getMessage())
                    .isEqualTo("doc: invalid JSON at offset 7: duplicate member name \"a\"");
        }

        @Test
        void rejects_duplicate_member_names_spelled_differently() {
            assertThat(refusal("{\"a\":1,\"\\u0061\":2}").getMessage()).contains("duplicate member name \"a\"");
        }

        @Test
        void rejects_trailing_garbage() {
            assertThat(refusal("{} x").getMessage())
                    .isEqualTo("doc: invalid JSON at offset 3: unexpected 'x' after the JSON value");
            refusal("1 2");
            refusal("{}}");
        }

        @Test
        void rejects_nesting_deeper_than_64_levels() {
            assertThat(refusal("[".repeat(65) + "]".repeat(65)).getMessage())
                    .contains("offset 64").contains("nesting deeper than 64 levels");
            refusal("{\"a\":".repeat(65) + "1" + "}".repeat(65));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "\"\\ud83d\"         | lone surrogate \\ud83d",
            "\"\\ude00\"         | lone surrogate \\ude00",
            "\"\\ud83d\\u0041\"  | lone surrogate \\ud83d",
            "\"\\ud83dx\"        | lone surrogate \\ud83d",
        })
        void rejects_escaped_lone_surrogates(String text, String reason) {
            assertThat(refusal(text).getMessage()).contains(reason);
        }

        @Test
        void rejects_raw_lone_surrogates() {
            assertThat(refusal("\"a\ud83d\"").getMessage()).contains("offset 2").contains("lone surrogate U+D83D");
            assertThat(refusal("\"\ude00\"").getMessage()).contains("lone surrogate U+DE00");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "01         | leading zero",
            "-01        | leading zero",
            "00         | leading zero",
            "1.         | expected a digit after '.'",
            ".5         | expected a value",
            "+1         | expected a value",
            "-          | expected a digit",
            "1e         | expected an exponent digit",
            "1e+        | expected an exponent digit",
            "NaN        | expected a value",
            "Infinity   | expected a value",
            "0x10       | after the JSON value",
        })
        void rejects_malformed_numbers(String text, String reason) {
            assertThat(refusal(text).getMessage()).contains(reason);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "''                   | unexpected end of input",
            "'   '                | unexpected end of input",
            "tru                  | expected a value",
            "nul                  | expected a value",
            "'''a'''              | expected a value",
            "{a:1}                | expected a member name",
            "'{\"a\" 1}'          | expected ':'",
            "'{\"a\":1,}'         | expected a member name",
            "'[1,]'               | expected a value",
            "'[1 2]'              | expected ',' or ']'",
            "'{\"a\":1 \"b\":2}'  | expected ',' or '}'",
            "'\"abc'              | unterminated string",
            "'\"\\x\"'            | invalid escape sequence",
            "'\"\\u12g4\"'        | invalid hex digit",
            "'\"\\u12\"'          | truncated",
            "'/* c */ 1'          | expected a value",
        })
        void rejects_malformed_documents(String text, String reason) {
            assertThat(refusal(text).getMessage()).contains(reason);
        }

        @Test
        void rejects_unescaped_control_characters_in_strings() {
            assertThat(refusal("\"a\tb\"").getMessage()).contains("unescaped control character U+0009");
            refusal("\"a\nb\"");
            refusal("\"\u0000\"");
        }

        @Test
        void rejects_whitespace_that_json_does_not_define() {
            refusal("\u00a01");
            refusal("\f1");
        }

        @Test
        void rejects_a_byte_order_mark() {
            assertThat(refusal("\ufeff{}").getMessage()).contains("offset 0").contains("U+FEFF");
        }

        @Test
        void rejects_malformed_utf8_naming_the_byte_offset() {
            byte[] bytes = {'"', 'a', (byte) 0xc3, '"'};
            assertThatThrownBy(() -> Json.parse(bytes, "doc"))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("doc: invalid JSON at byte offset 2: malformed UTF-8");
                    });
            // CESU-8 style encoded surrogate: not valid UTF-8.
            byte[] surrogate = {'"', (byte) 0xed, (byte) 0xa0, (byte) 0xbd, '"'};
            assertThatThrownBy(() -> Json.parse(surrogate)).isInstanceOf(LedgerRuleException.class);
        }

        @Test
        void rejects_a_non_object_where_an_object_is_required() {
            assertThatThrownBy(() -> Json.parseObject("[1]", "record"))
                    .hasMessage("record: expected a JSON object, found array");
        }
    }
}
