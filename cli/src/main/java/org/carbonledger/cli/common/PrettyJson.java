package org.carbonledger.cli.common;

import java.util.Map;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/** Indented JSON for people. Display only: hashes and signatures are always over {@code Jcs}. */
public final class PrettyJson {

    private PrettyJson() {
    }

    /**
     * @param value any value
     * @return the value with two-space indentation, members in their order
     */
    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.toString();
    }

    private static void write(StringBuilder out, JsonValue value, String indent) {
        if (value instanceof JsonObject o && o.size() > 0) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
                out.append(indent).append("  ").append(Json.write(JsonString.of(m.getKey()))).append(": ");
                write(out, m.getValue(), indent + "  ");
                out.append(++i < o.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof JsonArray a && a.size() > 0) {
            out.append("[\n");
            for (int i = 0; i < a.size(); i++) {
                out.append(indent).append("  ");
                write(out, a.get(i), indent + "  ");
                out.append(i + 1 < a.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(Json.write(value));
        }
    }
}
