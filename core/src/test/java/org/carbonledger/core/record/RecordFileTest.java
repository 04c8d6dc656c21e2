package org.carbonledger.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordFileTest {

    static final List<String> T1 = List.of("t1-pellets-electricity", "t1-pellets-furnace-gases",
            "t1-pellets-mining-diesel");
    static final String HEADER = "recordId,gtin,lot,deviceId,periodStart,periodEnd,scope,stage,factorId,amount,unit,"
            + "gas.CO2,gas.CH4_FOSSIL,evidenceSha256\n";
    static final String GOOD = "%s,9506000134376,PEL-2026-09,kiln-1,2026-09-01T00:00:00Z,2026-09-30T23:59:59Z,2,"
            + "PRODUCTION,grid-electricity-2026,1200000,kWh,,,\n";

    static String good(int n) {
        return String.format(GOOD, String.format("10000000-0000-4000-8000-%012d", n));
    }

    static RecordFile csv(String text, SignaturePolicy policy) {
        return RecordFile.read(text.getBytes(StandardCharsets.UTF_8), RecordFormat.CSV, policy);
    }

    static RecordFile csv(String text) {
        return csv(text, SignaturePolicy.OPTIONAL);
    }

    @Nested
    class Csv {

        @Test
        void rows_become_the_record_objects_of_the_spec_member_for_member() {
            RecordFile file = RecordFile.read(Fixtures.bytes("records/files/t1-pellets.csv"), RecordFormat.CSV,
                    SignaturePolicy.OPTIONAL);
            assertThat(file.problems()).isEmpty();
            assertThat(file.rows()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonObject expected = Fixtures.object("example/unsigned/" + T1.get(i) + ".json");
                RecordRow row = file.rows().get(i);
                assertThat(row.record()).isEqualTo(expected);
                assertThat(Jcs.canonicalString(row.record())).isEqualTo(Jcs.canonicalString(expected));
                assertThat(row.position()).isEqualTo(Position.line(i + 2));
                assertThat(row.signed()).isFalse();
            }
        }

        @Test
        void a_signature_cell_signs_the_jcs_of_the_row_without_it() {
            RecordFile file = RecordFile.read(Fixtures.bytes("records/files/t1-pellets-signed.csv"), RecordFormat.CSV,
                    SignaturePolicy.REQUIRED);
            DevicePublicKey kiln = DevicePublicKey.parse(Fixtures.text("keys/steelco-pellet-kiln-1.pub.pem"));
            assertThat(file.problems()).isEmpty();
            for (int i = 0; i < 3; i++) {
                RecordRow row = file.rows().get(i);
                assertThat(row.signed()).isTrue();
                assertThat(row.record()).isEqualTo(Fixtures.object("example/" + T1.get(i) + ".json"));
                assertThat(EmissionRecord.parse(row.record()).verifySignature(kiln)).isTrue();
            }
        }

        @Test
        void every_bad_row_is_reported_with_its_line_column_and_reason() {
            String text = HEADER
                    + good(1)                                                                      // line 2
                    + good(2).replace("1200000", "-5")                                             // line 3
                    + good(3).replace("9506000134376", "9506000134377")                            // line 4
                    + good(4).replace("PRODUCTION", "")                                            // line 5
                    + good(5).replace(",2,PRODUCTION", ",two,PRODUCTION")                          // line 6
                    + good(6).replace("kWh,,,", "kWh,5,,")                                         // line 7
                    + good(7).replace("grid-electricity-2026,1200000,kWh", ",,")                   // line 8
                    + good(8).replace(",,,\n", ",,\n")                                             // line 9
                    + good(1)                                                                      // line 10
                    + good(9).replace("kiln-1", "\"kiln\n-1\"")                                    // lines 11-12
                    + good(10).replace("kWh", "kWhh")                                              // line 13
                    + good(11).replace(",,,\n", ",,,abc\n")                                        // line 14
                    + good(12).replace("2026-09-30T23:59:59Z", "2026-08-30T23:59:59Z")             // line 15
                    + good(13);                                                                    // line 16
            RecordFile file = csv(text);

            assertThat(file.valid()).isFalse();
            assertThat(file.rows()).extracting(r -> r.position().number()).containsExactly(2, 16);
            assertThat(file.problems()).extracting(p -> p.position().number(), RecordProblem::field,
                    RecordProblem::code).containsExactly(
                    tuple(3, "amount", ErrorCode.INVALID_AMOUNT),
                    tuple(4, "gtin", ErrorCode.INVALID_GTIN),
                    tuple(5, "stage", ErrorCode.INVALID_ARGUMENT),
                    tuple(6, "scope", ErrorCode.INVALID_ARGUMENT),
                    tuple(7, "gas.*", ErrorCode.INVALID_ARGUMENT),
                    tuple(8, "factorId", ErrorCode.INVALID_ARGUMENT),
                    tuple(9, "", ErrorCode.INVALID_ARGUMENT),
                    tuple(10, "recordId", ErrorCode.DUPLICATE_ID),
                    tuple(11, "deviceId", ErrorCode.INVALID_ARGUMENT),
                    tuple(13, "unit", ErrorCode.INVALID_UNIT),
                    tuple(14, "evidenceSha256", ErrorCode.INVALID_ARGUMENT),
                    tuple(15, "periodEnd", ErrorCode.INVALID_PERIOD));
            assertThat(file.problems().get(0).toString()).startsWith("line 3: amount \"-5\": ");
            assertThat(file.problems().get(2).message()).isEqualTo("stage: empty cell (required)");
            assertThat(file.problems().get(3).message()).isEqualTo("scope \"two\": scope must be 1, 2 or 3");
            assertThat(file.problems().get(6).message()).isEqualTo("the row has 13 cells but the header names 14 columns");
            assertThat(file.problems().get(7).message())
                    .isEqualTo("recordId \"10000000-0000-4000-8000-000000000001\": already used by the record at line 2");
            assertThat(file.problems().get(9).message()).startsWith("unit \"kWhh\": ");
        }

        @Test
        void a_gas_row_lists_only_the_gases_it_fills() {
            String text = HEADER + "10000000-0000-4000-8000-000000000001,9506000134376,PEL-2026-09,kiln-1,"
                    + "2026-09-01T00:00:00Z,2026-09-30T23:59:59Z,1,PRODUCTION,,,,18000,,\n";
            RecordFile file = csv(text);
            assertThat(file.problems()).isEmpty();
            assertThat(Jcs.canonicalString(file.rows().get(0).record())).isEqualTo(
                    "{\"deviceId\":\"kiln-1\",\"gases\":{\"CO2\":\"18000\"},\"gtin\":\"9506000134376\","
                            + "\"lot\":\"PEL-2026-09\",\"periodEnd\":\"2026-09-30T23:59:59Z\","
                            + "\"periodStart\":\"2026-09-01T00:00:00Z\","
                            + "\"recordId\":\"10000000-0000-4000-8000-000000000001\",\"scope\":1,"
                            + "\"stage\":\"PRODUCTION\"}");
        }

        @Test
        void crlf_line_ends_a_byte_order_mark_blank_lines_and_quoted_cells_are_read() {
            String text = "\uFEFF" + (HEADER + good(1) + "\n" + good(2).replace("kiln-1", "\"kiln-1\""))
                    .replace("\n", "\r\n");
            RecordFile file = csv(text);
            assertThat(file.problems()).isEmpty();
            assertThat(file.rows()).extracting(r -> r.position().number()).containsExactly(2, 4);
            assertThat(file.rows().get(1).record().get("deviceId").orElseThrow().toString()).isEqualTo("\"kiln-1\"");
        }

        @Test
        void csv_syntax_errors_cost_only_their_row() {
            String text = HEADER + good(1).replace("kiln-1", "ki\"ln-1") + good(2).replace("kiln-1", "\"kiln\"-1")
                    + good(3);
            RecordFile file = csv(text);
            assertThat(file.rows()).extracting(r -> r.position().number()).containsExactly(4);
            assertThat(file.problems()).extracting(RecordProblem::toString).containsExactly(
                    "line 2: invalid CSV: a quote inside an unquoted cell (quote the whole cell and double the quote)",
                    "line 3: invalid CSV: text after the closing quote of a cell");
        }

        @Test
        void an_unclosed_quote_is_reported_at_the_line_it_opens() {
            RecordFile file = csv(HEADER + good(1) + good(2).replace("kiln-1", "\"kiln-1") + good(3));
            assertThat(file.rows()).extracting(r -> r.position().number()).containsExactly(2);
            assertThat(file.problems()).extracting(RecordProblem::toString)
                    .containsExactly("line 3: invalid CSV: the quoted cell opened on line 3 is never closed");
        }

        @Test
        void header_problems_refuse_the_file_naming_the_column() {
            assertThat(csv(HEADER.replace("gas.CO2", "gas.CO3") + good(1)).problems()).singleElement()
                    .satisfies(p -> {
                        assertThat(p.position()).isEqualTo(Position.line(1));
                        assertThat(p.field()).isEqualTo("gas.CO3");
                        assertThat(p.message()).startsWith("header: gas.CO3 \"CO3\": unknown gas; use one of CO2, ");
                    });
            assertThat(csv(HEADER.replace("evidenceSha256", "evidence") + good(1)).problems().get(0).message())
                    .startsWith("header: evidence \"evidence\": unknown column (allowed: recordId, gtin, ");
            assertThat(csv(HEADER.replace("lot,", "") + good(1)).problems().get(0).message())
                    .startsWith("header: lot: missing column (required: ");
            assertThat(csv(HEADER.replace("unit,", "") + good(1)).problems().get(0).message())
                    .isEqualTo("header: unit: missing column: activity records need factorId, amount and unit");
            assertThat(csv(HEADER.replace("gtin,", "gtin,gtin,") + good(1)).problems().get(0).message())
                    .isEqualTo("header: gtin \"gtin\": column appears twice in the header");
            assertThat(csv("").problems()).extracting(RecordProblem::toString)
                    .containsExactly("line 1: the first line must be the header row naming the columns");
        }

        @Test
        void required_signatures_refuse_unsigned_rows_and_malformed_signatures() {
            String text = HEADER.replace("\n", ",signature\n")
                    + good(1).replace("\n", ",\n")
                    + good(2).replace("\n", ",bm90IGEgc2lnbmF0dXJl\n");
            RecordFile file = csv(text, SignaturePolicy.REQUIRED);
            assertThat(file.rows()).isEmpty();
            assertThat(file.problems()).extracting(RecordProblem::toString).containsExactly(
                    "line 2: signature: empty cell: every row must be signed by its device",
                    "line 3: " + file.problems().get(1).message());
            assertThat(file.problems()).extracting(RecordProblem::code)
                    .containsOnly(ErrorCode.INVALID_SIGNATURE);
            assertThat(csv(text, SignaturePolicy.OPTIONAL).rows()).extracting(r -> r.position().number())
                    .containsExactly(2);
        }

        @Test
        void malformed_utf8_is_one_problem_for_the_file_naming_the_byte_offset() {
            byte[] bytes = (HEADER + good(1)).getBytes(StandardCharsets.UTF_8);
            bytes[HEADER.length() + 5] = (byte) 0xC3;
            RecordFile file = RecordFile.read(bytes, RecordFormat.CSV, SignaturePolicy.OPTIONAL);
            assertThat(file.problems()).extracting(RecordProblem::toString)
                    .containsExactly("file: the file is not valid UTF-8 text: malformed byte sequence at byte offset "
                            + (HEADER.length() + 5));
        }
    }

    @Nested
    class JsonArrays {

        @Test
        void elements_are_validated_and_reported_by_index() {
            JsonObject a = Fixtures.object("example/t1-pellets-electricity.json");
            JsonObject b = Fixtures.object("example/unsigned/t1-pellets-furnace-gases.json");
            String bad = Jcs.canonicalString(b.without("recordId").with("recordId",
                    org.carbonledger.core.json.JsonString.of("not-a-uuid")));
            String text = "[" + Jcs.canonicalString(a) + ",\n" + Jcs.canonicalString(b) + "," + bad + ",42,"
                    + Jcs.canonicalString(a) + "]";
            RecordFile file = RecordFile.read(text.getBytes(StandardCharsets.UTF_8), RecordFormat.JSON,
                    SignaturePolicy.OPTIONAL);
            assertThat(file.rows()).extracting(RecordRow::position).containsExactly(Position.index(0), Position.index(1));
            assertThat(file.rows().get(0).record()).isEqualTo(a);
            assertThat(file.problems()).extracting(p -> p.position().number(), RecordProblem::field)
                    .containsExactly(tuple(2, "recordId"), tuple(3, ""), tuple(4, "recordId"));
            assertThat(file.problems().get(1).toString()).isEqualTo("record [3]: expected a record object, found number");
            assertThat(file.problems().get(2).code()).isEqualTo(ErrorCode.DUPLICATE_ID);
            assertThat(file.problems().get(2).message()).endsWith("already used by the record at record [0]");
        }

        @Test
        void a_file_that_is_not_a_json_array_is_one_problem() {
            assertThat(RecordFile.readJson("{\"a\":1}", SignaturePolicy.OPTIONAL).problems())
                    .extracting(RecordProblem::toString)
                    .containsExactly("file: file: expected a JSON array of record objects, found object");
            RecordProblem broken = RecordFile.readJson("[{\"a\":", SignaturePolicy.OPTIONAL).problems().get(0);
            assertThat(broken.position()).isEqualTo(Position.file());
            assertThat(broken.message()).contains("invalid JSON");
        }

        @Test
        void required_signatures_name_the_missing_member() {
            String text = "[" + Fixtures.text("example/unsigned/t1-pellets-furnace-gases.json") + "]";
            assertThat(RecordFile.readJson(text, SignaturePolicy.REQUIRED).problems())
                    .extracting(RecordProblem::toString)
                    .containsExactly("record [0]: signature: missing member: every record must be signed by its device");
        }
    }

    @Test
    void records_written_as_csv_read_back_as_the_same_objects_so_signatures_stay_valid() {
        List<JsonObject> signed = new java.util.ArrayList<>();
        for (String name : T1) {
            signed.add(Fixtures.object("example/" + name + ".json"));
        }
        JsonObject quoted = Fixtures.object("example/unsigned/t1-pellets-mining-diesel.json").without("lot")
                .with("lot", org.carbonledger.core.json.JsonString.of("A,\"B\""));
        String csv = RecordCsv.write(signed);
        assertThat(csv).startsWith("recordId,gtin,lot,deviceId,periodStart,periodEnd,scope,stage,factorId,amount,unit,"
                + "gas.CO2,gas.CO2_BIOGENIC,gas.CH4_FOSSIL,gas.CH4_NON_FOSSIL,gas.N2O,evidenceSha256,signature\n");
        assertThat(csv(csv).rows()).extracting(RecordRow::record).containsExactlyElementsOf(signed);
        assertThat(RecordCsv.write(List.of(quoted))).contains(",\"A,\"\"B\"\"\",");
        // GS1 character set 82 has both the comma and the quote: such a lot must survive the round trip.
        assertThat(RecordFile.readCsv(RecordCsv.write(List.of(quoted)), SignaturePolicy.OPTIONAL).rows())
                .extracting(RecordRow::record).containsExactly(quoted);
    }

    @Test
    void problems_serialize_for_an_api_response() {
        RecordProblem p = new RecordProblem(Position.line(7), "amount", ErrorCode.INVALID_AMOUNT, "amount \"-5\": x");
        assertThat(Jcs.canonicalString(p.toJson())).isEqualTo(
                "{\"code\":\"INVALID_AMOUNT\",\"field\":\"amount\",\"kind\":\"line\",\"message\":\"amount \\\"-5\\\": x\","
                        + "\"position\":7}");
    }

    @Test
    void formats_are_recognised_by_file_name_and_content_type() {
        assertThat(RecordFormat.forFileName("October.CSV")).contains(RecordFormat.CSV);
        assertThat(RecordFormat.forFileName("a.json")).contains(RecordFormat.JSON);
        assertThat(RecordFormat.forFileName("a.txt")).isEmpty();
        assertThat(RecordFormat.forContentType("text/csv; charset=utf-8")).contains(RecordFormat.CSV);
        assertThat(RecordFormat.forContentType("application/json")).contains(RecordFormat.JSON);
        assertThat(RecordFormat.forContentType("text/plain")).isEmpty();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
