package org.carbonledger.core.json;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * Reads the members of a JSON object strictly, naming the full JSON path of any member that is unknown, missing
 * or of the wrong type (e.g. {@code activity.amount}).
 *
 * <pre>{@code
 * JsonObjectReader r = JsonObjectReader.of(json, "");
 * r.rejectUnknownMembers(List.of("factorId", "amount", "unit"));
 * String factorId = r.requireString("factorId");
 * }</pre>
 */
public final class JsonObjectReader {

    private final JsonObject object;
    private final String path;

    private JsonObjectReader(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * @param object the object to read
     * @param path its JSON path, {@code ""} for a document's top-level object
     * @return a reader
     */
    public static JsonObjectReader of(JsonObject object, String path) {
        return new JsonObjectReader(Objects.requireNonNull(object, "object"), Objects.requireNonNull(path, "path"));
    }

    /** @return the object being read */
    public JsonObject object() {
        return object;
    }

    /** @return the JSON path of the object being read ({@code ""} for a top-level object) */
    public String path() {
        return path;
    }

    /**
     * @param name a member name
     * @return the member's full JSON path
     */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Refuses members outside {@code known}, naming the first unknown one (in document order).
     *
     * @param known the allowed member names
     */
    public void rejectUnknownMembers(List<String> known) {
        for (String name : object.names()) {
            if (!known.contains(name)) {
                throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, path(name),
                        "unknown member (allowed: " + String.join(", ", known) + ")");
            }
        }
    }

    /**
     * @param name a member name
     * @return true when the member is present
     */
    public boolean has(String name) {
        return object.has(name);
    }

    /**
     * @param name a member name
     * @return the member's value
     * @throws LedgerRuleException (INVALID_ARGUMENT) if the member is missing
     */
    public JsonValue require(String name) {
        return object.get(name).orElseThrow(() -> LedgerRuleException.ofField(
                ErrorCode.INVALID_ARGUMENT, path(name), "missing member"));
    }

    /**
     * @param name a member name
     * @return the string value
     * @throws LedgerRuleException (INVALID_ARGUMENT) if missing or not a string
     */
    public String requireString(String name) {
        return asString(require(name), path(name));
    }

    /**
     * @param name a member name
     * @return the string value, or empty if the member is absent
     * @throws LedgerRuleException (INVALID_ARGUMENT) if present but not a string (including {@code null})
     */
    public Optional<String> optionalString(String name) {
        return object.get(name).map(v -> asString(v, path(name)));
    }

    /**
     * @param name a member name
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the integer value
     * @throws LedgerRuleException (INVALID_ARGUMENT) if missing, not an integer, or outside [min, max]
     */
    public long requireInteger(String name, long min, long max) {
        JsonValue v = require(name);
        if (!(v instanceof JsonNumber n)) {
            throw wrongType(path(name), "number", v);
        }
        long value = n.safeIntegerValue(path(name));
        if (value < min || value > max) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path(name), n.text(),
                    "must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * @param name a member name
     * @return the boolean value
     * @throws LedgerRuleException (INVALID_ARGUMENT) if missing or not a boolean
     */
    public boolean requireBoolean(String name) {
        JsonValue v = require(name);
        if (v instanceof JsonBoolean b) {
            return b.value();
        }
        throw wrongType(path(name), "boolean", v);
    }

    /**
     * @param name a member name
     * @return a reader for the nested object, whose paths are prefixed with this member's path
     * @throws LedgerRuleException (INVALID_ARGUMENT) if missing or not an object
     */
    public JsonObjectReader requireObject(String name) {
        JsonValue v = require(name);
        if (v instanceof JsonObject o) {
            return new JsonObjectReader(o, path(name));
        }
        throw wrongType(path(name), "object", v);
    }

    /**
     * @param name a member name
     * @return the array value
     * @throws LedgerRuleException (INVALID_ARGUMENT) if missing or not an array
     */
    public JsonArray requireArray(String name) {
        JsonValue v = require(name);
        if (v instanceof JsonArray a) {
            return a;
        }
        throw wrongType(path(name), "array", v);
    }

    /**
     * @param value a JSON value
     * @param path its JSON path, for the message
     * @return the string it holds
     * @throws LedgerRuleException (INVALID_ARGUMENT) if it is not a string
     */
    public static String asString(JsonValue value, String path) {
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw wrongType(path, "string", value);
    }

    /**
     * @param value a JSON value
     * @param path its JSON path, for the message
     * @return the object it holds
     * @throws LedgerRuleException (INVALID_ARGUMENT) if it is not an object
     */
    public static JsonObject asObject(JsonValue value, String path) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw wrongType(path, "object", value);
    }

    private static LedgerRuleException wrongType(String path, String expected, JsonValue actual) {
        return LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, path,
                "expected a JSON " + expected + ", found " + actual.typeName());
    }
}
