package org.carbonledger.service.pact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.carbonledger.core.crypto.Hash;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.pact.ProductFootprints;
import org.carbonledger.service.config.ServiceProperties;
import org.carbonledger.service.footprint.FootprintStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued PACT events, to the configured partners and to the sources of answered requests, and announces new
 * footprints to the configured partners.
 *
 * <p>Each round (every {@code carbonledger.pact.dispatch-interval}): queue a {@code PublishedEvent} per partner for
 * the seals it has not been told about; then POST every due event to its receiver's {@code /3/events} with a token
 * from the receiver (client credentials): a configured partner's {@code token-url}, else the token endpoint found
 * under the request's source ({@link #tokenEndpoint}). A failed delivery is retried with exponential backoff (10 s,
 * 20 s, … at most an hour apart) and abandoned after 72 hours, as PACT recommends. Delivery is at least once: a
 * partner must treat a repeated event id as a repeat.
 */
@Singleton
public class PactEventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(PactEventDispatcher.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(72);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final PactEventStore store;
    private final PactEvents events;
    private final PactGrants grants;
    private final List<PactPartner> partners;
    private final FootprintStates states;
    private final String organization;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final PactCallbacks callbacks;
    /** For answers to a request's source: the JDK's trust store, no redirects. */
    private final HttpClient callbackClient = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private record Token(String value, Instant expiresAt) {
    }

    PactEventDispatcher(PactEventStore store, PactEvents events, PactGrants grants, List<PactPartner> partners,
                        FootprintStates states, ServiceProperties service, PactCallbacks callbacks) {
        this.callbacks = callbacks;
        this.store = store;
        this.events = events;
        this.grants = grants;
        this.partners = List.copyOf(partners);
        this.states = states;
        this.organization = service.organization();
    }

    @Scheduled(fixedDelay = "${carbonledger.pact.dispatch-interval:5s}", initialDelay = "3s")
    void round() {
        try {
            if (!partners.isEmpty()) {
                announce();
            }
            // Answers to requests go to the requests' sources, so there may be due events without any partner.
            deliverDue();
        } catch (RuntimeException e) {
            // The next round retries from the database; nothing is lost by skipping this one.
            LOG.warn("PACT event round failed: {}", e.toString());
        }
    }

    /**
     * Queues PublishedEvents for seals not yet announced, to each partner only those it may see: a footprint id is
     * announced when its product is granted to the partner's client, and not before.
     */
    public void announce() {
        List<String[]> sealed = states.sealedBatchesOf(organization).stream()
                .map(row -> row.split("\\|", 3))
                .toList();
        for (PactPartner partner : partners) {
            PactGrants.Visibility visibility = grants.visibilityOf(partner.inboundClientId());
            List<String> seals = sealed.stream()
                    .filter(parts -> visibility.allows(parts[0]))
                    .map(parts -> parts[1] + "|" + ProductFootprints.id(Hash.ofHex(parts[1])))
                    .toList();
            int announced = events.announce(partner, seals);
            if (announced > 0) {
                LOG.info("PACT: announcing {} footprints to {}", announced, partner.name());
            }
        }
    }

    /**
     * Where one event goes and with which credentials.
     *
     * @param label for logs and the token cache
     * @param eventsUrl the receiver's {@code /3/events}
     * @param tokenUrl its token endpoint, or null to discover it under {@code base}
     * @param base where to look for {@code /.well-known/openid-configuration} and {@code /auth/token}
     * @param credentials this service's client credentials there
     * @param client the HTTP client (the partner's trusted certificate, or the JDK's trust store)
     */
    private record Target(String label, String eventsUrl, String tokenUrl, String base,
                          PactCallbacks.Credentials credentials, HttpClient client) {
    }

    /** Sends every due event once. */
    public void deliverDue() {
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        store.abandonOlderThan(now.minus(GIVE_UP_AFTER));
        for (String row : store.dueOutbound(now)) {
            String[] parts = row.split("\\|", 5);
            String eventId = parts[0];
            int attempts = Integer.parseInt(parts[1]);
            Target target;
            try {
                target = target(parts[4], parts[2], parts[3]);
            } catch (RuntimeException e) {
                store.markFailed(eventId, "ABANDONED", now, trimmed(e));
                LOG.warn("PACT event {} to {} abandoned: {}", eventId, parts[4], trimmed(e));
                continue;
            }
            try {
                send(target, store.outboundBody(eventId));
                store.markDelivered(eventId, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                LOG.info("PACT event {} delivered to {}", eventId, target.label());
            } catch (IOException | RuntimeException e) {
                Duration backoff = Duration.ofSeconds(10L << Math.min(attempts, 9));
                backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
                String why = trimmed(e);
                store.markFailed(eventId, "PENDING", now.plus(backoff), why);
                LOG.warn("PACT event {} to {} failed (attempt {}), retrying in {}: {}", eventId, target.label(),
                        attempts + 1, backoff, why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Read at every attempt, so changed callback credentials apply to events already queued.
     *
     * @throws IllegalStateException when the event cannot be sent any more: its partner is no longer configured, or
     *     its client has no callback credentials left
     */
    private Target target(String label, String inboundClientId, String eventsUrl) {
        if (eventsUrl.isEmpty()) {
            PactPartner partner = partners.stream().filter(p -> p.name().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("partner " + label + " is no longer configured"));
            return new Target(partner.name(), partner.eventsUrl(), partner.tokenUrl(), null,
                    new PactCallbacks.Credentials(partner.clientId(), partner.clientSecret()), client(partner));
        }
        PactCallbacks.Credentials credentials = callbacks.credentialsFor(inboundClientId).orElseThrow(() ->
                new IllegalStateException("client " + inboundClientId + " no longer has callback credentials"));
        return new Target(eventsUrl, eventsUrl, null, PactCallbacks.base(eventsUrl), credentials, callbackClient);
    }

    private void send(Target target, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(target, body, token(target, false));
        if (response.statusCode() == 401) {
            response = post(target, body, token(target, true));
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IOException(target.eventsUrl() + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    private HttpResponse<String> post(Target target, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.eventsUrl()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/cloudevents+json; charset=UTF-8")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return target.client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String token(Target target, boolean renew) throws IOException, InterruptedException {
        String key = (target.tokenUrl() != null ? target.tokenUrl() : target.base()) + " " + target.credentials().clientId();
        Token cached = tokens.get(key);
        if (!renew && cached != null && Instant.now().isBefore(cached.expiresAt())) {
            return cached.value();
        }
        String tokenUrl = target.tokenUrl() != null ? target.tokenUrl() : tokenEndpoint(target);
        PactCallbacks.Credentials credentials = target.credentials();
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(credentials.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = target.client().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(tokenUrl + " refused the client credentials of " + credentials.clientId() + ": "
                    + response.statusCode());
        }
        JsonObjectReader r = JsonObjectReader.of(Json.parseObject(response.body(), "token response"), "");
        long lifetime = r.has("expires_in") ? r.requireInteger("expires_in", 1, 86_400 * 365L) : 300;
        Token token = new Token(r.requireString("access_token"),
                Instant.now().plusSeconds(Math.max(1, lifetime - 30)));
        tokens.put(key, token);
        return token.value();
    }

    /**
     * PACT's discovery: the {@code token_endpoint} of {@code <base>/.well-known/openid-configuration}, else
     * {@code <base>/auth/token}. A discovery document that is missing, unreadable or names no absolute http(s)
     * endpoint means the fallback.
     */
    String tokenEndpoint(Target target) throws InterruptedException {
        String fallback = target.base() + "/auth/token";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.base() + "/.well-known/openid-configuration"))
                    .timeout(TIMEOUT).header("Accept", "application/json").GET().build();
            HttpResponse<String> response = target.client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return fallback;
            }
            String endpoint = JsonObjectReader.of(Json.parseObject(response.body(), "openid-configuration"), "")
                    .optionalString("token_endpoint").orElse("");
            URI uri = URI.create(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? endpoint : fallback;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static String trimmed(Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        return why.length() > 1000 ? why.substring(0, 1000) : why;
    }

    private HttpClient client(PactPartner partner) {
        return clients.computeIfAbsent(partner.name(), name -> {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (partner.trustCertificate() != null && !partner.trustCertificate().isBlank()) {
                builder.sslContext(trusting(Path.of(partner.trustCertificate())));
            }
            return builder.build();
        });
    }

    /** An SSL context that trusts exactly the certificates in one PEM file. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("partner-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the partner certificate " + pem + ": " + e.getMessage(), e);
        }
    }
}
