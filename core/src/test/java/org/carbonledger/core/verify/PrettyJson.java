package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;

/** Indented JSON for checked-in fixtures: members in canonical (JCS) order, scalars written as JCS writes them. */
final class PrettyJson {

    private PrettyJson() {
    }

    static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, JsonValue value, String indent) {
        String inner = indent + "  ";
        if (value instanceof JsonObject o && o.size() > 0) {
            List<String> names = new ArrayList<>(o.members().keySet());
            names.sort(null);
            out.append("{\n");
            for (int i = 0; i < names.size(); i++) {
                out.append(inner).append(Jcs.canonicalString(org.carbonledger.core.json.JsonString.of(names.get(i))))
                        .append(": ");
                write(out, o.members().get(names.get(i)), inner);
                out.append(i + 1 < names.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof JsonArray a && a.size() > 0) {
            out.append("[\n");
            for (int i = 0; i < a.size(); i++) {
                out.append(inner);
                write(out, a.get(i), inner);
                out.append(i + 1 < a.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(Jcs.canonicalString(value));
        }
    }
}
