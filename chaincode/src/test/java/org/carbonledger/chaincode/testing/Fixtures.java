package org.carbonledger.chaincode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonBoolean;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.json.JsonValue;

/**
 * Checked-in JSON inputs under {@code src/test/resources/fixtures}, and the mutations negative tests make of them.
 * The worked example's signed records ({@code example/}) and the device keys ({@code keys/}) are core's fixtures,
 * on the test class path through core's test-jar.
 *
 * <pre>{@code
 * String valid = Fixtures.object("governance/proposal-grant-producer.json").text();
 * String badAction = Fixtures.object("governance/proposal-grant-producer.json").set("action", "PROMOTE").text();
 * }</pre>
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    public static Obj object(String path) {
        return new Obj(Json.parseObject(bytes(path), path));
    }

    public static Arr array(String path) {
        JsonValue value = Json.parse(bytes(path), path);
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException(path + " is not a JSON array");
        }
        return new Arr(array);
    }

    /** An immutable JSON object fixture; every mutation returns a new one. */
    public static final class Obj {
        private final JsonObject json;

        private Obj(JsonObject json) {
            this.json = json;
        }

        public Obj set(String name, JsonValue value) {
            return new Obj(json.without(name).with(name, Objects.requireNonNull(value, "value")));
        }

        public Obj set(String name, String value) {
            return set(name, JsonString.of(value));
        }

        public Obj set(String name, boolean value) {
            return set(name, JsonBoolean.of(value));
        }

        public Obj remove(String name) {
            return new Obj(json.without(name));
        }

        public JsonObject json() {
            return json;
        }

        /** Compact JSON text, members in fixture order: what a client sends. */
        public String text() {
            return Json.write(json);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** An immutable JSON array fixture. */
    public static final class Arr {
        private final JsonArray json;

        private Arr(JsonArray json) {
            this.json = json;
        }

        public Arr append(JsonValue value) {
            List<JsonValue> elements = new ArrayList<>(json.elements());
            elements.add(value);
            return new Arr(JsonArray.of(elements));
        }

        public Arr append(String value) {
            return append(JsonString.of(value));
        }

        public Arr replace(int index, JsonValue value) {
            List<JsonValue> elements = new ArrayList<>(json.elements());
            elements.set(index, value);
            return new Arr(JsonArray.of(elements));
        }

        public Arr remove(int index) {
            List<JsonValue> elements = new ArrayList<>(json.elements());
            elements.remove(index);
            return new Arr(JsonArray.of(elements));
        }

        public JsonArray json() {
            return json;
        }

        public String text() {
            return Json.write(json);
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
