package org.carbonledger.core.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** Strict RFC 8259 parser over decoded text; offsets in errors are UTF-16 character offsets. */
final class JsonParser {

    private static final int MAX_DEPTH = Json.MAX_DEPTH;

    private final String text;
    private final String field;
    private int pos;

    private JsonParser(String text, String field) {
        this.text = text;
        this.field = field;
    }

    static JsonValue parse(String text, String field) {
        JsonParser p = new JsonParser(text, field);
        p.skipWhitespace();
        JsonValue value = p.parseValue(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describeCurrent() + " after the JSON value");
        }
        return value;
    }

    private JsonValue parseValue(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return parseObject(depth + 1);
            case '[':
                return parseArray(depth + 1);
            case '"':
                return new JsonString(parseString());
            case 't':
                expectLiteral("true");
                return JsonBoolean.TRUE;
            case 'f':
                expectLiteral("false");
                return JsonBoolean.FALSE;
            case 'n':
                expectLiteral("null");
                return JsonNull.INSTANCE;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return parseNumber();
                }
                throw error("unexpected " + describeCurrent() + ", expected a value");
        }
    }

    private JsonObject parseObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Set<String> names = new HashSet<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return JsonObject.empty();
        }
        JsonObject.Builder builder = JsonObject.builder();
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeCurrent() + ", expected a member name");
            }
            int nameOffset = pos;
            String name = parseString();
            if (!names.add(name)) {
                pos = nameOffset;
                throw error("duplicate member name " + LedgerRuleException.quote(name));
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue value = parseValue(depth);
            builder.put(name, value);
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                return builder.build();
            } else {
                throw error("unexpected " + describeCurrent() + ", expected ',' or '}'");
            }
        }
    }

    private JsonArray parseArray(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(parseValue(depth));
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                return new JsonArray(elements);
            } else {
                throw error("unexpected " + describeCurrent() + ", expected ',' or ']'");
            }
        }
    }

    private String parseString() {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                parseEscape(out);
            } else if (c < 0x20) {
                throw error(String.format("unescaped control character U+%04X in string", (int) c));
            } else if (Character.isHighSurrogate(c)) {
                if (pos + 1 < text.length() && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    out.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                } else {
                    throw error(String.format("lone surrogate U+%04X in string", (int) c));
                }
            } else if (Character.isLowSurrogate(c)) {
                throw error(String.format("lone surrogate U+%04X in string", (int) c));
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void parseEscape(StringBuilder out) {
        int start = pos;
        pos++; // backslash
        if (pos >= text.length()) {
            throw error("unterminated escape sequence");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                char unit = parseHex4();
                if (Character.isHighSurrogate(unit)) {
                    if (pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                        pos += 2;
                        char low = parseHex4();
                        if (!Character.isLowSurrogate(low)) {
                            pos = start;
                            throw error(String.format("lone surrogate \\u%04x in string", (int) unit));
                        }
                        out.append(unit).append(low);
                    } else {
                        pos = start;
                        throw error(String.format("lone surrogate \\u%04x in string", (int) unit));
                    }
                } else if (Character.isLowSurrogate(unit)) {
                    pos = start;
                    throw error(String.format("lone surrogate \\u%04x in string", (int) unit));
                } else {
                    out.append(unit);
                }
            }
            default -> {
                pos = start;
                throw error("invalid escape sequence " + LedgerRuleException.quote("\\" + e));
            }
        }
    }

    private char parseHex4() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            // Character.digit also accepts non-ASCII digits; JSON allows only 0-9, a-f, A-F.
            if (d < 0 || text.charAt(pos) > 'f') {
                throw error("invalid hex digit " + describeCurrent() + " in \\u escape");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    private JsonNumber parseNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in number");
            }
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("unexpected " + describeCurrent() + ", expected a digit");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("unexpected " + describeCurrent() + ", expected a digit after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("unexpected " + describeCurrent() + ", expected an exponent digit");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private void expectLiteral(String literal) {
        if (!text.startsWith(literal, pos)) {
            throw error("unexpected " + describeCurrent() + ", expected a value");
        }
        pos += literal.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("unexpected " + describeCurrent() + ", expected '" + c + "'");
        }
        pos++;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** @return the current character, or U+FFFF at the end (never valid JSON there, so it fails every test) */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private String describeCurrent() {
        if (pos >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(pos);
        if (c >= 0x21 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("character U+%04X", (int) c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private LedgerRuleException error(String reason) {
        return LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field,
                "invalid JSON at offset " + pos + ": " + reason);
    }
}
