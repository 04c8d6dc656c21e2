package org.carbonledger.bench.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The strictness half of the comparison docs/architecture.md records ("Why core has its own JSON"): what core,
 * Jackson (configured as strictly as it goes) and the RFC author's canonicalizer do with inputs where a ledger
 * cannot afford to guess. If a library changes its behaviour, this fails and the recorded decision must be
 * looked at again.
 */
class JsonLibraryComparisonTest {
    private final JacksonJcs jackson = new JacksonJcs();

    private static String erdtman(String text) throws IOException {
        return new JsonCanonicalizer(text).getEncodedString();
    }

    private static String core(String text) {
        return Jcs.canonicalString(Json.parse(text));
    }

    @Test
    void all_three_give_the_same_bytes_for_signed_records_alone_and_in_bulk() throws IOException {
        JsonLibraryBenchmark.Inputs inputs = JsonLibraryBenchmark.Inputs.create(50);
        for (String text : new String[] {inputs.record(), inputs.bulk()}) {
            byte[] expected = Jcs.canonicalize(Json.parse(text));
            assertThat(jackson.canonicalize(text)).isEqualTo(expected);
            assertThat(new JsonCanonicalizer(text).getEncodedUTF8()).isEqualTo(expected);
        }
        assertThat(inputs.record()).isNotEqualTo(core(inputs.record())); // the input is not already canonical
    }

    @Nested
    class Where_all_three_refuse {

        @Test
        void duplicate_member_names() {
            String text = "{\"a\":1,\"a\":2}";
            assertThatThrownBy(() -> core(text)).isInstanceOf(LedgerRuleException.class);
            assertThatThrownBy(() -> jackson.canonicalize(text)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> erdtman(text)).isInstanceOf(IOException.class).hasMessageContaining("Duplicate");
        }

        @Test
        void content_after_the_value() {
            String text = "{\"a\":1} {}";
            assertThatThrownBy(() -> core(text)).isInstanceOf(LedgerRuleException.class);
            assertThatThrownBy(() -> jackson.canonicalize(text)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> erdtman(text)).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Where_they_differ {

        @Test
        void a_lone_surrogate_is_refused_by_core_only_and_becomes_a_question_mark_in_the_others_bytes() throws IOException {
            String text = "{\"a\":\"\\ud800\"}";
            assertThatThrownBy(() -> core(text)).isInstanceOf(LedgerRuleException.class);
            assertThat(jackson.parse(text).get("a").textValue()).isEqualTo("\ud800");
            // Both then hand the lone surrogate to the UTF-8 encoder, which writes "?" in its place: the canonical
            // bytes no longer say what the text said, and nothing failed.
            byte[] questionMark = "{\"a\":\"?\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(jackson.canonicalize(text)).isEqualTo(questionMark);
            assertThat(new JsonCanonicalizer(text).getEncodedUTF8()).isEqualTo(questionMark);
        }

        @Test
        void a_leading_zero_is_refused_by_core_and_jackson_and_read_as_one_by_the_canonicalizer() throws IOException {
            String text = "{\"a\":01}";
            assertThatThrownBy(() -> core(text)).isInstanceOf(LedgerRuleException.class);
            assertThatThrownBy(() -> jackson.parse(text)).isInstanceOf(IOException.class);
            assertThat(erdtman(text)).isEqualTo("{\"a\":1}");
        }

        @Test
        void an_integer_beyond_2_to_the_53_is_refused_by_core_and_silently_changed_by_the_canonicalizer()
                throws IOException {
            String text = "{\"a\":9007199254740993}";
            assertThatThrownBy(() -> core(text)).isInstanceOf(LedgerRuleException.class);
            assertThatThrownBy(() -> jackson.canonicalize(text)).isInstanceOf(IllegalArgumentException.class);
            assertThat(erdtman(text)).isEqualTo("{\"a\":9007199254740992}");
        }

        @Test
        void decimals_keep_their_exact_text_in_core_and_jackson_and_become_doubles_in_the_canonicalizer()
                throws IOException {
            String text = "{\"a\":12345678901234567890.10}";
            JsonObject parsed = (JsonObject) Json.parse(text);
            assertThat(((JsonNumber) parsed.get("a").orElseThrow()).text()).isEqualTo("12345678901234567890.10");
            assertThatThrownBy(() -> Jcs.canonicalize(parsed)).isInstanceOf(LedgerRuleException.class);
            assertThat(jackson.parse(text).get("a").decimalValue()).isEqualTo(new BigDecimal("12345678901234567890.10"));
            assertThat(erdtman(text)).isEqualTo("{\"a\":12345678901234567000}");
            assertThat(erdtman("{\"a\":1.10}")).isEqualTo("{\"a\":1.1}");
        }

        @Test
        void deep_nesting_is_refused_by_core_and_jackson_and_overflows_the_canonicalizers_stack() {
            String text = "[".repeat(100_000) + "]".repeat(100_000);
            assertThatThrownBy(() -> core(text)).isInstanceOf(LedgerRuleException.class);
            assertThatThrownBy(() -> jackson.parse(text)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> erdtman(text)).isInstanceOf(StackOverflowError.class);
        }
    }
}
