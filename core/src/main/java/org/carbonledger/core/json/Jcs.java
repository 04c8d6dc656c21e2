package org.carbonledger.core.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the only way this product turns JSON into bytes that are hashed,
 * signed or stored on the ledger.
 *
 * <ul>
 *   <li>No whitespace. Object members sorted by their names compared as arrays of UTF-16 code units
 *       ({@link String#compareTo}), recursively; array order kept.</li>
 *   <li>Strings: {@code \"} {@code \\} {@code \b} {@code \f} {@code \n} {@code \r} {@code \t} as two-character
 *       escapes, other characters below U+0020 as <code>&#92;u00xx</code> with lowercase hex, everything else (including
 *       {@code /}, U+007F and all non-ASCII) literally, encoded as UTF-8.</li>
 *   <li><b>Numbers — a deliberate restriction:</b> RFC 8785 serializes numbers the way ECMAScript prints an IEEE-754
 *       double, which loses decimal precision and is easy to get subtly wrong across platforms. The ledger
 *       therefore carries every decimal as a string, and this canonicalizer accepts only <em>integer</em> number
 *       literals (no fraction, no exponent) whose magnitude is at most 2<sup>53</sup>−1. Those are written as plain
 *       integers without leading zeros ({@code -0} becomes {@code 0}), which is exactly what RFC 8785 produces for
 *       them. Any other number is refused with {@link ErrorCode#INVALID_ARGUMENT} naming the member path.</li>
 * </ul>
 * Within that restriction the output is byte-for-byte RFC 8785.
 */
public final class Jcs {

    private static final BigInteger MAX = BigInteger.valueOf(JsonNumber.MAX_SAFE_INTEGER);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {
    }

    /**
     * @param value a JSON value
     * @return its canonical form, UTF-8 encoded
     * @throws LedgerRuleException (INVALID_ARGUMENT) on a non-integer or out-of-range number, naming its path
     */
    public static byte[] canonicalize(JsonValue value) {
        return canonicalString(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param value a JSON value
     * @return its canonical form as text
     * @throws LedgerRuleException (INVALID_ARGUMENT) on a non-integer or out-of-range number, naming its path
     */
    public static String canonicalString(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(out, Objects.requireNonNull(value, "value"), "");
        return out.toString();
    }

    private static void write(StringBuilder out, JsonValue value, String path) {
        if (value instanceof JsonObject o) {
            List<String> names = new ArrayList<>(o.members().keySet());
            names.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 §3.2.3 requires
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (i > 0) {
                    out.append(',');
                }
                appendString(out, name);
                out.append(':');
                write(out, o.members().get(name), path.isEmpty() ? name : path + "." + name);
            }
            out.append('}');
        } else if (value instanceof JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, a.get(i), path + "[" + i + "]");
            }
            out.append(']');
        } else if (value instanceof JsonString s) {
            appendString(out, s.value());
        } else if (value instanceof JsonNumber n) {
            appendNumber(out, n, path);
        } else if (value instanceof JsonBoolean b) {
            out.append(b.value());
        } else {
            out.append("null");
        }
    }

    private static void appendNumber(StringBuilder out, JsonNumber n, String path) {
        if (!n.isInteger()) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, n.text(),
                    "canonical JSON here accepts only integer numbers; write decimals as strings");
        }
        BigInteger v = new BigInteger(n.text());
        if (v.abs().compareTo(MAX) > 0) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, path, n.text(),
                    "canonical JSON here accepts only integers within ±(2^53-1); write larger values as strings");
        }
        out.append(v.toString()); // BigInteger prints -0 as 0 and never has leading zeros
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
