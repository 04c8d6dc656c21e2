package org.carbonledger.service.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;
import org.carbonledger.service.config.ServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks client credentials against {@code oauth_client} and issues access tokens: ES256 JWTs with {@code sub} (the
 * client id), {@code org} (this instance's MSP id), {@code roles} (expanded), {@code iss}, {@code iat}, {@code nbf},
 * {@code exp} and {@code jti}. Shared by every token endpoint ({@code /oauth/token}, PACT's {@code /auth/token}).
 */
@Singleton
public final class ClientCredentialsService {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsService.class);
    /** The claim naming the organization. */
    public static final String ORG_CLAIM = "org";

    private final OAuthClientRepository clients;
    private final JwtTokenGenerator tokens;
    private final AuthProperties properties;
    private final String organization;

    ClientCredentialsService(OAuthClientRepository clients, JwtTokenGenerator tokens, AuthProperties properties,
                             ServiceProperties service) {
        this.clients = clients;
        this.tokens = tokens;
        this.properties = properties;
        this.organization = service.organization();
    }

    /**
     * An issued token.
     *
     * @param accessToken the JWT
     * @param expiresInSeconds its lifetime
     */
    public record IssuedToken(String accessToken, long expiresInSeconds) {
        @Override
        public String toString() {
            return "IssuedToken[expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    /**
     * @param clientId the presented client id
     * @param secret the presented secret
     * @return a token if the client exists, is enabled and the secret matches; empty otherwise (the caller answers
     *     {@code invalid_client} without saying which check failed)
     */
    public Optional<IssuedToken> issue(String clientId, String secret) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Optional<OAuthClient> client = ClientSeeder.CLIENT_ID.matcher(clientId).matches()
                ? clients.findById(clientId)
                : Optional.empty();
        boolean matches = ClientSecrets.matches(secret, client.map(OAuthClient::secretHash).orElse(null));
        if (client.isEmpty() || !matches || !client.get().enabled()) {
            LOG.info("Token refused for client {}: {}", client.isPresent() ? clientId : "(unknown)",
                    client.isEmpty() ? "unknown client" : !matches ? "wrong secret" : "client disabled");
            return Optional.empty();
        }
        List<String> roles = Role.expand(client.get().roles()).stream().map(Role::claim).sorted().toList();
        int lifetime = Math.toIntExact(properties.tokenLifetime().toSeconds());
        Authentication authentication = Authentication.build(clientId, roles, Map.of(ORG_CLAIM, organization));
        String token = tokens.generateToken(authentication, lifetime)
                .orElseThrow(() -> new IllegalStateException("no token generator is configured"));
        LOG.info("Token issued to client {} with roles {}", clientId, roles);
        return Optional.of(new IssuedToken(token, lifetime));
    }
}
