package org.carbonledger.core.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * The product's one JSON reader: a strict RFC 8259 parser.
 *
 * <p>Refused (with {@link ErrorCode#INVALID_ARGUMENT} and the offset of the problem): duplicate member names,
 * anything after the value, lone surrogates (raw or escaped), leading zeros, unescaped control characters, invalid
 * escapes, a byte-order mark, malformed UTF-8, and nesting deeper than {@value #MAX_DEPTH} arrays/objects.
 * Numbers keep their literal text; nothing is converted to binary floating point.
 */
public final class Json {

    /** The deepest nesting of arrays and objects the parser accepts. */
    public static final int MAX_DEPTH = 64;

    private Json() {
    }

    /**
     * @param text JSON text
     * @return the parsed value
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the character offset of the first problem
     */
    public static JsonValue parse(String text) {
        return parse(text, "");
    }

    /**
     * @param text JSON text
     * @param field the name of the input, used as the error's field (e.g. {@code record})
     * @return the parsed value
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the character offset of the first problem
     */
    public static JsonValue parse(String text, String field) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(field, "field");
        return JsonParser.parse(text, field);
    }

    /**
     * @param utf8 JSON text encoded as UTF-8
     * @return the parsed value
     * @throws LedgerRuleException (INVALID_ARGUMENT) naming the byte offset of malformed UTF-8 or the character
     *     offset of the first JSON problem
     */
    public static JsonValue parse(byte[] utf8) {
        return parse(utf8, "");
    }

    /**
     * @param utf8 JSON text encoded as UTF-8
     * @param field the name of the input, used as the error's field
     * @return the parsed value
     */
    public static JsonValue parse(byte[] utf8, String field) {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(field, "field");
        return JsonParser.parse(decodeUtf8Strictly(utf8, field), field);
    }

    /**
     * Parses text that must be a JSON object.
     *
     * @param text JSON text
     * @param field the name of the input, used as the error's field
     * @return the object
     */
    public static JsonObject parseObject(String text, String field) {
        return requireObject(parse(text, field), field);
    }

    /**
     * Parses UTF-8 bytes that must hold a JSON object.
     *
     * @param utf8 JSON text encoded as UTF-8
     * @param field the name of the input, used as the error's field
     * @return the object
     */
    public static JsonObject parseObject(byte[] utf8, String field) {
        return requireObject(parse(utf8, field), field);
    }

    /**
     * Writes compact JSON for display and logs: members in insertion order, numbers as their literals, strings
     * escaped as in {@link Jcs}. Not canonical: never hash or sign this; use {@link Jcs}.
     *
     * @param value any value
     * @return its compact text
     */
    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        writeTo(out, Objects.requireNonNull(value, "value"));
        return out.toString();
    }

    private static void writeTo(StringBuilder out, JsonValue value) {
        if (value instanceof JsonObject o) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Jcs.appendString(out, m.getKey());
                out.append(':');
                writeTo(out, m.getValue());
            }
            out.append('}');
        } else if (value instanceof JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeTo(out, a.get(i));
            }
            out.append(']');
        } else if (value instanceof JsonString s) {
            Jcs.appendString(out, s.value());
        } else if (value instanceof JsonNumber n) {
            out.append(n.text());
        } else if (value instanceof JsonBoolean b) {
            out.append(b.value());
        } else {
            out.append("null");
        }
    }

    private static JsonObject requireObject(JsonValue value, String field) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field,
                "expected a JSON object, found " + value.typeName());
    }

    private static String decodeUtf8Strictly(byte[] utf8, String field) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field,
                    "invalid JSON at byte offset " + in.position() + ": malformed UTF-8");
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field,
                    "invalid JSON at byte offset " + in.position() + ": malformed UTF-8");
        }
        out.flip();
        return out.toString();
    }
}
