package org.carbonledger.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SerdePathTest {
    @Test
    void nested_serde_path_becomes_the_json_field_path() {
        assertThat(ProblemErrorResponseProcessor.fieldOfSerdePath(
                "org.x.Input[\"records\"]->java.util.ArrayList[2]->org.x.Record[\"activity\"]->org.x.Activity[\"amount\"]"))
                .contains("records[2].activity.amount");
    }

    @Test
    void path_without_segments_names_no_field() {
        assertThat(ProblemErrorResponseProcessor.fieldOfSerdePath("org.x.Input")).isEmpty();
    }
}
