package org.carbonledger.service.security;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.carbonledger.service.config.ServiceProperties;

/**
 * Accepts only tokens issued for this instance's organization. The signature check alone would suffice with a key per
 * instance; this keeps it true when an operator shares one signing key between services of different organizations.
 */
@Singleton
final class OrganizationClaimValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final String organization;

    OrganizationClaimValidator(ServiceProperties service) {
        this.organization = service.organization();
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable HttpRequest<?> request) {
        return organization.equals(claims.get(ClientCredentialsService.ORG_CLAIM));
    }
}
