package org.carbonledger.service.pact;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.carbonledger.service.http.Problem;
import org.carbonledger.service.security.JwtSigningKey;

/**
 * Gives every error answer under {@code /3/} PACT's error body: the service renders errors as RFC 9457 problems
 * (including those Micronaut raises itself: missing or expired token, unknown route, wrong method), and PACT
 * clients expect {@code {"code","message"}}. Runs first on the way in, so it sees the final answer on the way out.
 */
@ServerFilter("/3/**")
final class PactErrorFilter implements Ordered {
    private final JwtSigningKey signingKey;

    PactErrorFilter(JwtSigningKey signingKey) {
        this.signingKey = signingKey;
    }

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
        PactError.TokenState token = request.getHeaders().getAuthorization()
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(a -> state(a.substring(7).trim())).orElse(PactError.TokenState.NONE);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> typed = (MutableHttpResponse<Object>) response;
        typed.body(PactError.body(PactError.code(status, token), message));
        typed.contentType(MediaType.APPLICATION_JSON_TYPE);
        if (status == 401 && !response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            typed.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"carbonledger\"");
        }
    }

    /**
     * Expired only when the token is one this service signed and its {@code exp} has passed: an expired token is
     * worth renewing, a forged or garbled one is not.
     */
    PactError.TokenState state(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new ECDSAVerifier(signingKey.getPublicKey()))) {
                return PactError.TokenState.INVALID;
            }
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
            return expiry != null && expiry.toInstant().isBefore(Instant.now())
                    ? PactError.TokenState.EXPIRED : PactError.TokenState.INVALID;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return PactError.TokenState.INVALID;
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
