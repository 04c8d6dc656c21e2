package org.carbonledger.core.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonNumber;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.quantity.Decimals;

/** How values are written in evidence: exactly, never rounded, so an auditor can compare digit by digit. */
final class Evidence {

    private Evidence() {
    }

    static String co2e(Co2e c) {
        return co2e(c.toJson());
    }

    /** A CO2e object as stored, e.g. {@code total 505800 (fossil 505800, biogenicNonCo2 0, biogenicCo2 0)}. */
    static String co2e(Optional<JsonValue> value) {
        return value.map(Evidence::co2e).orElse("(none)");
    }

    static String co2e(JsonValue value) {
        if (value instanceof JsonObject o) {
            Optional<String> total = string(o, "total");
            Optional<String> fossil = string(o, "fossil");
            Optional<String> nonCo2 = string(o, "biogenicNonCo2");
            Optional<String> bioCo2 = string(o, "biogenicCo2");
            if (o.size() == 4 && total.isPresent() && fossil.isPresent() && nonCo2.isPresent() && bioCo2.isPresent()) {
                return "total " + total.get() + " (fossil " + fossil.get() + ", biogenicNonCo2 " + nonCo2.get()
                        + ", biogenicCo2 " + bioCo2.get() + ")";
            }
        }
        return Json.write(value);
    }

    /** A member of a stored object for a person: strings bare, {gtin, lot} and {amount, unit} as their text. */
    static String member(JsonObject o, String name) {
        return o.get(name).map(Evidence::value).orElse("(none)");
    }

    static String value(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.value();
        }
        if (v instanceof JsonNumber n) {
            return n.text();
        }
        if (v instanceof JsonObject o && o.size() == 2) {
            Optional<String> gtin = string(o, "gtin");
            Optional<String> lot = string(o, "lot");
            if (gtin.isPresent() && lot.isPresent()) {
                return gtin.get() + "/" + lot.get();
            }
            Optional<String> amount = string(o, "amount");
            Optional<String> unit = string(o, "unit");
            if (amount.isPresent() && unit.isPresent()) {
                return amount.get() + " " + unit.get();
            }
        }
        return Json.write(v);
    }

    private static Optional<String> string(JsonObject o, String name) {
        return o.get(name).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value());
    }

    /** Cells of a breakdown array keyed {@code STAGE/scope}, or empty when the array is not shaped as one. */
    static Optional<Map<String, JsonValue>> breakdownCells(Optional<JsonValue> breakdown) {
        if (breakdown.isEmpty() || !(breakdown.get() instanceof JsonArray a)) {
            return Optional.empty();
        }
        Map<String, JsonValue> cells = new LinkedHashMap<>();
        for (JsonValue cell : a.elements()) {
            if (!(cell instanceof JsonObject o) || o.get("co2e").isEmpty()) {
                return Optional.empty();
            }
            String key = member(o, "stage") + "/" + member(o, "scope");
            if (cells.put(key, o.get("co2e").get()) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(cells);
    }

    static String breakdown(Map<String, JsonValue> cells) {
        if (cells.isEmpty()) {
            return "(no cells)";
        }
        List<String> parts = new ArrayList<>();
        cells.forEach((k, v) -> parts.add(k + " " + co2e(v)));
        return String.join("; ", parts);
    }

    static String decimal(BigDecimal v) {
        return Decimals.canonical(v);
    }
}
