package org.carbonledger.core.ledger.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.ledger.StoredBatchIndex;
import org.carbonledger.core.ledger.StoredRole;
import org.junit.jupiter.api.Test;

/** The chaincode's answers as typed values: read strictly, written back unchanged. */
class AnswersTest {
    private static final String TX = "a".repeat(64);
    private static final String ID = "10000000-0000-4000-8000-000000000101";

    @Test
    void a_page_reads_its_items_with_a_state_model_and_writes_back_unchanged() {
        JsonObject answer = Json.parseObject("{\"items\":[{\"gtin\":\"09506000134352\",\"lot\":\"COIL-7\"}],"
                + "\"bookmark\":\"\"}", "page");
        LedgerPage page = LedgerPage.fromJson(answer, "");
        assertThat(page.isLast()).isTrue();
        assertThat(page.items(StoredBatchIndex::fromJson)).extracting(i -> i.batch().lot().value()).containsExactly("COIL-7");
        assertThat(page.toJson()).isEqualTo(answer);
    }

    @Test
    void a_page_item_that_is_not_an_object_is_refused_naming_its_index() {
        assertThatThrownBy(() -> LedgerPage.fromJson(Json.parseObject("{\"items\":[{},3],\"bookmark\":\"x\"}", "p"), "page"))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("page.items[1]");
    }

    @Test
    void the_answer_to_a_record_submission_says_how_many_and_nothing_of_which_or_how_much() {
        JsonObject answer = Json.parseObject("{\"txId\":\"" + TX + "\",\"accepted\":3}", "answer");
        RecordsAccepted accepted = RecordsAccepted.fromJson(answer, "");
        assertThat(accepted.accepted()).isEqualTo(3);
        assertThat(accepted.toJson()).isEqualTo(answer);
        assertThatThrownBy(() -> RecordsAccepted.fromJson(answer.with("records", Json.parse("[]", "r")), ""))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("records");
        assertThatThrownBy(() -> RecordsAccepted.fromJson(answer.without("accepted").with("accepted", Json.parse("0", "n")), ""))
                .isInstanceOf(LedgerRuleException.class).hasMessageContaining("accepted");
    }

    @Test
    void an_organization_answer_is_its_profile_plus_its_roles() {
        JsonObject answer = Json.parseObject("{\"mspId\":\"CertCoMSP\",\"displayName\":\"CertCoMSP\",\"public\":false,"
                + "\"website\":\"\",\"registeredAt\":\"2026-10-01T08:00:00Z\",\"updatedAt\":\"2026-10-01T08:00:00Z\","
                + "\"roles\":[\"CERTIFIER\"]}", "org");
        OrganizationAnswer org = OrganizationAnswer.fromJson(answer, "");
        assertThat(org.holds(StoredRole.CERTIFIER)).isTrue();
        assertThat(org.holds(StoredRole.PRODUCER)).isFalse();
        assertThat(org.toJson()).isEqualTo(answer);
    }
}
