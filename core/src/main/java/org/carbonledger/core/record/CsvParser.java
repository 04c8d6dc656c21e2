package org.carbonledger.core.record;

import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * RFC 4180 CSV: comma-separated cells, cells in double quotes may hold commas, quotes (doubled) and line breaks;
 * lines end in LF or CRLF. A syntax error costs only its row: reading resumes at the next line. Used for record
 * files and, by the CLI, for factor datasets.
 *
 * <pre>{@code
 * CsvParser.Result csv = CsvParser.parse(text);
 * csv.rows().forEach(row -> use(row.line(), row.cells()));
 * csv.problems().forEach(System.err::println);     // line 3: invalid CSV: …
 * }</pre>
 */
public final class CsvParser {

    /**
     * A row as cells, with the line it starts on.
     *
     * @param line the line number, from 1
     * @param cells the cells, unquoted
     */
    public record Row(int line, List<String> cells) {
        /** @return true for an empty line */
        public boolean blank() {
            return cells.size() == 1 && cells.get(0).isEmpty();
        }
    }

    private final String text;
    private int pos;
    private int line = 1;
    private final List<Row> rows = new ArrayList<>();
    private final List<RecordProblem> problems = new ArrayList<>();

    private CsvParser(String text) {
        this.text = text;
    }

    /**
     * Rows in file order and the rows that could not be read.
     *
     * @param rows every row read, blank lines included
     * @param problems one per row with a syntax error
     */
    public record Result(List<Row> rows, List<RecordProblem> problems) {
    }

    /**
     * @param text CSV text
     * @return its rows and syntax problems
     */
    public static Result parse(String text) {
        CsvParser p = new CsvParser(text);
        p.run();
        return new Result(List.copyOf(p.rows), List.copyOf(p.problems));
    }

    private void run() {
        while (pos < text.length()) {
            int start = line;
            try {
                rows.add(new Row(start, row()));
            } catch (LedgerRuleException e) {
                problems.add(new RecordProblem(Position.line(start), "", e.code(), e.getMessage()));
                skipRestOfLine();
            }
        }
    }

    private List<String> row() {
        List<String> cells = new ArrayList<>();
        while (true) {
            cells.add(pos < text.length() && text.charAt(pos) == '"' ? quoted() : plain());
            if (pos >= text.length()) {
                return cells;
            }
            char c = text.charAt(pos);
            if (c == ',') {
                pos++;
                continue;
            }
            endOfLine();
            return cells;
        }
    }

    private String plain() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "",
                        "invalid CSV: a quote inside an unquoted cell (quote the whole cell and double the quote)");
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        int openedOn = line;
        pos++;
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "",
                        "invalid CSV: the quoted cell opened on line " + openedOn + " is never closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    cell.append('"');
                    pos++;
                    continue;
                }
                if (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != '\n'
                        && text.charAt(pos) != '\r') {
                    throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "",
                            "invalid CSV: text after the closing quote of a cell");
                }
                return cell.toString();
            }
            if (c == '\n') {
                line++;
            }
            cell.append(c);
        }
    }

    private void endOfLine() {
        char c = text.charAt(pos);
        if (c == '\r') {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            } else {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "",
                        "invalid CSV: a carriage return that does not end the line");
            }
        } else {
            pos++;
        }
        line++;
    }

    private void skipRestOfLine() {
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
                return;
            }
        }
    }
}
