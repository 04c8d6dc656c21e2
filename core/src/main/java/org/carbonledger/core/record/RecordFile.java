package org.carbonledger.core.record;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;

/**
 * A file of emission records (CSV or a JSON array), read and validated in full: every valid row as the record
 * object docs/accounting.md §4 shows, and every invalid row with its position, field and reason. Reading never
 * stops at the first bad row, so a user can fix a file in one go.
 *
 * <pre>{@code
 * RecordFile file = RecordFile.read(Files.readAllBytes(path), RecordFormat.CSV, SignaturePolicy.OPTIONAL);
 * if (!file.valid()) {
 *     file.problems().forEach(p -> System.err.println(p));   // line 7: amount "-5": must not be negative
 * }
 * for (RecordRow row : file.rows()) {
 *     JsonObject record = row.record();                      // sign it, or submit it if row.signed()
 * }
 * }</pre>
 *
 * <p>Each row is validated with {@link EmissionRecord#validate(JsonObject)} (signed rows: {@link
 * EmissionRecord#parse(JsonObject)}), the same code the chaincode runs, so a row that passes here fails on the
 * ledger only for reasons that need the ledger (unknown device or factor, wrong key, batch sealed or not owned, an
 * id used before). Within the file, a record id used twice is refused on its second use. The CSV format is
 * described in {@code docs/record-files.md}.
 */
public final class RecordFile {

    private final RecordFormat format;
    private final List<RecordRow> rows;
    private final List<RecordProblem> problems;

