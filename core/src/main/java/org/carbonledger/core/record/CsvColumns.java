package org.carbonledger.core.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.carbonledger.core.accounting.Gas;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;

/**
 * The header of a record CSV file and the mapping of a row to the record object: one column per top-level string
 * member, {@code scope} as a JSON integer, {@code factorId}/{@code amount}/{@code unit} into {@code activity},
 * {@code gas.<GAS>} into {@code gases}. An empty cell is an absent member, so one file can mix activity and gas
 * rows.
 */
final class CsvColumns {

    static final List<String> REQUIRED = List.of("recordId", "gtin", "lot", "deviceId", "periodStart", "periodEnd",
            "scope", "stage");
    static final List<String> ACTIVITY = List.of("factorId", "amount", "unit");
    static final List<String> OPTIONAL = List.of("evidenceSha256", "signature");
    static final String GAS_PREFIX = "gas.";
    private static final Pattern SMALL_INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final String ALLOWED = String.join(", ", REQUIRED) + ", " + String.join(", ", ACTIVITY) + ", "
            + Arrays.stream(Gas.values()).map(g -> GAS_PREFIX + g.name()).collect(Collectors.joining(", "))
            + ", " + String.join(", ", OPTIONAL);

    private final List<String> names;
    private final Map<String, Integer> index;

    private CsvColumns(List<String> names) {
        this.names = names;
        this.index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    /**
     * @param header the cells of the first row
     * @return the columns
     * @throws LedgerRuleException naming the first column that is unknown, duplicated or missing
     */
    static CsvColumns of(List<String> header) {
        List<String> seen = new ArrayList<>();
        for (String name : header) {
            if (seen.contains(name)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, name, name, "column appears twice in the header");
            }
            if (name.startsWith(GAS_PREFIX)) {
                Gas.parse(name.substring(GAS_PREFIX.length()), name);
            } else if (!REQUIRED.contains(name) && !ACTIVITY.contains(name) && !OPTIONAL.contains(name)) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, name.isEmpty() ? "header" : name, name,
                        "unknown column (allowed: " + ALLOWED + ")");
            }
            seen.add(name);
        }
        for (String name : REQUIRED) {
            if (!seen.contains(name)) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, name, "missing column (required: "
                        + String.join(", ", REQUIRED) + ")");
            }
        }
        long activityColumns = ACTIVITY.stream().filter(seen::contains).count();
        boolean gasColumns = seen.stream().anyMatch(n -> n.startsWith(GAS_PREFIX));
        if (activityColumns != 0 && activityColumns != ACTIVITY.size()) {
            String missing = ACTIVITY.stream().filter(n -> !seen.contains(n)).findFirst().orElseThrow();
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, missing,
                    "missing column: activity records need factorId, amount and unit");
        }
        if (activityColumns == 0 && !gasColumns) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "header",
                    "no activity columns (factorId, amount, unit) and no gas columns (gas.CO2, …): "
                            + "a record needs one or the other");
        }
        return new CsvColumns(List.copyOf(header));
    }

    int size() {
        return names.size();
    }

    /**
     * @param cells a row with exactly {@link #size()} cells
     * @return the record object, members in the order of docs/accounting.md §4; the content is validated by the caller
     * @throws LedgerRuleException for a scope that is not an integer (the one cell that is not a JSON string)
     */
    JsonObject toRecord(List<String> cells) {
        JsonObject.Builder b = JsonObject.builder();
        for (String name : List.of("recordId", "gtin", "lot", "deviceId", "periodStart", "periodEnd")) {
            string(b, name, cells);
        }
        String scope = cell(cells, "scope");
        if (!scope.isEmpty()) {
            if (!SMALL_INTEGER.matcher(scope).matches()) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "scope", scope, "scope must be 1, 2 or 3");
            }
            b.put("scope", JsonNumber.of(Long.parseLong(scope)));
        }
        string(b, "stage", cells);
        boolean activity = ACTIVITY.stream().anyMatch(n -> !cell(cells, n).isEmpty());
        boolean gas = names.stream().anyMatch(n -> n.startsWith(GAS_PREFIX) && !cell(cells, n).isEmpty());
        if (activity == gas) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, activity ? "gas.*" : "factorId", activity
                    ? "the row fills both the activity cells (factorId, amount, unit) and gas cells; fill one or the other"
                    : "the row fills neither the activity cells (factorId, amount, unit) nor any gas cell (gas.*)");
        }
        if (activity) {
            JsonObject.Builder a = JsonObject.builder();
            ACTIVITY.forEach(n -> string(a, n, cells));
            b.put("activity", a.build());
        }
        LinkedHashMap<String, String> gases = new LinkedHashMap<>();
        for (String name : names) {
            if (name.startsWith(GAS_PREFIX) && !cell(cells, name).isEmpty()) {
                gases.put(name.substring(GAS_PREFIX.length()), cell(cells, name));
            }
        }
        if (!gases.isEmpty()) {
            JsonObject.Builder g = JsonObject.builder();
            gases.forEach(g::put);
            b.put("gases", g.build());
        }
        string(b, "evidenceSha256", cells);
        string(b, "signature", cells);
        return b.build();
    }

    private void string(JsonObject.Builder b, String name, List<String> cells) {
        String value = cell(cells, name);
        if (!value.isEmpty()) {
            b.put(name, value);
        }
    }

    private String cell(List<String> cells, String name) {
        Integer i = index.get(name);
        return i == null ? "" : cells.get(i);
    }

    /**
     * The CSV column a record's JSON path comes from, so a problem names what the user sees in the file.
     *
     * @param jsonPath e.g. {@code activity.amount}, {@code gases.CO2}
     * @return e.g. {@code amount}, {@code gas.CO2}
     */
    static String column(String jsonPath) {
        if (jsonPath.startsWith("activity.")) {
            return jsonPath.substring("activity.".length());
        }
        if (jsonPath.equals("activity")) {
            return "factorId";
        }
        if (jsonPath.startsWith("gases.")) {
            return GAS_PREFIX + jsonPath.substring("gases.".length());
        }
        if (jsonPath.equals("gases")) {
            return "gas.*";
        }
        return jsonPath;
    }
}
