package org.carbonledger.service.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import jakarta.inject.Singleton;

/**
 * The {@code WWW-Authenticate} header of 401 and 403 answers (RFC 6750 §3): {@code Bearer realm="carbonledger"},
 * with {@code error="invalid_token"} when a token was sent but not accepted.
 */
@Singleton
final class BearerChallenge implements WwwAuthenticateChallengeProvider<HttpRequest<?>> {
    @Override
    public @NonNull String getWwwAuthenticateChallenge(@Nullable HttpRequest<?> request) {
        boolean sentToken = request != null && request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
        return "Bearer realm=\"" + TokenController.REALM + "\"" + (sentToken ? ", error=\"invalid_token\"" : "");
    }
}
