package org.carbonledger.service.logging;

import java.util.Optional;

import io.micronaut.http.HttpRequest;

/**
 * The request id of an HTTP request: the caller's {@code X-Request-Id} if it is a sane token, else a fresh UUID. It
 * is echoed in the response header, in problem bodies, and in every log line written while serving the request
 * (MDC key {@link LogFields#REQUEST_ID}).
 */
public final class RequestIds {
    /** The header carrying the id both ways. */
    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "carbonledger.requestId";

    private RequestIds() {
    }

    /**
     * @param request a request that went through {@link RequestIdFilter}
     * @return its id
     */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }
}
