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

    /** How the bearer token of a refused request looked. */
    enum TokenState { NONE, EXPIRED, INVALID }

    /**
     * @param status the HTTP status
     * @param token the request's bearer token: none gives AccessDenied, one of ours past its expiry TokenExpired,
     *     anything else (not a JWT, a bad signature, another issuer) BadRequest, as PACT's conformance tool expects
     * @return PACT's code
     */
    static String code(int status, TokenState token) {
        return switch (status) {
            case 401 -> switch (token) {
                case NONE -> "AccessDenied";
                case EXPIRED -> "TokenExpired";
                case INVALID -> "BadRequest";
            };
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
        return HttpResponse.<String>status(status).body(body(code(status.getCode(), TokenState.NONE), message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
