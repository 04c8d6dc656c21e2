package org.carbonledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordCsvTest {
    private static final JsonObject UNSIGNED = Fixtures.object("example/unsigned/t1-pellets-mining-diesel.json");

    private static JsonObject withLot(String lot) {
        return UNSIGNED.without("lot").with("lot", JsonString.of(lot));
    }

    private static JsonObject readBack(String csv) {
        RecordFile file = RecordFile.read(csv.getBytes(StandardCharsets.UTF_8), RecordFormat.CSV,
                SignaturePolicy.OPTIONAL);
        assertThat(file.problems()).isEmpty();
        return file.rows().get(0).record();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"x\")"})
    void a_spreadsheet_copy_prefixes_a_formula_like_cell_with_a_quote_and_quotes_the_cell(String lot) {
        String csv = RecordCsv.write(List.of(withLot(lot)), RecordCsv.Audience.SPREADSHEET);

        assertThat(csv).contains(",\"'" + lot.replace("\"", "\"\"") + "\",");
    }

    @Test
    void a_spreadsheet_copy_leaves_ordinary_cells_as_they_are() {
        JsonObject record = withLot("COIL-7");

        assertThat(RecordCsv.write(List.of(record), RecordCsv.Audience.SPREADSHEET))
                .isEqualTo(RecordCsv.write(List.of(record)));
    }

    @Test
    void a_file_for_import_keeps_a_formula_like_lot_exactly_as_signed() {
        JsonObject record = withLot("=1+2");

        String csv = RecordCsv.write(List.of(record));

        assertThat(csv).contains(",=1+2,");
        assertThat(readBack(csv)).isEqualTo(record);
    }

    @Test
    void the_escape_is_not_undone_on_reading_because_a_lot_may_itself_start_with_a_quote() {
        // "'=1+2" is a valid lot of its own in GS1 character set 82; reading it back must not turn it into "=1+2".
        JsonObject quoteLot = withLot("'=1+2");

        assertThat(readBack(RecordCsv.write(List.of(quoteLot)))).isEqualTo(quoteLot);
        assertThat(readBack(RecordCsv.write(List.of(withLot("=1+2")), RecordCsv.Audience.SPREADSHEET)))
                .isEqualTo(quoteLot);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "+", "-", "@", "\t", "\r"})
    void cells_starting_with_the_owasp_characters_look_like_formulas(String first) {
        assertThat(RecordCsv.looksLikeFormula(first + "1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1=2", "COIL-7", "'=1"})
    void other_cells_do_not(String cell) {
        assertThat(RecordCsv.looksLikeFormula(cell)).isFalse();
    }
}
