package org.carbonledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.junit.jupiter.api.Test;

class BodiesTest {
    @Test
    void text_keeps_valid_utf8_including_a_literal_replacement_character() {
        assertThat(Bodies.text("Zürich \uFFFD €".getBytes(StandardCharsets.UTF_8), "event")).isEqualTo("Zürich \uFFFD €");
    }

    @Test
    void text_refuses_malformed_utf8_naming_the_field_and_the_offset_of_the_first_bad_byte() {
        byte[] body = {'a', 'b', (byte) 0xE2, (byte) 0x82, 'c'};

        LedgerRuleException e = catchThrowableOfType(LedgerRuleException.class, () -> Bodies.text(body, "event"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.field()).isEqualTo("event");
        assertThat(e.getMessage()).isEqualTo("event: is not valid UTF-8: malformed byte sequence at byte offset 2");
    }

    @Test
    void text_refuses_a_sequence_cut_off_at_the_end() {
        byte[] body = {'{', (byte) 0xC3};

        assertThat(catchThrowableOfType(LedgerRuleException.class, () -> Bodies.text(body, "body")).getMessage())
                .endsWith("byte offset 1");
    }

    @Test
    void object_refuses_an_empty_or_whitespace_body_before_parsing() {
        for (byte[] body : new byte[][] {null, {}, {' ', '\r', '\n', '\t'}}) {
            LedgerRuleException e = catchThrowableOfType(LedgerRuleException.class, () -> Bodies.object(body));
            assertThat(e.getMessage()).isEqualTo("body: a JSON object is required");
        }
    }

    @Test
    void object_reads_a_json_object_from_bytes() {
        assertThat(Bodies.string(Bodies.object("{\"name\":\"Coil\"}".getBytes(StandardCharsets.UTF_8)), "name"))
                .isEqualTo("Coil");
    }
}
