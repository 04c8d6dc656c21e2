package org.carbonledger.core.json;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A JSON array.
 *
 * @param elements the elements in order (an unmodifiable copy)
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {

    /** Copies {@code elements}; null elements are refused (use {@link JsonNull#INSTANCE}). */
    public JsonArray {
        elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    }

    /**
     * @param elements the elements in order
     * @return an array holding them
     */
    public static JsonArray of(JsonValue... elements) {
        return new JsonArray(Arrays.asList(elements));
    }

    /**
     * @param elements the elements in order
     * @return an array holding them
     */
    public static JsonArray of(List<? extends JsonValue> elements) {
        return new JsonArray(List.copyOf(elements));
    }

    /** @return the number of elements */
    public int size() {
        return elements.size();
    }

    /**
     * @param index a position
     * @return the element there
     */
    public JsonValue get(int index) {
        return elements.get(index);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
