package org.carbonledger.service.logging;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

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
    /** Callers' ids are accepted only if they cannot forge log structure or bloat it. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /**
     * @param request a request that went through {@link RequestIdFilter}
     * @return its id
     */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    /**
     * Gives the request its id: the caller's if acceptable, else a fresh one. {@link RequestIdFilter} does this for
     * every routed request; a request refused while routing gets its id when its problem is written.
     *
     * @param request the request
     * @return the id now attached to it
     */
    public static String assign(HttpRequest<?> request) {
        String id = request.getHeaders().get(HEADER, String.class)
                .filter(value -> ACCEPTABLE.matcher(value).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }
}
