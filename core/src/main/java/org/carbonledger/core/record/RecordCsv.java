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
 * <pre>{@code
 * Files.writeString(path, RecordCsv.write(signedRecords));
 * }</pre>
 */
public final class RecordCsv {

    private RecordCsv() {
    }

    /**
     * @param records record objects (signed or not) whose members are those of docs/accounting.md §4
     * @return CSV text: a header with every column, then one row per record, LF line ends
     * @throws IllegalArgumentException for a record with a member a record file cannot hold
     */
    public static String write(List<JsonObject> records) {
        Objects.requireNonNull(records, "records");
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
        line(out, header);
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
            line(out, cells);
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

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append('\n');
    }
}
