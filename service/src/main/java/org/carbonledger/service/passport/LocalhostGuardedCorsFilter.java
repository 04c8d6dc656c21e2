package org.carbonledger.service.passport;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsFilter;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.resource.StaticResourceResolver;

/**
 * Micronaut's CORS filter with its drive-by-localhost guard lifted for the resolver's public routes only. The guard
 * answers an empty 403 to every request that carries a foreign {@code Origin} when the service runs on localhost,
 * as the services of the local network do; the passport, its linkset and QR codes and the resolver description are
 * public data meant for any origin ({@link PublicCors}). Every other route keeps the guard.
 */
@Replaces(CorsFilter.class)
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class LocalhostGuardedCorsFilter extends CorsFilter {
    LocalhostGuardedCorsFilter(HttpServerConfiguration.CorsConfiguration corsConfiguration,
                               @Nullable StaticResourceResolver staticResourceResolver, @Nullable Router router,
                               @Nullable HttpHostResolver httpHostResolver) {
        super(corsConfiguration, staticResourceResolver, router, httpHostResolver);
    }

    @Override
    protected boolean shouldDenyToPreventDriveByLocalhostAttack(CorsOriginConfiguration configuration,
                                                                HttpRequest<?> request) {
        return !PublicCors.isPublic(request) && super.shouldDenyToPreventDriveByLocalhostAttack(configuration, request);
    }

    @Override
    protected boolean shouldDenyToPreventDriveByLocalhostAttack(String origin, HttpRequest<?> request) {
        return !PublicCors.isPublic(request) && super.shouldDenyToPreventDriveByLocalhostAttack(origin, request);
    }
}