    private RecordFile(RecordFormat format, List<RecordRow> rows, List<RecordProblem> problems) {
        this.format = format;
        this.rows = List.copyOf(rows);
        List<RecordProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(RecordProblem::position));
        this.problems = List.copyOf(sorted);
    }

    /**
     * @param content the file's bytes, UTF-8 (a leading byte-order mark is ignored)
     * @param format CSV or JSON
     * @param signatures whether every row must be signed already
     * @return the valid rows and the problems
     */
    public static RecordFile read(byte[] content, RecordFormat format, SignaturePolicy signatures) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(signatures, "signatures");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // The offset lets the sender find the bad byte with any hex viewer; a line number would need decoding.
            return new RecordFile(format, List.of(), List.of(new RecordProblem(Position.file(), "",
                    ErrorCode.INVALID_ARGUMENT, "the file is not valid UTF-8 text: malformed byte sequence at byte offset "
                            + in.position())));
        }
        String text = out.flip().toString();
        if (text.startsWith("\uFEFF")) {
            // Spreadsheet programs write a byte-order mark in front of UTF-8 CSV.
            text = text.substring(1);
        }
        return format == RecordFormat.CSV ? readCsv(text, signatures) : readJson(text, signatures);
    }

    /**
     * @param text CSV text with a header row
     * @param signatures whether every row must be signed already
     * @return the valid rows and the problems
     */
    public static RecordFile readCsv(String text, SignaturePolicy signatures) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signatures, "signatures");
        CsvParser.Result csv = CsvParser.parse(text);
        List<RecordProblem> problems = new ArrayList<>(csv.problems());
        List<CsvParser.Row> lines = csv.rows().stream().filter(r -> !r.blank()).toList();
        if (lines.isEmpty() || lines.get(0).line() != 1) {
            if (problems.stream().noneMatch(p -> p.position().number() == 1)) {
                problems.add(new RecordProblem(Position.line(1), "header", ErrorCode.INVALID_ARGUMENT,
                        "the first line must be the header row naming the columns"));
            }
            return new RecordFile(RecordFormat.CSV, List.of(), problems);
        }
        CsvColumns columns;
        try {
            columns = CsvColumns.of(lines.get(0).cells());
        } catch (LedgerRuleException e) {
            problems.add(new RecordProblem(Position.line(1), e.field(), e.code(), "header: " + e.getMessage()));
            return new RecordFile(RecordFormat.CSV, List.of(), problems);
        }
        Validator validator = new Validator(RecordFormat.CSV, signatures, problems);
        for (CsvParser.Row line : lines.subList(1, lines.size())) {
            Position position = Position.line(line.line());
            if (line.cells().size() != columns.size()) {
                problems.add(new RecordProblem(position, "", ErrorCode.INVALID_ARGUMENT, "the row has "
                        + line.cells().size() + " cells but the header names " + columns.size() + " columns"));
                continue;
            }
            JsonObject record;
            try {
                record = columns.toRecord(line.cells());
            } catch (LedgerRuleException e) {
                problems.add(new RecordProblem(position, e.field(), e.code(), e.getMessage()));
                continue;
            }
            validator.accept(position, record);
        }
        return new RecordFile(RecordFormat.CSV, validator.rows, problems);
    }

    /**
     * @param text a JSON array of record objects
     * @param signatures whether every row must be signed already
     * @return the valid rows and the problems
     */
    public static RecordFile readJson(String text, SignaturePolicy signatures) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signatures, "signatures");
        List<RecordProblem> problems = new ArrayList<>();
        JsonValue parsed;
        try {
            parsed = Json.parse(text, "file");
        } catch (LedgerRuleException e) {
            problems.add(new RecordProblem(Position.file(), "", e.code(), e.getMessage()));
            return new RecordFile(RecordFormat.JSON, List.of(), problems);
        }
        if (!(parsed instanceof JsonArray array)) {
            problems.add(new RecordProblem(Position.file(), "", ErrorCode.INVALID_ARGUMENT,
                    "file: expected a JSON array of record objects, found " + parsed.typeName()));
            return new RecordFile(RecordFormat.JSON, List.of(), problems);
        }
        Validator validator = new Validator(RecordFormat.JSON, signatures, problems);
        for (int i = 0; i < array.size(); i++) {
            Position position = Position.index(i);
            if (array.get(i) instanceof JsonObject record) {
                validator.accept(position, record);
            } else {
                problems.add(new RecordProblem(position, "", ErrorCode.INVALID_ARGUMENT,
                        "expected a record object, found " + array.get(i).typeName()));
            }
        }
        return new RecordFile(RecordFormat.JSON, validator.rows, problems);
    }

    /** Validates rows one by one, collecting the valid ones and a problem for each other. */
    private static final class Validator {
        private final RecordFormat format;
        private final SignaturePolicy signatures;
        private final List<RecordProblem> problems;
        private final List<RecordRow> rows = new ArrayList<>();
        private final Map<String, Position> ids = new HashMap<>();

        Validator(RecordFormat format, SignaturePolicy signatures, List<RecordProblem> problems) {
            this.format = format;
            this.signatures = signatures;
            this.problems = problems;
        }

        void accept(Position position, JsonObject record) {
            try {
                if (record.has("signature")) {
                    EmissionRecord.parse(record);
                } else if (signatures == SignaturePolicy.REQUIRED) {
                    EmissionRecord.validate(record);
                    throw LedgerRuleException.ofField(ErrorCode.INVALID_SIGNATURE, "signature",
                            format == RecordFormat.CSV ? "empty cell: every row must be signed by its device"
                                    : "missing member: every record must be signed by its device");
                } else {
                    EmissionRecord.validate(record);
                }
            } catch (LedgerRuleException e) {
                problems.add(problem(position, e));
                return;
            }
            RecordRow row = new RecordRow(position, record);
            Position first = ids.putIfAbsent(row.recordId(), position);
            if (first != null) {
                String field = "recordId";
                problems.add(new RecordProblem(position, field, ErrorCode.DUPLICATE_ID,
                        LedgerRuleException.of(ErrorCode.DUPLICATE_ID, field, row.recordId(),
                                "already used by the record at " + first).getMessage()));
                return;
            }
            rows.add(row);
        }

        private RecordProblem problem(Position position, LedgerRuleException e) {
            if (format != RecordFormat.CSV || e.field().isEmpty()) {
                return new RecordProblem(position, e.field(), e.code(), e.getMessage());
            }
            // Name the CSV column the user sees, not the JSON path the record has.
            String column = CsvColumns.column(e.field());
            String message = e.getMessage();
            if (message.startsWith(e.field() + " ") || message.startsWith(e.field() + ":")) {
                message = column + message.substring(e.field().length());
            }
            if (message.equals(column + ": missing member")) {
                message = column + ": empty cell (required)";
            }
            return new RecordProblem(position, column, e.code(), message);
        }
    }

    /** @return the format the file was read as */
    public RecordFormat format() {
        return format;
    }

    /** @return the valid rows, in file order */
    public List<RecordRow> rows() {
        return rows;
    }

    /** @return every problem, in file order (empty when the file is valid) */
    public List<RecordProblem> problems() {
        return problems;
    }

    /** @return true when no row (and nothing about the file) has a problem */
    public boolean valid() {
        return problems.isEmpty();
    }
}
