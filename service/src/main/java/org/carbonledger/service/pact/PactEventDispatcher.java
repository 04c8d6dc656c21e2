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
 * Sends queued PACT events to the configured partners and announces new footprints to them.
 *
 * <p>Each round (every {@code carbonledger.pact.dispatch-interval}): queue a {@code PublishedEvent} per partner for
 * the seals it has not been told about; then POST every due event to the partner's {@code /3/events} with a token
 * from its {@code /auth/token} (client credentials). A failed delivery is retried with exponential backoff (10 s,
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

    private record Token(String value, Instant expiresAt) {
    }

    PactEventDispatcher(PactEventStore store, PactEvents events, PactGrants grants, List<PactPartner> partners,
                        FootprintStates states, ServiceProperties service) {
        this.store = store;
        this.events = events;
        this.grants = grants;
        this.partners = List.copyOf(partners);
        this.states = states;
        this.organization = service.organization();
    }

    @Scheduled(fixedDelay = "${carbonledger.pact.dispatch-interval:5s}", initialDelay = "3s")
    void round() {
        if (partners.isEmpty()) {
            return;
        }
        try {
            announce();
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

    /** Sends every due event once. */
    public void deliverDue() {
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        store.abandonOlderThan(now.minus(GIVE_UP_AFTER));
        for (String row : store.dueOutbound(now)) {
            String[] parts = row.split("\\|");
            String eventId = parts[0];
            int attempts = Integer.parseInt(parts[2]);
            PactPartner partner = partners.stream()
                    .filter(p -> p.name().equals(parts[1])).findFirst().orElse(null);
            if (partner == null) {
                store.markFailed(eventId, "ABANDONED", now, "partner " + parts[1] + " is no longer configured");
                continue;
            }
            try {
                send(partner, store.outboundBody(eventId));
                store.markDelivered(eventId, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                LOG.info("PACT event {} delivered to {}", eventId, partner.name());
            } catch (IOException | RuntimeException e) {
                Duration backoff = Duration.ofSeconds(10L << Math.min(attempts, 9));
                backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                store.markFailed(eventId, "PENDING", now.plus(backoff), why.length() > 1000 ? why.substring(0, 1000) : why);
                LOG.warn("PACT event {} to {} failed (attempt {}), retrying in {}: {}", eventId, partner.name(),
                        attempts + 1, backoff, why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(PactPartner partner, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(partner, body, token(partner, false));
        if (response.statusCode() == 401) {
            response = post(partner, body, token(partner, true));
        }
        if (response.statusCode() != 200) {
            throw new IOException(partner.eventsUrl() + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    private HttpResponse<String> post(PactPartner partner, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(partner.eventsUrl()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/cloudevents+json; charset=UTF-8")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return client(partner).send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String token(PactPartner partner, boolean renew) throws IOException, InterruptedException {
        Token cached = tokens.get(partner.name());
        if (!renew && cached != null && Instant.now().isBefore(cached.expiresAt())) {
            return cached.value();
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(partner.clientId(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(partner.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(partner.tokenUrl()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = client(partner).send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(partner.tokenUrl() + " refused the client credentials: " + response.statusCode());
        }
        JsonObjectReader r = JsonObjectReader.of(Json.parseObject(response.body(), "token response"), "");
        long lifetime = r.has("expires_in") ? r.requireInteger("expires_in", 1, 86_400 * 365L) : 300;
        Token token = new Token(r.requireString("access_token"),
                Instant.now().plusSeconds(Math.max(1, lifetime - 30)));
        tokens.put(partner.name(), token);
        return token.value();
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
