package org.carbonledger.apiclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonValue;

/**
 * One request to the service, before the client adds the bearer token.
 *
 * @param method      GET, POST or PUT
 * @param path        the path and query, already percent-encoded, starting with {@code /}
 * @param body        the body; empty for none
 * @param contentType the body's media type; empty for none
 * @param accept      the media types accepted
 * @param timeout     this request's timeout; empty for the client's
 */
public record ServiceRequest(String method, String path, byte[] body, Optional<String> contentType, String accept,
                             Optional<Duration> timeout) {
    static final String JSON = "application/json";

    public ServiceRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(timeout, "timeout");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path " + path + ": must start with /");
        }
        if (!method.equals("GET") && !method.equals("POST") && !method.equals("PUT")) {
            throw new IllegalArgumentException("method " + method + ": GET, POST or PUT");
        }
    }

    /** @return a GET accepting JSON */
    public static ServiceRequest get(String path) {
        return new ServiceRequest("GET", path, new byte[0], Optional.empty(), JSON, Optional.empty());
    }

    /** @return a POST of a body of the given media type, accepting JSON */
    public static ServiceRequest post(String path, byte[] body, String contentType) {
        return new ServiceRequest("POST", path, body, Optional.of(contentType), JSON, Optional.empty());
    }

    /** @return a POST of a JSON document already written (the load generator writes its batches once) */
    public static ServiceRequest postJson(String path, String json) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** @return a POST or PUT of a JSON value */
    static ServiceRequest json(String method, String path, JsonValue body) {
        return new ServiceRequest(method, path, Json.write(body).getBytes(StandardCharsets.UTF_8), Optional.of(JSON),
                JSON, Optional.empty());
    }

    /** @return this request with its own timeout */
    public ServiceRequest withTimeout(Duration timeout) {
        return new ServiceRequest(method, path, body, contentType, accept, Optional.of(timeout));
    }

    /** @return this request accepting other media types (e.g. {@code image/png}) */
    public ServiceRequest withAccept(String accept) {
        return new ServiceRequest(method, path, body, contentType, accept, timeout);
    }
}
