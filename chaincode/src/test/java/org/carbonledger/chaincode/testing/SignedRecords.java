package org.carbonledger.chaincode.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * Emission records as metering devices sign them: the worked example's signed fixtures
 * ({@code example/<name>.json}), their unsigned originals ({@code example/unsigned/<name>.json}) and the test device
 * keys ({@code keys/<deviceId>.key.pem}). Signing is deterministic (RFC 6979), so a record signed here is the same
 * bytes on every run.
 *
 * <pre>{@code
 * JsonObject signed = SignedRecords.example("t2-coil-reheating-gas");
 * JsonObject fresh = SignedRecords.sign(SignedRecords.unsigned("t2-coil-reheating-gas").set("recordId", id));
 * }</pre>
 */
public final class SignedRecords {
    private static final Map<String, DevicePrivateKey> KEYS = new ConcurrentHashMap<>();

    private SignedRecords() {
    }

    /** A signed record of the worked example, as checked in. */
    public static JsonObject example(String name) {
        return Fixtures.object("example/" + name + ".json").json();
    }

    /** The signed example record as a fixture to mutate (mutations keep the old signature). */
    public static Fixtures.Obj exampleFixture(String name) {
        return Fixtures.object("example/" + name + ".json");
    }

    /** The unsigned original of an example record, to change and sign again. */
    public static Fixtures.Obj unsigned(String name) {
        return Fixtures.object("example/unsigned/" + name + ".json");
    }

    /** Signs with the key of the device the record names. */
    public static JsonObject sign(Fixtures.Obj unsigned) {
        return sign(unsigned, JsonObjectReader.of(unsigned.json(), "").requireString("deviceId"));
    }

    /** Signs with the key of {@code deviceId}, whatever device the record names. */
    public static JsonObject sign(Fixtures.Obj unsigned, String deviceId) {
        return EmissionRecord.sign(unsigned.json(), privateKey(deviceId)).json();
    }

    public static DevicePrivateKey privateKey(String deviceId) {
        return KEYS.computeIfAbsent(deviceId, id -> DevicePrivateKey.parse(Fixtures.text("keys/" + id + ".key.pem")));
    }

    public static String publicKeyPem(String deviceId) {
        return Fixtures.text("keys/" + deviceId + ".pub.pem");
    }

    /** A canonical UUID made from a prefix (8 hex digits) and a number, e.g. {@code 40000000-0000-4000-8000-000000000017}. */
    public static String id(String prefix, long n) {
        return String.format("%s-0000-4000-8000-%012d", prefix, n);
    }

    /** {@code count} copies of an unsigned record with record ids {@code id(prefix, 1..count)}, each signed. */
    public static List<JsonObject> many(Fixtures.Obj unsigned, String prefix, int count) {
        List<JsonObject> records = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            records.add(sign(unsigned.set("recordId", id(prefix, i))));
        }
        return records;
    }

    public static JsonArray array(List<? extends JsonValue> records) {
        return JsonArray.of(records);
    }

    public static JsonArray array(JsonValue... records) {
        return JsonArray.of(records);
    }
}
