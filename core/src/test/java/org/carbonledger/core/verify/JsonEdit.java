package org.carbonledger.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/**
 * Edits an immutable JSON tree at a path, to make negative fixtures from a valid one. Paths are member names
 * separated by dots; an array element is selected by index ({@code transfers[2]}) or by a member's string value
 * ({@code batches[batch.lot=COIL-7]}, {@code records[recordId=1000…]}). A path that selects nothing fails, so a
 * test cannot silently mutate the wrong thing.
 */
final class JsonEdit {

    private JsonEdit() {
    }

    static JsonObject set(JsonObject root, String path, JsonValue value) {
        return update(root, path, old -> value);
    }

    static JsonObject set(JsonObject root, String path, String value) {
        return set(root, path, JsonString.of(value));
    }

    static JsonObject update(JsonObject root, String path, UnaryOperator<JsonValue> change) {
        return (JsonObject) edit(root, segments(path), 0, path, change);
    }

    /** Removes a member, or an array element selected by the last segment. */
    static JsonObject remove(JsonObject root, String path) {
        List<String> segs = segments(path);
        String last = segs.get(segs.size() - 1);
        if (last.endsWith("]")) {
            String name = last.substring(0, last.indexOf('['));
            String selector = last.substring(last.indexOf('[') + 1, last.length() - 1);
            List<String> parent = new ArrayList<>(segs.subList(0, segs.size() - 1));
            parent.add(name);
            return (JsonObject) edit(root, parent, 0, path, array -> {
                List<JsonValue> kept = new ArrayList<>(((JsonArray) array).elements());
                kept.remove(index((JsonArray) array, selector, path));
                return JsonArray.of(kept);
            });
        }
        List<String> parent = segs.subList(0, segs.size() - 1);
        if (parent.isEmpty()) {
            return require(root.has(last), root.without(last), path);
        }
        return (JsonObject) edit(root, parent, 0, path, o -> require(((JsonObject) o).has(last),
                ((JsonObject) o).without(last), path));
    }

    private static JsonObject require(boolean present, JsonObject value, String path) {
        if (!present) {
            throw new IllegalArgumentException("nothing at " + path);
        }
        return value;
    }

    private static JsonValue edit(JsonValue node, List<String> segs, int i, String path,
                                  UnaryOperator<JsonValue> change) {
        if (i == segs.size()) {
            return change.apply(node);
        }
        String seg = segs.get(i);
        String name = seg.contains("[") ? seg.substring(0, seg.indexOf('[')) : seg;
        JsonObject o = (JsonObject) node;
        JsonValue child = o.get(name).orElseThrow(() -> new IllegalArgumentException("no member " + name + " in "
                + path));
        JsonValue edited;
        if (seg.contains("[")) {
            JsonArray array = (JsonArray) child;
            int at = index(array, seg.substring(seg.indexOf('[') + 1, seg.length() - 1), path);
            List<JsonValue> elements = new ArrayList<>(array.elements());
            elements.set(at, edit(array.get(at), segs, i + 1, path, change));
            edited = JsonArray.of(elements);
        } else {
            edited = edit(child, segs, i + 1, path, change);
        }
        JsonObject.Builder b = JsonObject.builder();
        o.members().forEach((k, v) -> b.put(k, k.equals(name) ? edited : v));
        return b.build();
    }

    private static int index(JsonArray array, String selector, String path) {
        if (!selector.contains("=")) {
            return Integer.parseInt(selector);
        }
        String member = selector.substring(0, selector.indexOf('='));
        String wanted = selector.substring(selector.indexOf('=') + 1);
        for (int i = 0; i < array.size(); i++) {
            if (lookup(array.get(i), member).filter(v -> v.equals(JsonString.of(wanted))).isPresent()) {
                return i;
            }
        }
        throw new IllegalArgumentException("no element " + selector + " in " + path);
    }

    private static Optional<JsonValue> lookup(JsonValue node, String dotted) {
        Optional<JsonValue> current = Optional.of(node);
        for (String part : dotted.split("\\.")) {
            current = current.filter(JsonObject.class::isInstance).flatMap(v -> ((JsonObject) v).get(part));
        }
        return current;
    }

    private static List<String> segments(String path) {
        List<String> segs = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                segs.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        segs.add(cur.toString());
        return segs;
    }
}
