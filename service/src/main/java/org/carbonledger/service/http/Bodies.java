package org.carbonledger.service.http;

import io.micronaut.core.annotation.Nullable;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;

/**
 * Request bodies. They are read with the ledger's own strict JSON parser and passed to the chaincode as they are, so
 * the chaincode's validation is the only one and its messages (naming the field) reach the client unchanged.
 */
public final class Bodies {
    private Bodies() {
    }

    /** The body as a JSON object; a missing or malformed body is a 400 naming {@code body}. */
    public static JsonObject object(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, "body", "a JSON object is required");
        }
        return Json.parseObject(body, "body");
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
