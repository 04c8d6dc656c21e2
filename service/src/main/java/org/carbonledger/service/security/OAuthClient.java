package org.carbonledger.service.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/**
 * A client allowed to obtain tokens (row of {@code oauth_client}).
 *
 * @param clientId the public identifier, the {@code sub} of its tokens
 * @param secretHash BCrypt hash of the secret
 * @param roles roles as granted (not expanded)
 * @param enabled whether it may obtain new tokens
 * @param createdAt first seeded
 * @param updatedAt last changed
 */
@MappedEntity("oauth_client")
public record OAuthClient(
        @Id String clientId,
        String secretHash,
        @MappedProperty(converter = RoleSetConverter.class) Set<Role> roles,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secretHash, "secretHash");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
