package org.carbonledger.service.passport;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * CORS for the resolver's public routes only: the passport, its linkset and QR codes ({@code /01/**}) and the
 * resolver description. Their data is public and carries no credentials, so any origin may read it
 * ({@code Access-Control-Allow-Origin: *}, never with credentials), and {@code OPTIONS} is answered 204 with what
 * a browser's preflight needs (a GS1-conformant resolver supports CORS and OPTIONS). The authenticated API
 * ({@code /api/v1}, {@code /3}) is not listed here and stays closed to cross-origin browsers: Micronaut's own CORS
 * support is off ({@code micronaut.server.cors.enabled: false}).
 */
@ServerFilter({"/01/**", "/.well-known/gs1resolver"})
final class PublicCors implements Ordered {
    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    static final String ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since";
    /** Headers a script may read besides the CORS-safelisted ones: the linkset link, redirects, validators. */
    static final String EXPOSED_HEADERS = "Link, Location, ETag";
    static final String MAX_AGE_SECONDS = "86400";

    /** @return whether the request is for one of the routes this filter opens (its patterns, as a predicate) */
    static boolean isPublic(HttpRequest<?> request) {
        String path = request.getPath();
        return path.startsWith("/01/") || path.equals("/.well-known/gs1resolver");
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> preflight(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.OPTIONS) {
            return null;
        }
        // Every OPTIONS on these routes, a preflight or not, has the same answer: no route needs a body or a
        // credential, so there is nothing to decide per request.
        return allowOrigin(HttpResponse.noContent())
                .header(HttpHeaders.ALLOW, ALLOWED_METHODS)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
    }

    @ResponseFilter
    void headers(MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            allowOrigin(response);
        }
    }

    private static MutableHttpResponse<?> allowOrigin(MutableHttpResponse<?> response) {
        return response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    }

    @Override
    public int getOrder() {
        // Before security and before Micronaut's CORS filter: a preflight is answered here, whatever they decide.
        return ServerFilterPhase.FIRST.before();
    }
}
