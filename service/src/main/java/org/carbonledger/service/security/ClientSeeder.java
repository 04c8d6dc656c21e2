package org.carbonledger.service.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@code oauth_client} table agree with {@code carbonledger.clients} before the server accepts requests:
 * configured clients are inserted or updated (roles, enabled, and the secret when it no longer matches). Clients
 * that are in the table but not in the configuration are left as they are.
 */
@Singleton
@Order(100)
final class ClientSeeder implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSeeder.class);
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final List<ClientProperties> configured;
    private final OAuthClientRepository repository;
    private final Clock clock = Clock.systemUTC();

    ClientSeeder(List<ClientProperties> configured, OAuthClientRepository repository) {
        this.configured = configured;
        this.repository = repository;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Set<String> seen = new HashSet<>();
        for (ClientProperties client : configured) {
            String id = validate(client);
            if (!seen.add(id)) {
                throw new IllegalStateException("carbonledger.clients lists client \"" + id + "\" twice");
            }
            seed(id, client);
        }
        if (configured.isEmpty()) {
            LOG.warn("No OAuth clients configured (carbonledger.clients): no one can obtain a token "
                    + "unless clients were seeded earlier");
        }
    }

    private void seed(String id, ClientProperties client) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        client.getRoles().forEach(name -> roles.add(Role.of(name)));
        // Microseconds: what a TIMESTAMP(6) column keeps, so the entity equals what is read back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<OAuthClient> existing = repository.findById(id);
        if (existing.isEmpty()) {
            repository.save(new OAuthClient(id, ClientSecrets.hash(client.getSecret()), roles, client.isEnabled(),
                    now, now));
            LOG.info("OAuth client {} created with roles {}", id, roles);
            return;
        }
        OAuthClient current = existing.get();
        boolean secretMatches = ClientSecrets.matches(client.getSecret(), current.secretHash());
        if (secretMatches && current.roles().equals(roles) && current.enabled() == client.isEnabled()) {
            return;
        }
        String hash = secretMatches ? current.secretHash() : ClientSecrets.hash(client.getSecret());
        repository.update(new OAuthClient(id, hash, roles, client.isEnabled(), current.createdAt(), now));
        LOG.info("OAuth client {} updated: roles {}, enabled {}, secret {}", id, roles, client.isEnabled(),
                secretMatches ? "unchanged" : "replaced");
    }

    private static String validate(ClientProperties client) {
        String where = "carbonledger.clients[" + client.getIndex() + "]";
        String id = client.getId();
        if (id == null || !CLIENT_ID.matcher(id).matches()) {
            throw new IllegalStateException(where + ".id must be 1-64 of letters, digits, '.', '_', '-'");
        }
        String secret = client.getSecret();
        if (secret == null || secret.length() < ClientSecrets.MIN_SECRET_LENGTH) {
            throw new IllegalStateException(where + ".secret of client \"" + id + "\" must be at least "
                    + ClientSecrets.MIN_SECRET_LENGTH + " characters (set it from an environment variable)");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length > ClientSecrets.MAX_SECRET_BYTES) {
            throw new IllegalStateException(where + ".secret of client \"" + id + "\" must be at most "
                    + ClientSecrets.MAX_SECRET_BYTES + " bytes");
        }
        if (client.getRoles().isEmpty()) {
            throw new IllegalStateException(where + ".roles of client \"" + id
                    + "\" must name at least one of admin, operator, read-only, pact");
        }
        try {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            client.getRoles().forEach(name -> roles.add(Role.of(name)));
            Role.checkCombination(roles);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ".roles of client \"" + id + "\": " + e.getMessage(), e);
        }
        return id;
    }
}
