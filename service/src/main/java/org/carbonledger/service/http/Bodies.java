package org.carbonledger.service.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.micronaut.core.annotation.Nullable;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * Request bodies. Controllers take them as bytes, never as a String: Micronaut decodes a String body leniently and
 * would replace malformed UTF-8 with U+FFFD, which the ledger would then store as if the client had sent it. They are
 * read with the ledger's own strict JSON parser and passed to the chaincode as they are, so the chaincode's
 * validation is the only one and its messages (naming the field) reach the client unchanged.
 */
public final class Bodies {
    private Bodies() {
    }

    /** The body as a JSON object; a missing, malformed or non-UTF-8 body is a 400 naming {@code body}. */
    public static JsonObject object(@Nullable byte[] body) {
        if (isBlank(body)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "body", "a JSON object is required");
        }
        return Json.parseObject(body, "body");
    }

    /**
     * The body as text, decoded strictly: malformed UTF-8 is a 400 naming {@code field} and the byte offset of the
     * first bad byte.
     */
    public static String text(@Nullable byte[] body, String field) {
        if (body == null) {
            return "";
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field,
                    "is not valid UTF-8: malformed byte sequence at byte offset " + in.position());
        }
        return out.flip().toString();
    }

    /** Whether the body is absent or only JSON/CSV whitespace (checked on bytes, before any decoding). */
    public static boolean isBlank(@Nullable byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A string member the service itself needs (to build a Location or look up a replay). */
    public static String string(JsonObject body, String name) {
        return JsonObjectReader.of(body, "").requireString(name);
    }

    /** The body as the chaincode argument. */
    public static String argument(JsonObject body) {
        return Json.write(body);
    }
}
