package org.carbonledger.service.pact;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.security.JwtSigningKey;
import org.carbonledger.service.security.OAuthClientRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how this service answers a partner's RequestCreatedEvent when the partner has no configured events
 * endpoint ({@link PactPartner}): to {@code /3/events} under the event's {@code source}, with a token obtained there
 * with the callback credentials an admin set for the partner's client, else the service-wide default
 * ({@code carbonledger.pact.callback-client-id}). Without either the request is refused at once, as PACT allows when
 * the data owner can tell it will not be able to answer.
 *
 * <p>The callback goes only to the {@code source} of an event that an authenticated client of this service posted:
 * whoever can make this service call an address has a token of its own. Redirects are not followed, and what the
 * address answers is logged (truncated), never handed back to the caller.
 */
@Singleton
public class PactCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(PactCallbacks.class);
    private static final String EVENTS_PATH = "/3/events";
    private static final int MAX_ID = 255;
    private static final int MAX_SECRET = 1024;
    private static final int IV_BYTES = 12;

    private final PactCallbackStore store;
    private final OAuthClientRepository clients;
    private final PactProperties properties;
    private final SecretKeySpec sealingKey;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    PactCallbacks(PactCallbackStore store, OAuthClientRepository clients, PactProperties properties,
                  JwtSigningKey signingKey) {
        this.store = store;
        this.clients = clients;
        this.properties = properties;
        this.sealingKey = sealingKey(signingKey.getPrivateKey().getEncoded());
    }

    /**
     * Credentials this service presents at a partner's token endpoint.
     *
     * @param clientId the client id
     * @param clientSecret the secret: never logged, never answered by the API
     */
    public record Credentials(String clientId, String clientSecret) {
        public Credentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + "]";
        }
    }

    /**
     * An admin's setting for one partner client, as the API shows it (without the secret).
     *
     * @param clientId the partner's client of this service
     * @param callbackClientId the client id this service presents at the partner
     * @param setBy the admin client that set it
     * @param setAt when
     */
    public record Setting(String clientId, String callbackClientId, String setBy, Instant setAt) {
        public Setting {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(callbackClientId, "callbackClientId");
            Objects.requireNonNull(setBy, "setBy");
            Objects.requireNonNull(setAt, "setAt");
        }

        /** @return {@code {"clientId","callbackClientId","secretSet":true,"setBy","setAt"}} */
        public JsonObject json() {
            return JsonObject.builder().put("clientId", clientId).put("callbackClientId", callbackClientId)
                    .put("secretSet", true).put("setBy", setBy).put("setAt", setAt.toString()).build();
        }
    }

    /** A setting, and whether this call created it (rather than replacing one). */
    public record Saved(Setting setting, boolean created) {
    }

    /**
     * Sets or replaces the callback credentials of a partner client.
     *
     * @param clientId a client of this service
     * @param callbackClientId 1 to 255 printable characters
     * @param callbackSecret 1 to 1024 printable characters
     * @param setBy the admin client
     * @return the setting, and whether it is new
     * @throws LedgerRuleException NOT_FOUND (field clientId) or INVALID_ARGUMENT naming the field
     */
    @Transactional
    public Saved set(String clientId, String callbackClientId, String callbackSecret, String setBy) {
        if (clients.findById(clientId).isEmpty()) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "clientId", clientId,
                    "is not an OAuth client of this service");
        }
        requirePrintable("callbackClientId", callbackClientId, MAX_ID, true);
        requirePrintable("callbackClientSecret", callbackSecret, MAX_SECRET, false);
        boolean created = store.find(clientId).isEmpty();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.upsert(clientId, callbackClientId, seal(callbackSecret), setBy, now);
        LOG.info("PACT: callback credentials of client {} {} by {} (callback client id {})", clientId,
                created ? "set" : "replaced", setBy, callbackClientId);
        return new Saved(new Setting(clientId, callbackClientId, setBy, now), created);
    }

    /**
     * @param clientId a client of this service
     * @return its callback setting, if an admin set one
     */
    public Optional<Setting> setting(String clientId) {
        return store.find(clientId).stream().findFirst().map(PactCallbacks::settingOf);
    }

    /**
     * @param clientId a client
     * @param removedBy the admin client
     * @throws LedgerRuleException NOT_FOUND when none is set
     */
    @Transactional
    public void remove(String clientId, String removedBy) {
        if (store.delete(clientId) == 0) {
            throw LedgerRuleException.of(ErrorCode.NOT_FOUND, "clientId", clientId,
                    "has no callback credentials set");
        }
        LOG.info("PACT: callback credentials of client {} removed by {}", clientId, removedBy);
    }

    /**
     * @param clientId the partner's client of this service
     * @return whether its requests can be answered: it has callback credentials, or a default is configured
     */
    public boolean canAnswer(String clientId) {
        return !store.find(clientId).isEmpty() || defaultCredentials().isPresent();
    }

    private Optional<Credentials> defaultCredentials() {
        if (properties.callbackClientId() != null && !properties.callbackClientId().isBlank()
                && properties.callbackClientSecret() != null && !properties.callbackClientSecret().isEmpty()) {
            return Optional.of(new Credentials(properties.callbackClientId(), properties.callbackClientSecret()));
        }
        return Optional.empty();
    }

    /**
     * @param clientId the partner's client of this service
     * @return the credentials to present when answering it: its own, else the configured default
     * @throws IllegalStateException when its stored secret cannot be unsealed (the signing key was replaced)
     */
    public Optional<Credentials> credentialsFor(String clientId) {
        Optional<String> row = store.find(clientId).stream().findFirst();
        if (row.isPresent()) {
            String[] parts = split(row.get());
            return Optional.of(new Credentials(parts[3], unseal(parts[4], clientId)));
        }
        return defaultCredentials();
    }

    /**
     * The events endpoint under a RequestCreatedEvent's {@code source}: {@code source + "/3/events"} (a trailing
     * slash dropped), or the source itself when it already names a {@code /3/events} endpoint, as PACT's own
     * examples do.
     *
     * @param source the event's source
     * @return the absolute URL the answer is POSTed to
     * @throws LedgerRuleException INVALID_ARGUMENT (field source) unless an absolute http(s) URL with a host, no
     *     user info, query or fragment
     */
    public static URI eventsUrl(String source) {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "source", source, "is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, "source", source, "must be an absolute http(s) "
                    + "URL without user info, query or fragment: the request is answered at its /3/events");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (!path.endsWith(EVENTS_PATH)) {
            path = path + EVENTS_PATH;
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /**
     * @param eventsUrl an events endpoint from {@link #eventsUrl}
     * @return the base its token endpoint is looked for under ({@code /.well-known/openid-configuration}, then
     *     {@code /auth/token})
     */
    static String base(String eventsUrl) {
        return eventsUrl.substring(0, eventsUrl.length() - EVENTS_PATH.length());
    }

    private String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a callback secret", e);
        }
    }

    private String unseal(String sealed, String clientId) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealingKey, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the callback secret of client " + clientId + " cannot be read (was the "
                    + "token signing key replaced?): set it again with PUT /api/v1/pact/grants/" + clientId
                    + "/callback", e);
        }
    }

    /** AES-256 key for the secrets, derived from the signing key so that it never sits in the database. */
    private static SecretKeySpec sealingKey(byte[] signingKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("carbonledger pact callback secrets v1".getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(sha.digest(signingKey), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requirePrintable(String field, String value, int max, boolean echo) {
        if (value == null || value.isEmpty() || value.length() > max || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            String message = "must have 1 to " + max + " characters, none of them control characters";
            throw echo ? LedgerRuleException.of(ErrorCode.INVALID_ARGUMENT, field, value == null ? "" : value, message)
                    : LedgerRuleException.ofField(ErrorCode.INVALID_ARGUMENT, field, message);
        }
    }

    private static String[] split(String row) {
        String[] head = row.split("\\|", 4);
        String rest = head[3];
        int last = rest.lastIndexOf('|');
        return new String[] {head[0], head[1], head[2], rest.substring(0, last), rest.substring(last + 1)};
    }

    private static Setting settingOf(String row) {
        String[] parts = split(row);
        Instant at = LocalDateTime.parse(parts[2].replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        return new Setting(parts[0], parts[3], parts[1], at);
    }
}
