package org.carbonledger.core.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.accounting.Gas;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/**
 * Writes records as a record CSV file ({@code docs/record-files.md}) that {@link RecordFile} reads back into the same
 * objects, so a signature made over a record stays valid in the file.
 *
 * <p>A file for import holds every value as it is, even a lot such as {@code =1+2} that a spreadsheet would run as a
 * formula. A file for a spreadsheet escapes such cells as OWASP recommends (a leading single quote, the cell quoted).
 * The escape cannot be undone on reading: a lot may itself start with a single quote (GS1 character set 82), so
 * {@code '=1} is a lot of its own. A spreadsheet copy is for people to read, not to import; importing it changes
 * those values and so fails their signatures.
 *
 * <pre>{@code
 * Files.writeString(path, RecordCsv.write(signedRecords));
 * }</pre>
 */
public final class RecordCsv {

    /** Whom a file is written for. */
    public enum Audience {
        /** carbonctl import and the API: every value exactly as signed. */
        IMPORT,
        /** A person opening the file in a spreadsheet: cells that would run as formulas are escaped. */
        SPREADSHEET
    }

    private RecordCsv() {
    }

    /**
     * @param records record objects (signed or not) whose members are those of docs/accounting.md §4
     * @return CSV text for import, see {@link #write(List, Audience)}
     */
    public static String write(List<JsonObject> records) {
        return write(records, Audience.IMPORT);
    }

    /**
     * @param cell a cell's text
     * @return true when a spreadsheet would take the cell for a formula or a command: it starts with
     *     {@code = + - @}, a tab or a carriage return
     */
    public static boolean looksLikeFormula(String cell) {
        Objects.requireNonNull(cell, "cell");
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0;
    }

    /**
     * @param records record objects (signed or not) whose members are those of docs/accounting.md §4
     * @param audience whom the file is for
     * @return CSV text: a header with every column, then one row per record, LF line ends
     * @throws IllegalArgumentException for a record with a member a record file cannot hold
     */
    public static String write(List<JsonObject> records, Audience audience) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(audience, "audience");
        boolean escapeFormulas = audience == Audience.SPREADSHEET;
        boolean signed = records.stream().anyMatch(r -> r.has("signature"));
        List<String> header = new ArrayList<>(CsvColumns.REQUIRED);
        header.addAll(CsvColumns.ACTIVITY);
        for (Gas g : Gas.values()) {
            header.add(CsvColumns.GAS_PREFIX + g.name());
        }
        header.add("evidenceSha256");
        if (signed) {
            header.add("signature");
        }
        StringBuilder out = new StringBuilder(records.size() * 256);
        line(out, header, false);
        for (JsonObject r : records) {
            List<String> cells = new ArrayList<>(header.size());
            JsonObject activity = object(r, "activity");
            JsonObject gases = object(r, "gases");
            for (String column : header) {
                if (CsvColumns.ACTIVITY.contains(column)) {
                    cells.add(text(activity, column));
                } else if (column.startsWith(CsvColumns.GAS_PREFIX)) {
                    cells.add(text(gases, column.substring(CsvColumns.GAS_PREFIX.length())));
                } else {
                    cells.add(text(r, column));
                }
            }
            for (String member : r.names()) {
                if (!header.contains(member) && !member.equals("activity") && !member.equals("gases")) {
                    throw new IllegalArgumentException("record member " + member + " has no CSV column");
                }
            }
            line(out, cells, escapeFormulas);
        }
        return out.toString();
    }

    private static JsonObject object(JsonObject r, String name) {
        return r.get(name).filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElse(JsonObject.empty());
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name).orElse(null);
        if (v == null) {
            return "";
        }
        if (v instanceof JsonString s) {
            return s.value();
        }
        if (v instanceof JsonNumber n) {
            return n.text();
        }
        throw new IllegalArgumentException("record member " + name + " is a JSON " + v.typeName()
                + ", which a CSV cell cannot hold");
    }

    private static void line(StringBuilder out, List<String> cells, boolean escapeFormulas) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (escapeFormulas && looksLikeFormula(c)) {
                // The quote makes a spreadsheet show the text instead of evaluating it; quoting the cell keeps a
                // separator or a quote inside it from starting another cell.
                out.append("\"'").append(c.replace("\"", "\"\"")).append('"');
            } else if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append('\n');
    }
}
