package org.carbonledger.core.json;

/**
 * An immutable JSON value (RFC 8259), as produced by {@link Json#parse(String)} or built with
 * {@link JsonObject#builder()}.
 *
 * <p>Write a value with {@link Jcs} when the bytes matter (hashing, signing, ledger state) and with
 * {@link Json#write(JsonValue)} only for display.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** @return the JSON type name used in error messages: object, array, string, number, boolean or null */
    String typeName();
}
