package org.carbonledger.bench.json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * What replacing core's JSON with a maintained library would look like: Jackson parses (strict duplicate detection,
 * floats as {@code BigDecimal} with their scale kept, trailing tokens refused) and a small writer produces RFC 8785
 * output from Jackson's tree under the same restriction core's {@code Jcs} has (numbers only as integers within
 * ±(2^53−1); decimals travel as strings). It exists to be measured against core, not to be used by the product.
 */
public final class JacksonJcs {
    private static final BigInteger MAX = BigInteger.valueOf((1L << 53) - 1);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * @param text JSON text
     * @return Jackson's tree of it
     * @throws IOException when Jackson refuses the text
     */
    public JsonNode parse(String text) throws IOException {
        return mapper.readTree(Objects.requireNonNull(text, "text"));
    }

    /**
     * @param text JSON text
     * @return its RFC 8785 form, UTF-8 encoded
     * @throws IOException when Jackson refuses the text
     * @throws IllegalArgumentException on a number core's canonical form would refuse too
     */
    public byte[] canonicalize(String text) throws IOException {
        StringBuilder out = new StringBuilder(text.length());
        write(out, parse(text));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
                // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
                members.sort(Map.Entry.comparingByKey());
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendString(out, members.get(i).getKey());
                    out.append(':');
                    write(out, members.get(i).getValue());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, node.get(i));
                }
                out.append(']');
            }
            case STRING -> appendString(out, node.textValue());
            case NUMBER -> {
                if (!node.isIntegralNumber() || node.bigIntegerValue().abs().compareTo(MAX) > 0) {
                    throw new IllegalArgumentException("not a safe integer: " + node);
                }
                out.append(node.bigIntegerValue());
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON data: " + node.getNodeType());
        }
    }

    private static void appendString(StringBuilder out, String s) {
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
