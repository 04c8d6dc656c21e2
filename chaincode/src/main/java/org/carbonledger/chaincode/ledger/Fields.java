package org.carbonledger.chaincode.ledger;

import java.util.ArrayList;
import java.util.List;

import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/** Reading members of state objects this chaincode wrote itself (so their shape is known). */
public final class Fields {
    private Fields() {
    }

    public static String string(JsonObject state, String name) {
        return JsonObjectReader.of(state, "").requireString(name);
    }

    public static List<String> strings(JsonObject state, String name) {
        List<String> result = new ArrayList<>();
        JsonArray array = JsonObjectReader.of(state, "").requireArray(name);
        for (int i = 0; i < array.size(); i++) {
            result.add(JsonObjectReader.asString(array.get(i), name + "[" + i + "]"));
        }
        return result;
    }

    /** A copy of {@code state} with member {@code name} set to {@code value} (added or replaced). */
    public static JsonObject replace(JsonObject state, String name, JsonValue value) {
        return state.without(name).with(name, value);
    }

    public static JsonObject replace(JsonObject state, String name, String value) {
        return replace(state, name, JsonString.of(value));
    }

    public static JsonArray array(List<String> values) {
        List<JsonValue> list = new ArrayList<>();
        for (String v : values) {
            list.add(JsonString.of(v));
        }
        return JsonArray.of(list);
    }
}
