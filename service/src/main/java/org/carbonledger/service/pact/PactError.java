package org.carbonledger.service.pact;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObject;

/**
 * The error body PACT v3 prescribes for its actions ({@code {"code": "...", "message": "..."}}, codes BadRequest,
 * AccessDenied, TokenExpired, NotFound, InternalError, NotImplemented), instead of the service's RFC 9457 problems.
 */
final class PactError {
    private PactError() {
    }

    /** @return PACT's code for an HTTP status */
    static String code(int status, boolean tokenSent) {
        return switch (status) {
            case 401 -> tokenSent ? "TokenExpired" : "AccessDenied";
            case 403 -> "AccessDenied";
            case 404 -> "NotFound";
            case 501 -> "NotImplemented";
            default -> status >= 500 ? "InternalError" : "BadRequest";
        };
    }

    static String body(String code, String message) {
        return Json.write(JsonObject.builder().put("code", code).put("message", message).build());
    }

    static MutableHttpResponse<String> response(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).body(body(code(status.getCode(), false), message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
