package org.carbonledger.service.pact;

import java.util.Optional;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.carbonledger.service.http.Problem;

/**
 * Gives every error answer under {@code /3/} PACT's error body: the service renders errors as RFC 9457 problems
 * (including those Micronaut raises itself: missing or expired token, unknown route, wrong method), and PACT
 * clients expect {@code {"code","message"}}. Runs first on the way in, so it sees the final answer on the way out.
 */
@ServerFilter("/3/**")
final class PactErrorFilter implements Ordered {

    @ResponseFilter
    void pactErrors(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400) {
            return;
        }
        boolean problem = response.getContentType().map(t -> t.toString().startsWith(Problem.MEDIA_TYPE)).orElse(false);
        if (!problem) {
            return;
        }
        Optional<Problem> body = response.getBody(Problem.class);
        String message = body.map(Problem::detail).orElse(response.reason());
        boolean tokenSent = request.getHeaders().getAuthorization()
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> typed = (MutableHttpResponse<Object>) response;
        typed.body(PactError.body(PactError.code(status, tokenSent), message));
        typed.contentType(MediaType.APPLICATION_JSON_TYPE);
        if (status == 401 && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            typed.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"carbonledger\"");
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
