package org.carbonledger.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void a_refused_bulk_element_keeps_code_field_message_and_names_the_element() {
        LedgerRuleException inner = LedgerRuleException.of(ErrorCode.INVALID_AMOUNT, "activity.amount", "-1",
                "must not be negative");

        Refusal refusal = Refusal.of(inner.atItem("records", 7, Optional.of("rec-7")));

        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
        assertThat(refusal.field()).isEqualTo("records[7].activity.amount");
        assertThat(refusal.message()).isEqualTo("records[7]: activity.amount \"-1\": must not be negative");
        assertThat(refusal.item()).contains(new Refusal.Item(7, Optional.of("rec-7")));
    }

    @Test
    void a_refusal_about_no_field_gets_the_element_as_its_field() {
        LedgerRuleException inner = new LedgerRuleException(ErrorCode.BATCH_SEALED, "", "batch is sealed");

        assertThat(inner.atItem("records", 0, Optional.empty()).field()).isEqualTo("records[0]");
    }

    @Test
    void survives_its_json_form_unchanged() {
        Refusal refusal = new Refusal(ErrorCode.DUPLICATE_ID, "records[2].recordId", "records[2]: recordId \"x\": used",
                Optional.of(new Refusal.Item(2, Optional.of("x"))));

        assertThat(Refusal.fromJson(refusal.toJsonText())).isEqualTo(refusal);
        assertThat(refusal.toJsonText()).isEqualTo("{\"code\":\"DUPLICATE_ID\",\"field\":\"records[2].recordId\","
                + "\"item\":{\"id\":\"x\",\"index\":2},\"message\":\"records[2]: recordId \\\"x\\\": used\"}");
    }

    @Test
    void refuses_an_unknown_code_or_member_rather_than_guessing() {
        assertThatThrownBy(() -> Refusal.fromJson("{\"code\":\"NOPE\",\"field\":\"\",\"message\":\"m\"}"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("code \"NOPE\"");
        assertThatThrownBy(() -> Refusal.fromJson("{\"code\":\"NOT_FOUND\",\"field\":\"\",\"message\":\"m\",\"x\":1}"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("x");
    }
}
