package org.carbonledger.core.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * A JSON object: members keep the order in which they were parsed or added (for display), are looked up by name,
 * and are sorted only when written canonically by {@link Jcs}. Member names are unique.
 *
 * <p>Build one with {@link #builder()}:
 * <pre>{@code
 * JsonObject o = JsonObject.builder().put("a", "x").put("n", 3L).put("o", other).build();
 * byte[] canonical = Jcs.canonicalize(o);
 * }</pre>
 * Equality ignores member order, as JSON object semantics do.
 */
public final class JsonObject implements JsonValue {

    private static final JsonObject EMPTY = new JsonObject(new LinkedHashMap<>());

    // LinkedHashMap: iteration order is the insertion order, so it is deterministic.
    private final Map<String, JsonValue> members;

    private JsonObject(LinkedHashMap<String, JsonValue> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    /** @return a builder for a new object */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the empty object {@code {}} */
    public static JsonObject empty() {
        return EMPTY;
    }

    /**
     * @param name a member name
     * @return the member's value, if present
     */
    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * @param name a member name
     * @return true when the object has that member
     */
    public boolean has(String name) {
        return members.containsKey(Objects.requireNonNull(name, "name"));
    }

    /** @return the member names in insertion order */
    public List<String> names() {
        return List.copyOf(members.keySet());
    }

    /** @return an unmodifiable view of the members in insertion order */
    public Map<String, JsonValue> members() {
        return members;
    }

    /** @return the number of members */
    public int size() {
        return members.size();
    }

    /**
     * @param name a member name
     * @return a copy of this object without that member (this object itself if it has no such member)
     */
    public JsonObject without(String name) {
        if (!has(name)) {
            return this;
        }
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.remove(name);
        return new JsonObject(copy);
    }

    /**
     * @param name a member name that this object does not have yet
     * @param value its value
     * @return a copy of this object with the member appended
     * @throws LedgerRuleException (INVALID_ARGUMENT) if the member already exists
     */
    public JsonObject with(String name, JsonValue value) {
        return toBuilder().put(name, value).build();
    }

    /** @return a builder that starts with this object's members */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.members.putAll(members);
        return b;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    /** @return the compact JSON text, members in insertion order (not canonical; use {@link Jcs} for that) */
    @Override
    public String toString() {
        return Json.write(this);
    }

    /** Collects members for a new {@link JsonObject}. Not thread-safe; use once. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param name a member name not used yet
         * @param value its value
         * @return this builder
         * @throws LedgerRuleException (INVALID_ARGUMENT) on a duplicate name
         */
        public Builder put(String name, JsonValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            // Validates the name like any other string (no lone surrogates).
            JsonString.of(name);
            if (members.putIfAbsent(name, value) != null) {
                throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, name, name, "duplicate member name");
            }
            return this;
        }

        /**
         * @param name a member name not used yet
         * @param value a string value
         * @return this builder
         */
        public Builder put(String name, String value) {
            return put(name, JsonString.of(Objects.requireNonNull(value, "value")));
        }

        /**
         * @param name a member name not used yet
         * @param value an integer value; {@link Jcs} requires it within ±(2<sup>53</sup>−1)
         * @return this builder
         */
        public Builder put(String name, long value) {
            return put(name, JsonNumber.of(value));
        }

        /**
         * @param name a member name not used yet
         * @param value a boolean value
         * @return this builder
         */
        public Builder put(String name, boolean value) {
            return put(name, JsonBoolean.of(value));
        }

        /**
         * @param name a member name not used yet
         * @return this builder, with the member set to {@code null}
         */
        public Builder putNull(String name) {
            return put(name, JsonNull.INSTANCE);
        }

        /** @return the object; the builder must not be used afterwards */
        public JsonObject build() {
            return new JsonObject(new LinkedHashMap<>(members));
        }
    }
}
