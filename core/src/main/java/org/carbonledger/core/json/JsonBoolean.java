package org.carbonledger.core.json;

/**
 * A JSON {@code true} or {@code false}.
 *
 * @param value the truth value
 */
public record JsonBoolean(boolean value) implements JsonValue {

    /** The JSON literal {@code true}. */
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    /** The JSON literal {@code false}. */
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    /**
     * @param value the truth value
     * @return the shared instance for it
     */
    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public String typeName() {
        return "boolean";
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
